import {Hono} from 'hono';
import {requireAuth, type AuthEnv} from '../auth/middleware.ts';
import {findUserByID} from '../auth/users.ts';
import type {Deps} from '../deps.ts';
import {ProblemError} from '../http/problem.ts';

export function userRoutes(deps: Deps) {
  const app = new Hono<AuthEnv>();
  app.use('*', requireAuth(deps));

  app.get('/me', async c => {
    const user = await findUserByID(deps.pool, c.get('session').userID);
    if (!user) throw new ProblemError(404, 'Not Found', 'Your account no longer exists.');
    return c.json({user});
  });

  return app;
}
