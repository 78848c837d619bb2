import {Hono} from 'hono';
import {requireAuth, type AuthEnv} from '../auth/middleware.ts';
import type {Deps} from '../deps.ts';
import {ProblemError} from '../http/problem.ts';

/**
 * [LV6] `POST /api/v1/realtime/token`: an Ably token request for the caller,
 * signed with the API's key, whose capabilities list only the channels the
 * read rules let them use today. The key itself never leaves the API.
 */
export function realtimeRoutes(deps: Deps) {
  const app = new Hono<AuthEnv>();
  app.use('*', requireAuth(deps));
  app.post('/token', async c => {
    if (!deps.ably) {
      throw new ProblemError(
        404,
        'Not Found',
        'This deployment has no Ably key: live events use the embedded hub at /api/live.',
      );
    }
    const request = await deps.ably.tokenRequest(deps, c.get('session').userID);
    return c.json(request, 200, {'cache-control': 'no-store'});
  });
  return app;
}
