import type {Transaction} from '@rocicorp/zero';
import type * as z from 'zod/mini';
import type {
  addReactionArgsSchema,
  editMessageArgsSchema,
  messageIDArgsSchema,
  removeReactionArgsSchema,
  sendMessageArgsSchema,
} from '../args.ts';
import {assertLoggedIn, assertVerified, type AuthContext} from '../context.ts';
import {ChorusError, ErrorCode} from '../errors.ts';
import {writeMentions} from '../mentions.ts';
import {assertRoomReadable, serverRole, whereRoomReadable} from '../permissions.ts';
import {zql, type Schema} from '../schema.ts';

type Tx = Transaction<Schema>;

/** Outcome of a send: `created`, or `existing` for an idempotent retry. */
export type SendOutcome = 'created' | 'existing';

export async function sendMessage(
  tx: Tx,
  ctx: AuthContext | undefined,
  args: z.output<typeof sendMessageArgsSchema>,
  now: number,
): Promise<SendOutcome> {
  assertVerified(ctx);
  // [MS1] the author must be able to read the room.
  await assertRoomReadable(tx, ctx, args.roomID);
  // [MS3] a retry with the same id is a no-op; an id owned by another message is a conflict.
  const existing = await tx.run(zql.messages.where('id', args.id).one());
  if (existing) {
    if (existing.userID === ctx.userID && existing.roomID === args.roomID) {
      return 'existing';
    }
    throw new ChorusError(ErrorCode.CONFLICT, 'A message with this id already exists.', 'id');
  }
  if (args.parentMessageID !== undefined) {
    await countReply(tx, args.parentMessageID, {roomID: args.roomID}, now);
  }
  await tx.mutate.messages.insert({
    id: args.id,
    roomID: args.roomID,
    userID: ctx.userID,
    content: args.content,
    parentMessageID: args.parentMessageID,
    replyCount: 0,
    createdAt: now,
  });
  await writeMentions(tx, {...args, userID: ctx.userID, createdAt: now}, true);
  return 'created';
}

/**
 * [MS4][DM4] A reply's parent is a top-level message of the same room (or
 * conversation): its reply count and last reply time follow. On the client a
 * parent missing from the replica proves nothing; the server decides.
 */
export async function countReply(
  tx: Tx,
  parentID: string,
  place: {roomID: string} | {conversationID: string},
  now: number,
): Promise<void> {
  const parent = await tx.run(zql.messages.where('id', parentID).one());
  const samePlace =
    'roomID' in place ? parent?.roomID === place.roomID : parent?.conversationID === place.conversationID;
  if (!parent && tx.location === 'client') return;
  if (!parent || !samePlace || parent.parentMessageID) {
    throw new ChorusError(
      ErrorCode.INVALID,
      `You can only reply to a top-level message in the same ${'roomID' in place ? 'room' : 'conversation'}.`,
      'parentMessageID',
    );
  }
  await tx.mutate.messages.update({id: parent.id, replyCount: parent.replyCount + 1, lastReplyAt: now});
}

/** The message, if the caller can read its room or is in its conversation; NOT_FOUND otherwise (client: undefined when unsynced). */
async function readableMessage(tx: Tx, ctx: AuthContext, id: string) {
  const message = await tx.run(zql.messages.where('id', id).one());
  const onClient = tx.location === 'client';
  if (message?.roomID) {
    const room = await tx.run(whereRoomReadable(zql.rooms.where('id', message.roomID), ctx.userID).one());
    // On the client a room missing from the replica proves nothing; the server decides.
    if (room || onClient) return message;
  } else if (message?.conversationID) {
    // [DM2] A conversation's messages are its members'.
    const member = await tx.run(
      zql.directConversationMembers
        .where('conversationID', message.conversationID)
        .where('userID', ctx.userID)
        .one(),
    );
    if (member || onClient) return message;
  } else if (onClient) {
    return undefined;
  }
  // [M1] One answer for a missing message and one in a room the caller cannot read,
  // so the answer does not reveal that the message exists.
  throw new ChorusError(ErrorCode.NOT_FOUND, 'That message does not exist or you cannot read it.');
}

