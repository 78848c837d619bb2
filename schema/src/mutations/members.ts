import type {Transaction} from '@rocicorp/zero';
import type * as z from 'zod/mini';
import type {memberArgsSchema, setRoleArgsSchema} from '../args.ts';
import {assertLoggedIn, type AuthContext} from '../context.ts';
import {ChorusError, ErrorCode} from '../errors.ts';
import {assertServerMember, assertServerOwner, serverRole} from '../permissions.ts';
import {zql, type Schema, type ServerRole} from '../schema.ts';
import {removeFromServer} from './servers.ts';

type Tx = Transaction<Schema>;
type MemberArgs = z.output<typeof memberArgsSchema>;

const rank: Record<ServerRole, number> = {member: 0, admin: 1, owner: 2};

async function targetRole(tx: Tx, args: MemberArgs): Promise<ServerRole | undefined> {
  const role = await serverRole(tx, args.userID, args.serverID);
  if (!role && tx.location === 'server') {
    throw new ChorusError(ErrorCode.NOT_FOUND, 'That person is not a member of this server.', 'userID');
  }
  return role;
}

/** [AG4] An agent is a member: never an admin or the owner (a person answers for a server). */
async function assertNotAgent(tx: Tx, userID: string, what: string): Promise<void> {
  const user = await tx.run(zql.users.where('id', userID).one());
  if (user?.userType === 'ai_agent') {
    throw new ChorusError(ErrorCode.INVALID, `An AI agent cannot ${what}.`, 'userID');
  }
}

/** [MB1] The owner promotes members to admin and demotes admins. */
export async function setMemberRole(
  tx: Tx,
  ctx: AuthContext | undefined,
  args: z.output<typeof setRoleArgsSchema>,
): Promise<void> {
  assertLoggedIn(ctx);
  await assertServerOwner(tx, ctx, args.serverID);
  const role = await targetRole(tx, args);
  if (role === 'owner') {
    throw new ChorusError(
      ErrorCode.INVALID,
      'The owner’s role changes only by transferring ownership.',
      'userID',
    );
  }
  if (args.role === 'admin') await assertNotAgent(tx, args.userID, 'be an admin');
  if (role)
    await tx.mutate.userServers.update({serverID: args.serverID, userID: args.userID, role: args.role});
}

/** [MB2] The owner hands the server to another member and becomes an admin. */
export async function transferOwnership(
  tx: Tx,
  ctx: AuthContext | undefined,
  args: MemberArgs,
): Promise<void> {
  assertLoggedIn(ctx);
  await assertServerOwner(tx, ctx, args.serverID);
  if (args.userID === ctx.userID) {
    throw new ChorusError(ErrorCode.INVALID, 'You already own this server.', 'userID');
  }
  const role = await targetRole(tx, args);
  if (!role) return;
  await assertNotAgent(tx, args.userID, 'own a server');
  // Demote first: at most one owner per server (unique index user_servers_one_owner).
  await tx.mutate.userServers.update({serverID: args.serverID, userID: ctx.userID, role: 'admin'});
  await tx.mutate.userServers.update({serverID: args.serverID, userID: args.userID, role: 'owner'});
}

/**
 * [MB3] Owners and admins remove members who rank below them (admins cannot
 * remove admins or the owner; nobody removes themselves this way — they leave).
 */
async function assertCanRemove(tx: Tx, ctx: AuthContext, args: MemberArgs): Promise<void> {
  const mine = await assertServerMember(tx, ctx, args.serverID);
  if (args.userID === ctx.userID) {
    throw new ChorusError(ErrorCode.INVALID, 'To remove yourself, leave the server.', 'userID');
  }
  if (mine === 'member') {
    throw new ChorusError(ErrorCode.FORBIDDEN, 'Only the server owner or an admin can do that.');
  }
  const theirs = await targetRole(tx, args);
  if (mine && theirs && rank[theirs] >= rank[mine]) {
    throw new ChorusError(ErrorCode.FORBIDDEN, 'You can only remove members with a lower role than yours.');
  }
}

export async function kickMember(tx: Tx, ctx: AuthContext | undefined, args: MemberArgs): Promise<void> {
  assertLoggedIn(ctx);
  await assertCanRemove(tx, ctx, args);
  await removeFromServer(tx, args.serverID, args.userID);
}

/**
 * [MB4] A ban removes the member and keeps them from rejoining with the code.
 * Someone who already left can be banned too (by id), so leaving first is no escape.
 */
export async function banMember(
  tx: Tx,
  ctx: AuthContext | undefined,
  args: MemberArgs,
  now: number,
): Promise<void> {
  assertLoggedIn(ctx);
  const isMember = (await serverRole(tx, args.userID, args.serverID)) !== undefined;
  if (isMember || tx.location === 'client') {
    await assertCanRemove(tx, ctx, args);
  } else {
    const mine = await assertServerMember(tx, ctx, args.serverID);
    if (mine === 'member') {
      throw new ChorusError(ErrorCode.FORBIDDEN, 'Only the server owner or an admin can do that.');
    }
    if (!(await tx.run(zql.users.where('id', args.userID).one()))) {
      throw new ChorusError(ErrorCode.NOT_FOUND, 'There is no such user.', 'userID');
    }
  }
  await removeFromServer(tx, args.serverID, args.userID);
  const existing = await tx.run(
    zql.serverBans.where('serverID', args.serverID).where('userID', args.userID).one(),
  );
  if (!existing) {
    await tx.mutate.serverBans.insert({
      serverID: args.serverID,
      userID: args.userID,
      bannedBy: ctx.userID,
      createdAt: now,
    });
  }
}

export async function unbanMember(tx: Tx, ctx: AuthContext | undefined, args: MemberArgs): Promise<void> {
  assertLoggedIn(ctx);
  const mine = await assertServerMember(tx, ctx, args.serverID);
  if (mine === 'member') {
    throw new ChorusError(ErrorCode.FORBIDDEN, 'Only the server owner or an admin can do that.');
  }
  const existing = await tx.run(
    zql.serverBans.where('serverID', args.serverID).where('userID', args.userID).one(),
  );
  if (existing) await tx.mutate.serverBans.delete({serverID: args.serverID, userID: args.userID});
}
