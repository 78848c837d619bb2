import type {Query, Transaction} from '@rocicorp/zero';
import type {AuthContext} from './context.ts';
import {ChorusError, ErrorCode} from './errors.ts';
import {zql, type Schema, type ServerRole} from './schema.ts';

/**
 * Read rules, written once as ZQL filters and applied by every synced query on
 * the server (see SPEC.md). A client never receives a row these filters drop.
 */

type ServerQuery = Query<'servers', Schema, any>;
type RoomQuery = Query<'rooms', Schema, any>;
type MessageQuery = Query<'messages', Schema, any>;
type UserRoomQuery = Query<'userRooms', Schema, any>;
type ConversationQuery = Query<'directConversations', Schema, any>;

/** Nobody matches: the user id for callers without a context. */
export const NOBODY = '00000000-0000-0000-0000-000000000000';

/** [S1] Servers the user is a member of. */
export function whereServerMember<Q extends ServerQuery>(q: Q, userID: string): Q {
  return q.whereExists('members', m => m.where('userID', userID)) as Q;
}

/** [R1] Rooms the user can read: member of the server, and the room is public or they were added. */
export function whereRoomReadable<Q extends RoomQuery>(q: Q, userID: string): Q {
  return q
    .whereExists('serverMembers', m => m.where('userID', userID))
    .where(({or, cmp, exists}) =>
      or(
        cmp('isPrivate', false),
        exists('members', m => m.where('userID', userID).where('isMember', true)),
      ),
    ) as Q;
}

/** [DM2] Conversations the user is a member of. */
export function whereConversationMember<Q extends ConversationQuery>(q: Q, userID: string): Q {
  return q.whereExists('members', m => m.where('userID', userID)) as Q;
}

/** [M1][DM2] Messages in rooms the user can read, or in conversations they are a member of. */
export function whereMessageReadable<Q extends MessageQuery>(q: Q, userID: string): Q {
  return q.where(({or, exists}) =>
    or(
      exists('room', r => whereRoomReadable(r, userID)),
      exists('conversation', c => whereConversationMember(c, userID)),
    ),
  ) as Q;
}

/** [M1] Messages in rooms the user can read (not conversations): room-scoped queries. */
export function whereRoomMessageReadable<Q extends MessageQuery>(q: Q, userID: string): Q {
  return q.whereExists('room', r => whereRoomReadable(r, userID)) as Q;
}

/**
 * [R1] Rows of one room (messages, members), when the user can read it. On the
 * server the room's check is a scalar subquery: zero-cache resolves it once
 * when it hydrates the query and compares `roomID` with a literal after that,
 * instead of joining the room, its server's members and its member list for
 * every new row and every client. It re-hydrates when the check's answer
 * changes (kicked, room made private); room_activity lives in its own table
 * so that new messages do not change the room row.
 *
 * zero-cache sends the client only the room row for such a check, not the
 * memberships under it, so on a client (`ctx.replica`) the check would hang
 * on rows other queries happen to sync. It is left to the server there: the
 * replica holds only what the server let through.
 */
export function whereInReadableRoom<Q extends MessageQuery | UserRoomQuery>(
  q: Q,
  roomID: string,
  ctx: AuthContext | undefined,
): Q {
  const inRoom = (q as MessageQuery).where('roomID', roomID);
  if (ctx?.replica) return inRoom as Q;
  const userID = ctx?.userID ?? NOBODY;
  return inRoom.whereExists('room', r => whereRoomReadable(r.where('id', roomID), userID), {
    scalar: true,
  }) as Q;
}

/** The caller's role in a server, or undefined when not a member. */
export async function serverRole(
  tx: Transaction<Schema>,
  userID: string,
  serverID: string,
): Promise<ServerRole | undefined> {
  const row = await tx.run(zql.userServers.where('userID', userID).where('serverID', serverID).one());
  return row?.role;
}

/**
 * On the client, the replica holds only what the user's queries have synced:
 * a missing row proves nothing, so client checks deny only on evidence and
 * leave the verdict to the server, which sees everything.
 */
const unknownLocally = (tx: Transaction<Schema>) => tx.location === 'client';

/** [S3] Throws NOT_FOUND unless the user belongs to the server (existence stays hidden). */
export async function assertServerMember(
  tx: Transaction<Schema>,
  ctx: AuthContext,
  serverID: string,
): Promise<ServerRole | undefined> {
  const role = await serverRole(tx, ctx.userID, serverID);
  if (!role) {
    if (unknownLocally(tx)) return undefined;
    throw new ChorusError(ErrorCode.NOT_FOUND, 'That server does not exist or you are not a member.');
  }
  return role;
}

/** [S4] Owners and admins manage a server's rooms. */
export async function assertServerAdmin(
  tx: Transaction<Schema>,
  ctx: AuthContext,
  serverID: string,
): Promise<void> {
  const role = await assertServerMember(tx, ctx, serverID);
  if (role === 'member') {
    throw new ChorusError(ErrorCode.FORBIDDEN, 'Only the server owner or an admin can do that.');
  }
}

/** [R2] Returns the room if the user can read it; NOT_FOUND otherwise. */
export async function assertRoomReadable(tx: Transaction<Schema>, ctx: AuthContext, roomID: string) {
  const room = await tx.run(whereRoomReadable(zql.rooms.where('id', roomID), ctx.userID).one());
  if (!room) {
    if (unknownLocally(tx)) return undefined;
    throw new ChorusError(ErrorCode.NOT_FOUND, 'That room does not exist or you cannot read it.');
  }
  return room;
}

/** [MB1] Only the owner may do this (ownership, roles, deleting the server). */
export async function assertServerOwner(
  tx: Transaction<Schema>,
  ctx: AuthContext,
  serverID: string,
): Promise<void> {
  const role = await assertServerMember(tx, ctx, serverID);
  if (role === 'member' || role === 'admin') {
    throw new ChorusError(ErrorCode.FORBIDDEN, 'Only the server owner can do that.');
  }
}

/**
 * Returns a room for an owner or admin of its server to manage. [S3] A
 * stranger, or a member who was not added to a private room, gets the same
 * NOT_FOUND as for a missing room: FORBIDDEN would confirm the room exists.
 * Only a member who can read the room learns that managing it needs a role.
 */
export async function roomForAdmin(tx: Transaction<Schema>, ctx: AuthContext, roomID: string) {
  const notFound = () =>
    new ChorusError(ErrorCode.NOT_FOUND, 'That room does not exist or you cannot manage it.');
  const room = await tx.run(zql.rooms.where('id', roomID).one());
  if (!room) {
    if (unknownLocally(tx)) return undefined;
    throw notFound();
  }
  const role = await serverRole(tx, ctx.userID, room.serverID);
  if (!role) {
    if (unknownLocally(tx)) return room;
    throw notFound();
  }
  if (role === 'member') {
    const readable = await tx.run(whereRoomReadable(zql.rooms.where('id', roomID), ctx.userID).one());
    if (!readable) throw notFound();
    throw new ChorusError(ErrorCode.FORBIDDEN, 'Only the server owner or an admin can do that.');
  }
  return room;
}
