import type {Transaction} from '@rocicorp/zero';
import * as z from 'zod/mini';
import {contentSchema, idSchema, timestampSchema} from '../args.ts';
import {assertLoggedIn, assertVerified, type AuthContext} from '../context.ts';
import {ChorusError, ErrorCode} from '../errors.ts';
import {limits} from '../limits.ts';
import {zql, type Schema} from '../schema.ts';
import {blockedEitherWay, friendshipBetween} from './friends.ts';
import {countReply} from './messages.ts';

/**
 * Direct conversations (SPEC DM1–DM6): 1:1 and group DMs outside servers.
 * Their messages are ordinary `messages` rows with `conversationID` instead
 * of `roomID`, so edit, delete and reactions are the message rules
 * (messages.ts), with membership as the read rule.
 */

type Tx = Transaction<Schema>;

export const createConversationArgsSchema = z.object({
  id: idSchema,
  /** The other people (the caller is added); one for a 1:1 conversation. */
  userIDs: z.array(idSchema).check(
    z.minLength(1, {message: 'Choose at least one person.'}),
    z.maxLength(limits.conversationMembersMax - 1, {
      message: `A group can have at most ${limits.conversationMembersMax} people.`,
    }),
  ),
});
export type CreateConversationArgs = z.input<typeof createConversationArgsSchema>;

export const conversationIDArgsSchema = z.object({conversationID: idSchema});
export type ConversationIDArgs = z.input<typeof conversationIDArgsSchema>;

export const conversationMemberArgsSchema = z.object({conversationID: idSchema, userID: idSchema});
export type ConversationMemberArgs = z.input<typeof conversationMemberArgsSchema>;

export const sendDirectMessageArgsSchema = z.object({
  id: idSchema,
  conversationID: idSchema,
  content: contentSchema,
  parentMessageID: z.optional(idSchema),
  // Set by the client for its optimistic row; the server uses its own clock.
  createdAt: z.optional(timestampSchema),
});
export type SendDirectMessageArgs = z.input<typeof sendDirectMessageArgsSchema>;

export const markConversationReadArgsSchema = z.object({conversationID: idSchema, readAt: timestampSchema});
export type MarkConversationReadArgs = z.input<typeof markConversationReadArgsSchema>;

/** `<smaller id>:<larger id>`: one key per pair of people. */
export const pairKey = (a: string, b: string) => (a < b ? `${a}:${b}` : `${b}:${a}`);

const notFound = () =>
  new ChorusError(ErrorCode.NOT_FOUND, 'That conversation does not exist or you are not in it.');

/** [DM2] The conversation, if the caller is a member; NOT_FOUND otherwise (client: undefined when unsynced). */
export async function conversationForMember(tx: Tx, ctx: AuthContext, conversationID: string) {
  const member = await tx.run(
    zql.directConversationMembers.where('conversationID', conversationID).where('userID', ctx.userID).one(),
  );
  const conversation = member
    ? await tx.run(zql.directConversations.where('id', conversationID).one())
    : undefined;
  if (!conversation) {
    if (tx.location === 'client') return undefined;
    throw notFound();
  }
  return conversation;
}

/** Do the two people share a server? (Server only: the client does not know others' servers.) */
async function shareServer(tx: Tx, a: string, b: string): Promise<boolean> {
  const mine = await tx.run(
    zql.userServers
      .where('userID', a)
      .whereExists('server', s => s.whereExists('members', m => m.where('userID', b))),
  );
  return mine.length > 0;
}

const areFriends = async (tx: Tx, a: string, b: string) =>
  (await friendshipBetween(tx, a, b))?.status === 'accepted';

/** What a create turned into: a new conversation, or the pair's existing one. */
export type ConversationOutcome = {id: string; created: boolean};

/**
 * [DM1] A 1:1 conversation with a friend or someone you share a server with,
 * unless either blocked the other; the same pair always gets the same one.
 * [DM3] A group of 3–10 people, all friends of its creator.
 */
export async function createConversation(
  tx: Tx,
  ctx: AuthContext | undefined,
  args: z.output<typeof createConversationArgsSchema>,
  now: number,
): Promise<ConversationOutcome> {
  assertVerified(ctx);
  const me = ctx.userID;
  const others = [...new Set(args.userIDs)].filter(id => id !== me);
  if (others.length === 0) {
    throw new ChorusError(ErrorCode.INVALID, 'Choose someone other than yourself.', 'userIDs');
  }
  const retried = await tx.run(zql.directConversations.where('id', args.id).one());
  if (retried) {
    // A retry answers the conversation; someone else's id is NOT_FOUND, which reveals nothing.
    await conversationForMember(tx, ctx, args.id);
    return {id: args.id, created: false};
  }
  const onServer = tx.location === 'server';
  const cannotMessage = () =>
    new ChorusError(
      ErrorCode.FORBIDDEN,
      'You can message people who are your friends or share a server with you.',
      'userIDs',
    );

  if (others.length === 1) {
    const other = others[0]!;
    const key = pairKey(me, other);
    const existing = await tx.run(zql.directConversations.where('pairKey', key).one());
    if (existing) return {id: existing.id, created: false};
    if (onServer) {
      const them = await tx.run(zql.users.where('id', other).one());
      // [F5] A block either way looks like any other refusal.
      if (!them || (await blockedEitherWay(tx, me, other))) throw cannotMessage();
      if (!(await areFriends(tx, me, other)) && !(await shareServer(tx, me, other))) throw cannotMessage();
    }
    await insertConversation(tx, {id: args.id, createdBy: me, pairKey: key, now}, [me, other]);
    return {id: args.id, created: true};
  }

  for (const other of others) {
    if (!(await areFriends(tx, me, other)) && (onServer || (await friendshipBetween(tx, me, other)))) {
      throw new ChorusError(ErrorCode.FORBIDDEN, 'A group can only include your friends.', 'userIDs');
    }
  }
  await insertConversation(tx, {id: args.id, createdBy: me, now}, [me, ...others]);
  return {id: args.id, created: true};
}

