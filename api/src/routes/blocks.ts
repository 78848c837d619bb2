import {blockUser, idSchema, unblockUser, zql} from '@chorus/schema';
import {Hono} from 'hono';
import {requireAuth, type AuthEnv} from '../auth/middleware.ts';
import type {Deps} from '../deps.ts';
import {param} from '../http/validate.ts';
import {lockPair} from '../zero/social-mutators.ts';
import {contextOf} from '../zero/routes.ts';
import {publicUserJSON} from './serialize.ts';
import {inTransaction} from '../zero/run.ts';

/**
 * [F5] Blocking (`/api/v1/users/{id}/block`), listed at `/users/me/blocks`.
 * The answers are the same whether or not a block existed: blocking twice
 * and unblocking someone not blocked change nothing.
 */
export function blockRoutes(deps: Deps) {
  const app = new Hono<AuthEnv>();
  app.use('*', requireAuth(deps));

  app.get('/me/blocks', async c => {
    const rows = await deps.zqlDb.run(
      zql.userBlocks
        .where('blockerID', c.get('session').userID)
        .related('blocked')
        .orderBy('createdAt', 'desc'),
    );
    return c.json({
      blocks: rows.flatMap(row =>
        row.blocked
          ? [
              {
                user: publicUserJSON(row.blocked),
                createdAt: new Date(row.createdAt).toISOString(),
              },
            ]
          : [],
      ),
    });
  });

  app.post('/:id/block', async c => {
    const userID = param('id', c.req.param('id'), idSchema);
    const ctx = contextOf(c.get('session'));
    await inTransaction(deps, async tx => {
      await lockPair(tx, ctx.userID, userID);
      await blockUser(tx, ctx, {userID}, Date.now());
    });
    return c.body(null, 204);
  });

  app.delete('/:id/block', async c => {
    const userID = param('id', c.req.param('id'), idSchema);
    const ctx = contextOf(c.get('session'));
    await inTransaction(deps, tx => unblockUser(tx, ctx, {userID}));
    return c.body(null, 204);
  });

  return app;
}
