import {defineMutator, defineMutators, type Transaction} from '@rocicorp/zero';
import {
  createRoomArgsSchema,
  createServerArgsSchema,
  joinServerArgsSchema,
  markRoomReadArgsSchema,
  sendMessageArgsSchema,
} from './args.ts';
import type {z} from 'zod';
import {assertLoggedIn, assertVerified, type AuthContext} from './context.ts';
import {ChorusError, ErrorCode} from './errors.ts';
import {ACCESS_CODE_ALPHABET, limits} from './limits.ts';
import {assertRoomReadable, assertServerAdmin} from './permissions.ts';
import {zql, type Schema} from './schema.ts';

/**
 * Mutators shared by the client (optimistic, against the local replica) and the
 * server (authoritative, in a Postgres transaction). The API wraps some of them
 * to add what only the server may decide: the clock and access codes. Client
 * runs are replayed on rebase, so everything here is deterministic given args.
 * Each rule cites its ID in SPEC.md.
 */

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

export async function createRoom(
  tx: Tx,
  ctx: AuthContext | undefined,
  args: z.output<typeof createRoomArgsSchema>,
  now: number,
): Promise<void> {
  assertVerified(ctx);
  // [RM1] only owners and admins create rooms.
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
    });
  }
}

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
    // [MS4] a reply's parent is a top-level message of the same room.
    const parent = await tx.run(zql.messages.where('id', args.parentMessageID).one());
    const unsyncedParent = !parent && tx.location === 'client';
    if (!unsyncedParent && (!parent || parent.roomID !== args.roomID || parent.parentMessageID)) {
      throw new ChorusError(
        ErrorCode.INVALID,
        'You can only reply to a top-level message in the same room.',
        'parentMessageID',
      );
    }
    if (parent) {
      await tx.mutate.messages.update({id: parent.id, replyCount: parent.replyCount + 1, lastReplyAt: now});
    }
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
  return 'created';
}

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
  const ban = await tx.run(zql.serverBans.where('serverID', server.id).where('userID', ctx.userID).one());
  if (ban) {
    throw new ChorusError(ErrorCode.FORBIDDEN, 'You have been banned from this server.');
  }
  const membership = await tx.run(
    zql.userServers.where('serverID', server.id).where('userID', ctx.userID).one(),
  );
  if (!membership) {
    await tx.mutate.userServers.insert({
      userID: ctx.userID,
      serverID: server.id,
      role: 'member',
      joinedAt: now,
    });
  }
  return server.id;
}

export async function markRoomRead(
  tx: Tx,
  ctx: AuthContext | undefined,
  args: z.output<typeof markRoomReadArgsSchema>,
  now: number,
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
    });
  } else if ((state.lastReadAt ?? 0) < readAt) {
    await tx.mutate.userRooms.update({userID: ctx.userID, roomID: args.roomID, lastReadAt: readAt});
  }
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

/**
 * The client's mutators. Time comes from the args (set once when the user
 * acted) so a rebase replays the same row.
 */
export const mutators = defineMutators({
  server: {
    create: defineMutator(createServerArgsSchema, ({tx, ctx, args}) =>
      createServer(tx, ctx, args, {now: clientNow(), accessCode: placeholderAccessCode(args.id)}),
    ),
  },
  room: {
    create: defineMutator(createRoomArgsSchema, ({tx, ctx, args}) => createRoom(tx, ctx, args, clientNow())),
  },
  message: {
    send: defineMutator(sendMessageArgsSchema, async ({tx, ctx, args}) => {
      await sendMessage(tx, ctx, args, args.createdAt ?? clientNow());
    }),
  },
  roomState: {
    markRead: defineMutator(markRoomReadArgsSchema, ({tx, ctx, args}) =>
      markRoomRead(tx, ctx, args, Number.MAX_SAFE_INTEGER),
    ),
  },
});

// Optimistic rows only: the server overwrites every timestamp with its own clock.
function clientNow(): number {
  return Date.now();
}

export type Mutators = typeof mutators;
