import {idSchema, setRoleArgsSchema, whereServerMember, zql} from '@chorus/schema';
import {Hono} from 'hono';
import {z} from 'zod';
// The shared argument schemas are zod/mini objects: reshape them with its functions.
import * as zm from 'zod/mini';
import type {AuthEnv} from '../auth/middleware.ts';
import type {Deps} from '../deps.ts';
import {ProblemError} from '../http/problem.ts';
import {jsonBody, param} from '../http/validate.ts';
import {contextOf} from '../zero/routes.ts';
import {runMutator} from '../zero/run.ts';
import {serverMutators} from '../zero/server-mutators.ts';

export const userBodySchema = z.object({userId: idSchema});
export const roleBodySchema = zm.pick(setRoleArgsSchema, {role: true});

/**
 * Members, roles, ownership and bans of a server: `/api/v1/servers/:id/...`.
 * Mounted inside serverRoutes, behind its authentication.
 */
export function serverMemberRoutes(deps: Deps) {
  const app = new Hono<AuthEnv>();
  const ids = (serverID: string | undefined, userID?: string) => ({
    serverID: param('id', serverID, idSchema),
    userID: userID === undefined ? '' : param('userId', userID, idSchema),
  });

  app.get('/:id/members', async c => {
    const {serverID} = ids(c.req.param('id'));
    const {userID} = c.get('session');
    const server = await deps.zqlDb.run(
      whereServerMember(zql.servers.where('id', serverID), userID)
        .related('members', m => m.related('user').orderBy('joinedAt', 'asc'))
        .one(),
    );
    if (!server) {
      throw new ProblemError(404, 'Not Found', 'That server does not exist or you are not a member.');
    }
    return c.json({
      members: server.members.map(m => ({
        userId: m.userID,
        username: m.user?.username ?? null,
        role: m.role,
        joinedAt: new Date(m.joinedAt).toISOString(),
      })),
    });
  });

  app.patch('/:id/members/:userId', async c => {
    const {serverID, userID} = ids(c.req.param('id'), c.req.param('userId'));
    const {role} = await jsonBody(c, roleBodySchema);
    await runMutator(deps, serverMutators.member.setRole, contextOf(c.get('session')), {
      serverID,
      userID,
      role,
    });
    return c.json({userId: userID, role});
  });

  app.delete('/:id/members/:userId', async c => {
    const {serverID, userID} = ids(c.req.param('id'), c.req.param('userId'));
    await runMutator(deps, serverMutators.member.kick, contextOf(c.get('session')), {serverID, userID});
    return c.body(null, 204);
  });

  app.post('/:id/transfer', async c => {
    const {serverID} = ids(c.req.param('id'));
    const {userId} = await jsonBody(c, userBodySchema);
    await runMutator(deps, serverMutators.member.transferOwnership, contextOf(c.get('session')), {
      serverID,
      userID: userId,
    });
    return c.json({ownerId: userId});
  });

  app.post('/:id/bans', async c => {
    const {serverID} = ids(c.req.param('id'));
    const {userId} = await jsonBody(c, userBodySchema);
    await runMutator(deps, serverMutators.member.ban, contextOf(c.get('session')), {
      serverID,
      userID: userId,
    });
    return c.body(null, 204);
  });

  app.delete('/:id/bans/:userId', async c => {
    const {serverID, userID} = ids(c.req.param('id'), c.req.param('userId'));
    await runMutator(deps, serverMutators.member.unban, contextOf(c.get('session')), {serverID, userID});
    return c.body(null, 204);
  });

  return app;
}
