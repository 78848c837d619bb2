import {randomUUID} from 'node:crypto';
import {createRoomArgsSchema, idSchema, updateRoomArgsSchema, whereRoomReadable, zql} from '@chorus/schema';
import {z} from 'zod';
// The shared argument schemas are zod/mini objects: reshape them with its functions.
import * as zm from 'zod/mini';
import {Hono} from 'hono';
import {requireAuth, type AuthEnv} from '../auth/middleware.ts';
import type {Deps} from '../deps.ts';
import {ProblemError} from '../http/problem.ts';
import {jsonBody, param} from '../http/validate.ts';
import {contextOf} from '../zero/routes.ts';
import {inTransaction, runMutator} from '../zero/run.ts';
import {serverMutators} from '../zero/server-mutators.ts';
import {roomJSON} from './serialize.ts';

export const updateRoomBodySchema = zm.omit(updateRoomArgsSchema, {roomID: true});
export const roomReadBodySchema = z.object({readAt: z.number().int().nonnegative().optional()});
export const roomMemberBodySchema = z.object({userId: idSchema});
export const createRoomBodySchema = zm.extend(zm.omit(createRoomArgsSchema, {id: true, serverID: true}), {
  id: zm.optional(idSchema),
  serverId: idSchema,
});

export function roomRoutes(deps: Deps) {
  const app = new Hono<AuthEnv>();
  app.use('*', requireAuth(deps));

  async function readable(userID: string, roomID: string) {
    const room = await deps.zqlDb.run(whereRoomReadable(zql.rooms.where('id', roomID), userID).one());
    if (!room) throw new ProblemError(404, 'Not Found', 'That room does not exist or you cannot read it.');
    return roomJSON(room);
  }

  app.post('/', async c => {
    const body = await jsonBody(c, createRoomBodySchema);
    const ctx = contextOf(c.get('session'));
    const id = body.id ?? randomUUID();
    await inTransaction(deps, tx =>
      serverMutators.room.create.fn({
        tx,
        ctx,
        args: {id, serverID: body.serverId, name: body.name, isPrivate: body.isPrivate},
      }),
    );
    return c.json(await readable(ctx.userID, id), 201);
  });

  app.get('/:id', async c => {
    const id = param('id', c.req.param('id'), idSchema);
    return c.json(await readable(c.get('session').userID, id));
  });

  app.patch('/:id', async c => {
    const roomID = param('id', c.req.param('id'), idSchema);
    const body = await jsonBody(c, updateRoomBodySchema);
    const ctx = contextOf(c.get('session'));
    await runMutator(deps, serverMutators.room.update, ctx, {roomID, ...body});
    return c.json(await readable(ctx.userID, roomID));
  });

  app.delete('/:id', async c => {
    const roomID = param('id', c.req.param('id'), idSchema);
    await runMutator(deps, serverMutators.room.delete, contextOf(c.get('session')), {roomID});
    return c.body(null, 204);
  });

  /** The seed's room join: reading a public room starts tracking it (user_rooms). */
  app.post('/:id/join', async c => {
    const roomID = param('id', c.req.param('id'), idSchema);
    const ctx = contextOf(c.get('session'));
    await runMutator(deps, serverMutators.roomState.markRead, ctx, {roomID, readAt: 0});
    return c.json(await readable(ctx.userID, roomID));
  });

  /**
   * [RS1] A read mark. Clients send it here, not as a Zero mutation: every
   * Zero push commits the client's last mutation id, a change that zero-cache
   * advances every connected client through, and readers mark often. Here a
   * mark joins the once-a-second batch (migration 009). `readAt` defaults to
   * now and is clamped to the server's clock.
   */
  app.post('/:id/read', async c => {
    const roomID = param('id', c.req.param('id'), idSchema);
    const body = await jsonBody(c, roomReadBodySchema);
    const ctx = contextOf(c.get('session'));
    await runMutator(deps, serverMutators.roomState.markRead, ctx, {
      roomID,
      readAt: body.readAt ?? Date.now(),
    });
    return c.body(null, 204);
  });

  app.post('/:id/members', async c => {
    const roomID = param('id', c.req.param('id'), idSchema);
    const {userId} = await jsonBody(c, roomMemberBodySchema);
    await runMutator(deps, serverMutators.room.addMember, contextOf(c.get('session')), {
      roomID,
      userID: userId,
    });
    return c.body(null, 204);
  });

  app.delete('/:id/members/:userId', async c => {
    const roomID = param('id', c.req.param('id'), idSchema);
    const userID = param('userId', c.req.param('userId'), idSchema);
    await runMutator(deps, serverMutators.room.removeMember, contextOf(c.get('session')), {roomID, userID});
    return c.body(null, 204);
  });

  return app;
}
