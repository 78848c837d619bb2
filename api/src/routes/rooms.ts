import {randomUUID} from 'node:crypto';
import {createRoomArgsSchema, idSchema, whereRoomReadable, zql} from '@chorus/schema';
import {Hono} from 'hono';
import {requireAuth, type AuthEnv} from '../auth/middleware.ts';
import type {Deps} from '../deps.ts';
import {ProblemError} from '../http/problem.ts';
import {jsonBody, param} from '../http/validate.ts';
import {contextOf} from '../zero/routes.ts';
import {inTransaction} from '../zero/run.ts';
import {serverMutators} from '../zero/server-mutators.ts';
import {roomJSON} from './serialize.ts';

const createRoomBodySchema = createRoomArgsSchema
  .omit({id: true, serverID: true})
  .extend({id: idSchema.optional(), serverId: idSchema});

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

  return app;
}
