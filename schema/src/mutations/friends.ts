import type {Transaction} from '@rocicorp/zero';
import * as z from 'zod/mini';
import {idSchema} from '../args.ts';
import {assertLoggedIn, assertVerified, type AuthContext} from '../context.ts';
import {ChorusError, ErrorCode} from '../errors.ts';
import {limits} from '../limits.ts';
import {zql, type Schema} from '../schema.ts';

/**
 * Friends and blocks (SPEC F1–F6): the rules every door shares. REST routes
 * and Zero pushes both run these in a server transaction; the client runs
 * them optimistically over its replica, which holds the caller's own
 * friendships and blocks (the `myFriendships` and `myBlocks` queries), so its
 * checks are the server's wherever the row is local.
 */

type Tx = Transaction<Schema>;

export const friendRequestArgsSchema = z.object({id: idSchema, userID: idSchema});
export type FriendRequestArgs = z.input<typeof friendRequestArgsSchema>;

export const friendRequestIDArgsSchema = z.object({id: idSchema});
export type FriendRequestIDArgs = z.input<typeof friendRequestIDArgsSchema>;

export const otherUserArgsSchema = z.object({userID: idSchema});
export type OtherUserArgs = z.input<typeof otherUserArgsSchema>;

/** What a request turned into: a new request, or the acceptance of theirs. */
export type FriendRequestOutcome = {id: string; status: 'pending' | 'accepted'};

const requestNotFound = () =>
  new ChorusError(ErrorCode.NOT_FOUND, 'That friend request does not exist or was withdrawn.');

/** The one friendship row between two people, whichever of them asked. */
export function friendshipBetween(tx: Tx, a: string, b: string) {
  return tx.run(
    zql.friendships
      .where(({or, and, cmp}) =>
        or(and(cmp('userID', a), cmp('friendID', b)), and(cmp('userID', b), cmp('friendID', a))),
      )
      .one(),
  );
}

/** [F5] Has `blocker` blocked `blocked`? Only the server can tell for someone else's block. */
export async function hasBlocked(tx: Tx, blocker: string, blocked: string): Promise<boolean> {
  const row = await tx.run(zql.userBlocks.where('blockerID', blocker).where('blockedID', blocked).one());
  return row !== undefined;
}

/** [F5] Either of the two blocked the other (DMs and mentions between them stop). */
export async function blockedEitherWay(tx: Tx, a: string, b: string): Promise<boolean> {
  return (await hasBlocked(tx, a, b)) || (await hasBlocked(tx, b, a));
}

async function assertPerson(tx: Tx, userID: string, field = 'userID') {
  const user = await tx.run(zql.users.where('id', userID).one());
  if (!user) {
    if (tx.location === 'client') return undefined;
    throw new ChorusError(ErrorCode.NOT_FOUND, 'No one has that account.', field);
  }
  return user;
}

/**
 * [F2] Asks `args.userID` to be friends. A request to someone who already
 * asked you accepts theirs. [F5] When they blocked you, the request is stored
 * as if sent but they never see it (the read filter of F1): nothing tells you
 * that you were blocked.
 */
export async function requestFriend(
  tx: Tx,
  ctx: AuthContext | undefined,
  args: z.output<typeof friendRequestArgsSchema>,
  now: number,
): Promise<FriendRequestOutcome> {
  assertVerified(ctx);
  const me = ctx.userID;
  if (args.userID === me) {
    throw new ChorusError(ErrorCode.INVALID, 'You cannot send a friend request to yourself.', 'userID');
  }
  const retried = await tx.run(zql.friendships.where('id', args.id).one());
  if (retried) {
    if (retried.userID !== me && retried.friendID !== me) throw requestNotFound();
    return {id: retried.id, status: retried.status};
  }
  const them = await assertPerson(tx, args.userID);
  if (them?.userType === 'ai_agent') {
    throw new ChorusError(ErrorCode.INVALID, 'AI agents cannot be added as friends.', 'userID');
  }
  if (await hasBlocked(tx, me, args.userID)) {
    throw new ChorusError(
      ErrorCode.CONFLICT,
      'You blocked this person. Unblock them in Settings → Privacy first.',
      'userID',
    );
  }
  const existing = await friendshipBetween(tx, me, args.userID);
  if (existing?.status === 'accepted') {
    throw new ChorusError(ErrorCode.CONFLICT, 'You are already friends.', 'userID');
  }
  if (existing && existing.userID === me) {
    throw new ChorusError(ErrorCode.CONFLICT, 'You already sent this person a friend request.', 'userID');
  }
  if (existing) {
    await acceptRow(tx, existing.id, now);
    return {id: existing.id, status: 'accepted'};
  }
  const pending = await tx.run(zql.friendships.where('userID', me).where('status', 'pending'));
  if (pending.length >= limits.pendingFriendRequestsMax) {
    throw new ChorusError(
      ErrorCode.LIMIT_REACHED,
      `You have ${limits.pendingFriendRequestsMax} requests waiting for an answer. Cancel some to send more.`,
    );
  }
  await assertFriendsBelowLimit(tx, me);
  await tx.mutate.friendships.insert({
    id: args.id,
    userID: me,
    friendID: args.userID,
    status: 'pending',
    createdAt: now,
  });
  return {id: args.id, status: 'pending'};
}

