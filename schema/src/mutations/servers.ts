import type {Transaction} from '@rocicorp/zero';
import type * as z from 'zod/mini';
import type {
  createServerArgsSchema,
  joinServerArgsSchema,
  serverIDArgsSchema,
  updateServerArgsSchema,
} from '../args.ts';
import {assertLoggedIn, assertVerified, type AuthContext} from '../context.ts';
import {ChorusError, ErrorCode} from '../errors.ts';
import {ACCESS_CODE_ALPHABET, limits} from '../limits.ts';
import {assertServerAdmin, assertServerMember, assertServerOwner} from '../permissions.ts';
import {zql, type Schema} from '../schema.ts';

type Tx = Transaction<Schema>;

/** Server-decided values; the client passes stand-ins. */
export type ServerDecided = {now: number; accessCode: string};

export async function createServer(
  tx: Tx,
  ctx: AuthContext | undefined,
  args: z.output<typeof createServerArgsSchema>,
  decided: ServerDecided,
): Promise<void> {
  assertVerified(ctx);
  // [SV1] at most 3 servers created per user (the trigger enforces it in Postgres too).
  const created = await tx.run(zql.servers.where('createdBy', ctx.userID));
  if (created.length >= limits.serversCreatedPerUser) {
    throw new ChorusError(
      ErrorCode.LIMIT_REACHED,
      `You can create at most ${limits.serversCreatedPerUser} servers. Delete one to create another.`,
    );
  }
  await tx.mutate.servers.insert({
    id: args.id,
    name: args.name,
    accessCode: decided.accessCode,
    isPrivate: args.isPrivate,
    createdBy: ctx.userID,
    createdAt: decided.now,
  });
  await tx.mutate.userServers.insert({
    userID: ctx.userID,
    serverID: args.id,
    role: 'owner',
    joinedAt: decided.now,
  });
  // [SV2] every server starts with a public `general` room.
  await tx.mutate.rooms.insert({
    id: args.generalRoomID,
    serverID: args.id,
    name: 'general',
    isPrivate: false,
    createdBy: ctx.userID,
    createdAt: decided.now,
  });
}

async function addMember(tx: Tx, ctx: AuthContext, serverID: string, now: number): Promise<void> {
  // [SV4] a ban outlives the code.
  const ban = await tx.run(zql.serverBans.where('serverID', serverID).where('userID', ctx.userID).one());
  if (ban) throw new ChorusError(ErrorCode.FORBIDDEN, 'You have been banned from this server.');
  const membership = await tx.run(
    zql.userServers.where('serverID', serverID).where('userID', ctx.userID).one(),
  );
  if (!membership) {
    await tx.mutate.userServers.insert({userID: ctx.userID, serverID, role: 'member', joinedAt: now});
  }
}

/** Server-only: the code is a secret the client does not hold. Returns the server's id. */
export async function joinServer(
  tx: Tx,
  ctx: AuthContext | undefined,
  args: z.output<typeof joinServerArgsSchema>,
  now: number,
): Promise<string> {
  assertLoggedIn(ctx);
  const server = await tx.run(zql.servers.where('accessCode', args.accessCode).one());
  // [SV3] a wrong code and a missing server look the same.
  if (!server) {
    throw new ChorusError(
      ErrorCode.NOT_FOUND,
      'No server has that access code. Check it and try again.',
      'accessCode',
    );
  }
  await addMember(tx, ctx, server.id, now);
  return server.id;
}

/** [SV9] Public servers can be joined from the directory without a code. */
export async function joinPublicServer(
  tx: Tx,
  ctx: AuthContext | undefined,
  args: z.output<typeof serverIDArgsSchema>,
  now: number,
): Promise<void> {
  assertLoggedIn(ctx);
  const server = await tx.run(zql.servers.where('id', args.serverID).one());
  if (!server || server.isPrivate) {
    if (!server && tx.location === 'client') return;
    throw new ChorusError(ErrorCode.NOT_FOUND, 'That server does not exist or needs an access code.');
  }
  await addMember(tx, ctx, server.id, now);
}