/** [ME1] Only the author edits a message, and not once it is deleted. */
export async function editMessage(
  tx: Tx,
  ctx: AuthContext | undefined,
  args: z.output<typeof editMessageArgsSchema>,
  now: number,
): Promise<void> {
  assertLoggedIn(ctx);
  const message = await readableMessage(tx, ctx, args.id);
  if (!message) return;
  if (message.userID !== ctx.userID) {
    throw new ChorusError(ErrorCode.FORBIDDEN, 'You can only edit your own messages.');
  }
  if (message.deletedAt) {
    throw new ChorusError(ErrorCode.INVALID, 'A deleted message cannot be edited.');
  }
  if (message.content === args.content) return;
  await tx.mutate.messages.update({id: args.id, content: args.content, editedAt: now});
  if (message.roomID) {
    await writeMentions(tx, {...message, roomID: message.roomID, userID: ctx.userID, content: args.content});
  }
}

/**
 * [ME2] The author, or an owner or admin of the server, deletes a message. It
 * stays as a placeholder (content emptied, deletedAt set) so threads keep
 * their shape; its reactions go.
 */
export async function deleteMessage(
  tx: Tx,
  ctx: AuthContext | undefined,
  args: z.output<typeof messageIDArgsSchema>,
  now: number,
): Promise<void> {
  assertLoggedIn(ctx);
  const message = await readableMessage(tx, ctx, args.id);
  if (!message || message.deletedAt) return;
  if (message.userID !== ctx.userID) {
    // [DM4] In a conversation only the author deletes: it has no owner or admins.
    const room = message.roomID ? await tx.run(zql.rooms.where('id', message.roomID).one()) : undefined;
    const role = room ? await serverRole(tx, ctx.userID, room.serverID) : undefined;
    if (role !== 'owner' && role !== 'admin') {
      throw new ChorusError(ErrorCode.FORBIDDEN, 'You can only delete your own messages.');
    }
  }
  await tx.mutate.messages.update({id: args.id, content: '', deletedAt: now});
  if (message.roomID) {
    await writeMentions(tx, {...message, roomID: message.roomID, userID: message.userID ?? '', content: ''});
  }
  for (const r of await tx.run(zql.messageReactions.where('messageID', args.id))) {
    await tx.mutate.messageReactions.delete({id: r.id});
  }
}

/** [RE1] Anyone who can read a message reacts to it, once per emoji. */
export async function addReaction(
  tx: Tx,
  ctx: AuthContext | undefined,
  args: z.output<typeof addReactionArgsSchema>,
  now: number,
): Promise<void> {
  assertLoggedIn(ctx);
  const message = await readableMessage(tx, ctx, args.messageID);
  if (message?.deletedAt) throw new ChorusError(ErrorCode.INVALID, 'You cannot react to a deleted message.');
  const existing = await tx.run(
    zql.messageReactions
      .where('messageID', args.messageID)
      .where('userID', ctx.userID)
      .where('emoji', args.emoji)
      .one(),
  );
  if (existing) return;
  await tx.mutate.messageReactions.insert({
    id: args.id,
    messageID: args.messageID,
    userID: ctx.userID,
    emoji: args.emoji,
    createdAt: now,
  });
}

/** [RE2] People remove only their own reactions. */
export async function removeReaction(
  tx: Tx,
  ctx: AuthContext | undefined,
  args: z.output<typeof removeReactionArgsSchema>,
): Promise<void> {
  assertLoggedIn(ctx);
  const mine = await tx.run(
    zql.messageReactions
      .where('messageID', args.messageID)
      .where('userID', ctx.userID)
      .where('emoji', args.emoji)
      .one(),
  );
  if (mine) await tx.mutate.messageReactions.delete({id: mine.id});
}