async function assertFriendsBelowLimit(tx: Tx, userID: string) {
  const asked = await tx.run(zql.friendships.where('userID', userID).where('status', 'accepted'));
  const answered = await tx.run(zql.friendships.where('friendID', userID).where('status', 'accepted'));
  if (asked.length + answered.length >= limits.friendsMax) {
    throw new ChorusError(
      ErrorCode.LIMIT_REACHED,
      `You can have at most ${limits.friendsMax} friends. Remove one to add another.`,
    );
  }
}

async function acceptRow(tx: Tx, id: string, now: number) {
  await tx.mutate.friendships.update({id, status: 'accepted', acceptedAt: now});
}

/** A pending request addressed to me that I may answer ([F1]: one from someone I blocked is gone). */
async function incomingRequest(tx: Tx, ctx: AuthContext, id: string) {
  const row = await tx.run(zql.friendships.where('id', id).where('friendID', ctx.userID).one());
  if (!row) {
    if (tx.location === 'client') return undefined;
    throw requestNotFound();
  }
  if (await hasBlocked(tx, ctx.userID, row.userID)) throw requestNotFound();
  return row;
}

/** [F3] The person asked accepts; accepting twice changes nothing. */
export async function acceptFriend(
  tx: Tx,
  ctx: AuthContext | undefined,
  args: z.output<typeof friendRequestIDArgsSchema>,
  now: number,
): Promise<void> {
  assertVerified(ctx);
  const row = await incomingRequest(tx, ctx, args.id);
  if (!row || row.status === 'accepted') return;
  await assertFriendsBelowLimit(tx, ctx.userID);
  await acceptRow(tx, row.id, now);
}

/** [F3] The person asked declines: the request goes, and the asker may ask again later. */
export async function rejectFriend(
  tx: Tx,
  ctx: AuthContext | undefined,
  args: z.output<typeof friendRequestIDArgsSchema>,
): Promise<void> {
  assertLoggedIn(ctx);
  const row = await incomingRequest(tx, ctx, args.id);
  if (!row) return;
  if (row.status !== 'pending') throw requestNotFound();
  await tx.mutate.friendships.delete({id: row.id});
}

/** [F3] The asker withdraws a request that is still pending. */
export async function cancelFriendRequest(
  tx: Tx,
  ctx: AuthContext | undefined,
  args: z.output<typeof friendRequestIDArgsSchema>,
): Promise<void> {
  assertLoggedIn(ctx);
  const row = await tx.run(zql.friendships.where('id', args.id).where('userID', ctx.userID).one());
  if (!row || row.status !== 'pending') {
    if (tx.location === 'client') return;
    throw requestNotFound();
  }
  await tx.mutate.friendships.delete({id: row.id});
}

/** [F4] Either friend ends the friendship. */
export async function removeFriend(
  tx: Tx,
  ctx: AuthContext | undefined,
  args: z.output<typeof otherUserArgsSchema>,
): Promise<void> {
  assertLoggedIn(ctx);
  const row = await friendshipBetween(tx, ctx.userID, args.userID);
  if (!row || row.status !== 'accepted') {
    if (tx.location === 'client') return;
    throw new ChorusError(ErrorCode.NOT_FOUND, 'You are not friends with this person.', 'userID');
  }
  await tx.mutate.friendships.delete({id: row.id});
}

/**
 * [F5] Blocks a person: any friendship or request between the two ends, and
 * from now on they cannot ask, message or mention-notify you. Blocking twice
 * changes nothing. Nothing is written that they could read.
 */
export async function blockUser(
  tx: Tx,
  ctx: AuthContext | undefined,
  args: z.output<typeof otherUserArgsSchema>,
  now: number,
): Promise<void> {
  assertLoggedIn(ctx);
  if (args.userID === ctx.userID) {
    throw new ChorusError(ErrorCode.INVALID, 'You cannot block yourself.', 'userID');
  }
  await assertPerson(tx, args.userID);
  const blocks = await tx.run(zql.userBlocks.where('blockerID', ctx.userID));
  if (blocks.some(b => b.blockedID === args.userID)) return;
  if (blocks.length >= limits.blocksMax) {
    throw new ChorusError(
      ErrorCode.LIMIT_REACHED,
      `You can block at most ${limits.blocksMax} people. Unblock someone to block another.`,
    );
  }
  const row = await friendshipBetween(tx, ctx.userID, args.userID);
  if (row) await tx.mutate.friendships.delete({id: row.id});
  await tx.mutate.userBlocks.insert({blockerID: ctx.userID, blockedID: args.userID, createdAt: now});
}

/** [F5] Unblocks; unblocking someone not blocked changes nothing. Friendship does not come back. */
export async function unblockUser(
  tx: Tx,
  ctx: AuthContext | undefined,
  args: z.output<typeof otherUserArgsSchema>,
): Promise<void> {
  assertLoggedIn(ctx);
  if (await hasBlocked(tx, ctx.userID, args.userID)) {
    await tx.mutate.userBlocks.delete({blockerID: ctx.userID, blockedID: args.userID});
  }
}