/** [SV5] Owners and admins rename a server and change its privacy. */
export async function updateServer(
  tx: Tx,
  ctx: AuthContext | undefined,
  args: z.output<typeof updateServerArgsSchema>,
  /** Server only: a fresh code, used when the server turns private. */
  newAccessCode?: string,
): Promise<void> {
  assertLoggedIn(ctx);
  await assertServerAdmin(tx, ctx, args.serverID);
  const server = await tx.run(zql.servers.where('id', args.serverID).one());
  if (!server) return;
  // [S5] While public, the code reached every directory reader: going private replaces it.
  const goingPrivate = args.isPrivate === true && !server.isPrivate;
  await tx.mutate.servers.update({
    id: args.serverID,
    ...(args.name === undefined ? {} : {name: args.name}),
    ...(args.isPrivate === undefined ? {} : {isPrivate: args.isPrivate}),
    ...(goingPrivate && newAccessCode ? {accessCode: newAccessCode} : {}),
  });
}

/** [SV8] Owners and admins replace the code; the old one stops working at once. */
export async function regenerateAccessCode(
  tx: Tx,
  ctx: AuthContext | undefined,
  args: z.output<typeof serverIDArgsSchema>,
  accessCode: string,
): Promise<void> {
  assertLoggedIn(ctx);
  await assertServerAdmin(tx, ctx, args.serverID);
  const server = await tx.run(zql.servers.where('id', args.serverID).one());
  if (server) await tx.mutate.servers.update({id: args.serverID, accessCode});
}

/** [SV6] Only the owner deletes a server; rooms, messages and memberships go with it. */
export async function deleteServer(
  tx: Tx,
  ctx: AuthContext | undefined,
  args: z.output<typeof serverIDArgsSchema>,
): Promise<void> {
  assertLoggedIn(ctx);
  await assertServerOwner(tx, ctx, args.serverID);
  // Postgres cascades; on the client, drop what the replica holds so it vanishes at once.
  if (tx.location === 'client') {
    for (const m of await tx.run(zql.userServers.where('serverID', args.serverID))) {
      await tx.mutate.userServers.delete({userID: m.userID, serverID: m.serverID});
    }
    for (const r of await tx.run(zql.rooms.where('serverID', args.serverID))) {
      await tx.mutate.rooms.delete({id: r.id});
    }
  }
  const server = await tx.run(zql.servers.where('id', args.serverID).one());
  if (server) await tx.mutate.servers.delete({id: args.serverID});
}

/** [SV7] Members and admins may leave; the owner must transfer ownership or delete first. */
export async function leaveServer(
  tx: Tx,
  ctx: AuthContext | undefined,
  args: z.output<typeof serverIDArgsSchema>,
): Promise<void> {
  assertLoggedIn(ctx);
  const role = await assertServerMember(tx, ctx, args.serverID);
  if (role === 'owner') {
    throw new ChorusError(
      ErrorCode.FORBIDDEN,
      'You own this server: transfer ownership to another member or delete the server before leaving.',
    );
  }
  await removeFromServer(tx, args.serverID, ctx.userID);
}

/** Removes a user's membership of a server and of every room in it. */
export async function removeFromServer(tx: Tx, serverID: string, userID: string): Promise<void> {
  const membership = await tx.run(zql.userServers.where('serverID', serverID).where('userID', userID).one());
  if (membership) await tx.mutate.userServers.delete({serverID, userID});
  const roomStates = await tx.run(
    zql.userRooms.where('userID', userID).whereExists('room', r => r.where('serverID', serverID)),
  );
  for (const s of roomStates) await tx.mutate.userRooms.delete({userID, roomID: s.roomID});
}

/** A stand-in access code the client shows until the server's arrives. */
export function placeholderAccessCode(id: string): string {
  let code = '';
  for (let i = 0; i < limits.accessCodeLength; i++) {
    const n = parseInt(id.replace(/-/g, '').slice(i * 2, i * 2 + 2), 16) || 0;
    code += ACCESS_CODE_ALPHABET[n % ACCESS_CODE_ALPHABET.length];
  }
  return code;
}