async function insertConversation(
  tx: Tx,
  c: {id: string; createdBy: string; pairKey?: string; now: number},
  memberIDs: string[],
) {
  await tx.mutate.directConversations.insert({
    id: c.id,
    createdBy: c.createdBy,
    isGroup: c.pairKey === undefined,
    pairKey: c.pairKey,
    createdAt: c.now,
  });
  for (const userID of memberIDs) {
    await tx.mutate.directConversationMembers.insert({conversationID: c.id, userID, joinedAt: c.now});
  }
}

/** [DM3] The creator of a group adds a friend, up to 10 people; adding a member again changes nothing. */
export async function addConversationMember(
  tx: Tx,
  ctx: AuthContext | undefined,
  args: z.output<typeof conversationMemberArgsSchema>,
  now: number,
): Promise<void> {
  assertVerified(ctx);
  const conversation = await conversationForMember(tx, ctx, args.conversationID);
  if (!conversation) return;
  if (!conversation.isGroup || conversation.createdBy !== ctx.userID) {
    throw new ChorusError(ErrorCode.FORBIDDEN, 'Only the creator of a group adds people to it.');
  }
  const members = await tx.run(zql.directConversationMembers.where('conversationID', args.conversationID));
  if (members.some(m => m.userID === args.userID)) return;
  if (members.length >= limits.conversationMembersMax) {
    throw new ChorusError(
      ErrorCode.LIMIT_REACHED,
      `A group can have at most ${limits.conversationMembersMax} people.`,
    );
  }
  if (!(await areFriends(tx, ctx.userID, args.userID))) {
    if (tx.location === 'server' || (await friendshipBetween(tx, ctx.userID, args.userID))) {
      throw new ChorusError(ErrorCode.FORBIDDEN, 'You can only add your friends.', 'userID');
    }
  }
  await tx.mutate.directConversationMembers.insert({
    conversationID: args.conversationID,
    userID: args.userID,
    joinedAt: now,
  });
}

/** [DM3] A member leaves a group (a 1:1 conversation cannot be left). */
export async function leaveConversation(
  tx: Tx,
  ctx: AuthContext | undefined,
  args: z.output<typeof conversationIDArgsSchema>,
): Promise<void> {
  assertLoggedIn(ctx);
  const conversation = await conversationForMember(tx, ctx, args.conversationID);
  if (!conversation) return;
  if (!conversation.isGroup) {
    throw new ChorusError(ErrorCode.INVALID, 'A conversation between two people cannot be left.');
  }
  await tx.mutate.directConversationMembers.delete({conversationID: args.conversationID, userID: ctx.userID});
}

/**
 * [DM4] Members send; in a 1:1 conversation, not when either blocked the
 * other. A retry of the same id is a no-op (MS3); a reply's parent is a
 * top-level message of the same conversation (MS4).
 */
export async function sendDirectMessage(
  tx: Tx,
  ctx: AuthContext | undefined,
  args: z.output<typeof sendDirectMessageArgsSchema>,
  now: number,
): Promise<'created' | 'existing'> {
  assertVerified(ctx);
  const conversation = await conversationForMember(tx, ctx, args.conversationID);
  const existing = await tx.run(zql.messages.where('id', args.id).one());
  if (existing) {
    if (existing.userID === ctx.userID && existing.conversationID === args.conversationID) return 'existing';
    throw new ChorusError(ErrorCode.CONFLICT, 'A message with this id already exists.', 'id');
  }
  if (conversation?.pairKey && tx.location === 'server') {
    const other = conversation.pairKey.split(':').find(id => id !== ctx.userID) ?? '';
    if (await blockedEitherWay(tx, ctx.userID, other)) {
      throw new ChorusError(
        ErrorCode.FORBIDDEN,
        'Your message could not be delivered: this person is not accepting direct messages from you.',
      );
    }
  }
  if (args.parentMessageID !== undefined) {
    await countReply(tx, args.parentMessageID, {conversationID: args.conversationID}, now);
  }
  await tx.mutate.messages.insert({
    id: args.id,
    conversationID: args.conversationID,
    userID: ctx.userID,
    content: args.content,
    parentMessageID: args.parentMessageID,
    replyCount: 0,
    createdAt: now,
  });
  return 'created';
}

/** [DM5] A member's read mark only moves forward, never past `now`. */
export async function markConversationRead(
  tx: Tx,
  ctx: AuthContext | undefined,
  args: z.output<typeof markConversationReadArgsSchema>,
  now: number,
): Promise<void> {
  assertLoggedIn(ctx);
  const member = await tx.run(
    zql.directConversationMembers
      .where('conversationID', args.conversationID)
      .where('userID', ctx.userID)
      .one(),
  );
  if (!member) {
    if (tx.location === 'client') return;
    throw notFound();
  }
  const readAt = Math.min(args.readAt, now);
  if (member.lastReadAt != null && member.lastReadAt >= readAt) return;
  await tx.mutate.directConversationMembers.update({
    conversationID: args.conversationID,
    userID: ctx.userID,
    lastReadAt: readAt,
  });
}
