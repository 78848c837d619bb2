import {randomUUID} from 'node:crypto';
import {
  accessCodeSchema,
  createServerArgsSchema,
  idSchema,
  updateServerArgsSchema,
  whereServerMember,
  zql,
  type AuthContext,
} from '@chorus/schema';
import {Hono} from 'hono';
import {z} from 'zod';
// The shared argument schemas are zod/mini objects: reshape them with its functions.
import * as zm from 'zod/mini';
import {requireAuth, type AuthEnv} from '../auth/middleware.ts';
import type {Deps} from '../deps.ts';
import {ProblemError} from '../http/problem.ts';
import {userKey, type AppLimits} from '../http/app-limits.ts';
import {ipKey, limitBy} from '../http/rate-limit.ts';
import {jsonBody, param} from '../http/validate.ts';
import {contextOf} from '../zero/routes.ts';
import {inTransaction, runMutator} from '../zero/run.ts';
import {serverMutators} from '../zero/server-mutators.ts';
import {serverMemberRoutes} from './server-members.ts';
import {serverJSON} from './serialize.ts';

export const updateServerBodySchema = zm.omit(updateServerArgsSchema, {serverID: true});
export const createServerBodySchema = zm.extend(
  zm.omit(createServerArgsSchema, {id: true, generalRoomID: true}),
  {
    id: zm.optional(idSchema),
  },
);

export const joinBodySchema = z.object({accessCode: accessCodeSchema});
export const joinByIDBodySchema = z.object({accessCode: z.optional(accessCodeSchema)});

export function serverRoutes(deps: Deps, limits: AppLimits) {
  const app = new Hono<AuthEnv>();
  app.use('*', requireAuth(deps));
  app.route('/', serverMemberRoutes(deps));

  app.get('/directory', async c => {
    const {userID} = c.get('session');
    const rows = await deps.zqlDb.run(
      zql.servers
        .where('isPrivate', false)
        .related('members', m => m.where('userID', userID))
        .orderBy('createdAt', 'desc')
        .limit(200),
    );
    // [S5] A public server's code grants nothing beyond the directory, but it stays out of the listing.
    return c.json({
      servers: rows.map(s => ({id: s.id, name: s.name, joined: s.members.length > 0})),
    });
  });

  async function mine(userID: string, serverID: string) {
    const server = await deps.zqlDb.run(
      whereServerMember(zql.servers.where('id', serverID), userID)
        .related('members', m => m.where('userID', userID))
        .one(),
    );
    if (!server) {
      throw new ProblemError(404, 'Not Found', 'That server does not exist or you are not a member.');
    }
    return serverJSON(server, server.members[0]?.role);
  }

  app.post('/', async c => {
    const body = await jsonBody(c, createServerBodySchema);
    const ctx = contextOf(c.get('session'));
    const id = body.id ?? randomUUID();
    await inTransaction(deps, tx =>
      serverMutators.server.create.fn({
        tx,
        ctx,
        args: {id, name: body.name, isPrivate: body.isPrivate, generalRoomID: randomUUID()},
      }),
    );
    return c.json(await mine(ctx.userID, id), 201);
  });

  app.get('/', async c => {
    const {userID} = c.get('session');
    const rows = await deps.zqlDb.run(
      whereServerMember(zql.servers, userID)
        .related('members', m => m.where('userID', userID))
        .orderBy('createdAt', 'asc'),
    );
    return c.json({servers: rows.map(s => serverJSON(s, s.members[0]?.role))});
  });

  async function join(ctx: AuthContext, accessCode: string, expectedServerID?: string) {
    const server = await deps.zqlDb.run(zql.servers.where('accessCode', accessCode).one());
    if (!server || (expectedServerID && server.id !== expectedServerID)) {
      // [SV3] the same answer whether the server is missing or the code is wrong.
      throw new ProblemError(404, 'Not Found', 'No server has that access code. Check it and try again.', {
        field: 'accessCode',
      });
    }
    await inTransaction(deps, tx => serverMutators.server.join.fn({tx, ctx, args: {accessCode}}));
    return mine(ctx.userID, server.id);
  }

  // [SV10] Code attempts per account and per address, shared with `server.join` in Zero pushes.
  const joinLimit = limitBy<AuthEnv>(limits.join, c => [ipKey(c, deps), userKey(c.get('session').userID)]);

  app.post('/join', joinLimit, async c => {
    const {accessCode} = await jsonBody(c, joinBodySchema);
    return c.json(await join(contextOf(c.get('session')), accessCode));
  });

  app.get('/:id', async c => {
    const id = param('id', c.req.param('id'), idSchema);
    return c.json(await mine(c.get('session').userID, id));
  });

  app.post('/:id/join', joinLimit, async c => {
    const id = param('id', c.req.param('id'), idSchema);
    const {accessCode} = c.req.header('content-type')?.includes('json')
      ? await jsonBody(c, joinByIDBodySchema)
      : {accessCode: undefined};
    const ctx = contextOf(c.get('session'));
    if (accessCode) return c.json(await join(ctx, accessCode, id));
    // [SV9] Without a code, only a public server can be joined.
    await runMutator(deps, serverMutators.server.joinPublic, ctx, {serverID: id});
    return c.json(await mine(ctx.userID, id));
  });

  app.patch('/:id', async c => {
    const serverID = param('id', c.req.param('id'), idSchema);
    const body = await jsonBody(c, updateServerBodySchema);
    const ctx = contextOf(c.get('session'));
    await runMutator(deps, serverMutators.server.update, ctx, {serverID, ...body});
    return c.json(await mine(ctx.userID, serverID));
  });

  app.delete('/:id', async c => {
    const serverID = param('id', c.req.param('id'), idSchema);
    await runMutator(deps, serverMutators.server.delete, contextOf(c.get('session')), {serverID});
    return c.body(null, 204);
  });

  app.post('/:id/leave', async c => {
    const serverID = param('id', c.req.param('id'), idSchema);
    await runMutator(deps, serverMutators.server.leave, contextOf(c.get('session')), {serverID});
    return c.body(null, 204);
  });

  app.post('/:id/access-code', async c => {
    const serverID = param('id', c.req.param('id'), idSchema);
    const ctx = contextOf(c.get('session'));
    await runMutator(deps, serverMutators.server.regenerateCode, ctx, {serverID});
    const server = await mine(ctx.userID, serverID);
    return c.json({accessCode: server.accessCode});
  });

  return app;
}
