import type {Transaction} from '@rocicorp/zero';
import type * as z from 'zod/mini';
import type {
  createRoomArgsSchema,
  markRoomReadArgsSchema,
  roomIDArgsSchema,
  roomMemberArgsSchema,
  updateRoomArgsSchema,
} from '../args.ts';
import {assertLoggedIn, assertVerified, type AuthContext} from '../context.ts';
import {ChorusError, ErrorCode} from '../errors.ts';
import {assertRoomReadable, assertServerAdmin, roomForAdmin, serverRole} from '../permissions.ts';
import {zql, type Schema} from '../schema.ts';

type Tx = Transaction<Schema>;

export async function createRoom(
  tx: Tx,
  ctx: AuthContext | undefined,
  args: z.output<typeof createRoomArgsSchema>,
  now: number,
): Promise<void> {
  assertVerified(ctx);
  // [S4] only owners and admins create rooms.
  await assertServerAdmin(tx, ctx, args.serverID);
  const existing = await tx.run(zql.rooms.where('id', args.id).one());
  if (existing) {
    throw new ChorusError(ErrorCode.CONFLICT, 'A room with this id already exists.', 'id');
  }
  await tx.mutate.rooms.insert({
    id: args.id,
    serverID: args.serverID,
    name: args.name,
    isPrivate: args.isPrivate,
    createdBy: ctx.userID,
    createdAt: now,
  });
  if (args.isPrivate) {
    // The creator of a private room is its first member.
    await tx.mutate.userRooms.insert({
      userID: ctx.userID,
      roomID: args.id,
      role: 'owner',
      joinedAt: now,
      lastReadAt: now,
      isMember: true,
    });
  }
}

/** [RM2] Owners and admins rename rooms and change their privacy. */
export async function updateRoom(
  tx: Tx,
  ctx: AuthContext | undefined,
  args: z.output<typeof updateRoomArgsSchema>,
  now: number,
): Promise<void> {
  assertLoggedIn(ctx);
  const room = await roomForAdmin(tx, ctx, args.roomID);
  if (!room) return;
  await tx.mutate.rooms.update({
    id: args.roomID,
    ...(args.name === undefined ? {} : {name: args.name}),
    ...(args.isPrivate === undefined ? {} : {isPrivate: args.isPrivate}),
  });
  if (args.isPrivate && !room.isPrivate) {
    // Whoever makes a room private keeps reading it.
    await setMembership(tx, ctx.userID, args.roomID, 'admin', now);
  }
}

/** [RM3] Owners and admins delete rooms, except a server's last one. */
export async function deleteRoom(
  tx: Tx,
  ctx: AuthContext | undefined,
  args: z.output<typeof roomIDArgsSchema>,
): Promise<void> {
  assertLoggedIn(ctx);
  const room = await roomForAdmin(tx, ctx, args.roomID);
  if (!room) return;
  const siblings = await tx.run(zql.rooms.where('serverID', room.serverID));
  if (siblings.length <= 1 && tx.location === 'server') {
    throw new ChorusError(
      ErrorCode.INVALID,
      'A server needs at least one room. Create another before deleting this one.',
    );
  }
  await tx.mutate.rooms.delete({id: args.roomID});
}

/** [RM4] Owners and admins add server members to a room (how private rooms get readers). */
export async function addRoomMember(
  tx: Tx,
  ctx: AuthContext | undefined,
  args: z.output<typeof roomMemberArgsSchema>,
  now: number,
): Promise<void> {
  assertLoggedIn(ctx);
  const room = await roomForAdmin(tx, ctx, args.roomID);
  if (!room) return;
  const theirRole = await serverRole(tx, args.userID, room.serverID);
  if (!theirRole) {
    if (tx.location === 'client') return;
    throw new ChorusError(
      ErrorCode.INVALID,
      'Only members of the server can be added to its rooms.',
      'userID',
    );
  }
  await setMembership(tx, args.userID, args.roomID, 'member', now);
}

/** Makes a user a member of a room, keeping any read state they already have. */
async function setMembership(tx: Tx, userID: string, roomID: string, role: 'admin' | 'member', now: number) {
  const existing = await tx.run(zql.userRooms.where('userID', userID).where('roomID', roomID).one());
  if (!existing) {
    await tx.mutate.userRooms.insert({userID, roomID, role, joinedAt: now, isMember: true});
  } else if (!existing.isMember) {
    await tx.mutate.userRooms.update({userID, roomID, isMember: true});
  }
}

/** [RM4] ... and remove them again. */
export async function removeRoomMember(
  tx: Tx,
  ctx: AuthContext | undefined,
  args: z.output<typeof roomMemberArgsSchema>,
): Promise<void> {
  assertLoggedIn(ctx);
  const room = await roomForAdmin(tx, ctx, args.roomID);
  if (!room) return;
  const existing = await tx.run(
    zql.userRooms.where('userID', args.userID).where('roomID', args.roomID).one(),
  );
  // Read state stays; membership (and with it a private room) goes.
  if (existing?.isMember) {
    await tx.mutate.userRooms.update({userID: args.userID, roomID: args.roomID, isMember: false});
  }
}

/**
 * Where a later read mark goes instead of user_rooms. The server passes one
 * (migration 009: marks are published in batches); the client writes its
 * optimistic row directly.
 */
export type DeferReadMark = (userID: string, roomID: string, readAt: number) => Promise<void>;

/**
 * [RS1] The reader's last-read time in a room: never in the future, never
 * backwards. The first mark creates the user_rooms row (the seed's room
 * join) at once; later ones go through `defer` when given.
 */
export async function markRoomRead(
  tx: Tx,
  ctx: AuthContext | undefined,
  args: z.output<typeof markRoomReadArgsSchema>,
  now: number,
  defer?: DeferReadMark,
): Promise<void> {
  assertLoggedIn(ctx);
  await assertRoomReadable(tx, ctx, args.roomID);
  // Never in the future, never backwards.
  const readAt = Math.min(args.readAt, now);
  const state = await tx.run(zql.userRooms.where('userID', ctx.userID).where('roomID', args.roomID).one());
  if (!state) {
    await tx.mutate.userRooms.insert({
      userID: ctx.userID,
      roomID: args.roomID,
      role: 'member',
      joinedAt: now,
      lastReadAt: readAt,
      isMember: false,
    });
  } else if ((state.lastReadAt ?? 0) < readAt) {
    if (defer) await defer(ctx.userID, args.roomID, readAt);
    else await tx.mutate.userRooms.update({userID: ctx.userID, roomID: args.roomID, lastReadAt: readAt});
  }
}
