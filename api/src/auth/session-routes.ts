import {Hono} from 'hono';
import {z} from 'zod';
import type {Deps} from '../deps.ts';
import {ProblemError} from '../http/problem.ts';
import {limitBy} from '../http/rate-limit.ts';
import {clearRefreshCookie} from './cookie.ts';
import type {AuthLimits} from './limits.ts';
import {requireAuth, type AuthEnv} from './middleware.ts';
import {listActiveSessions, revokeAllSessions, revokeSession} from './sessions.ts';

/** [AC5] The caller's own sessions (devices): list them, sign one or all out. */
export function sessionRoutes(deps: Deps, limits: AuthLimits) {
  const app = new Hono<AuthEnv>();
  app.use('*', requireAuth(deps));
  app.use(
    '*',
    limitBy<AuthEnv>(limits.sessionsUser, c => `user:${c.get('session').userID}`),
  );

  app.get('/', async c => {
    const {userID, sessionID} = c.get('session');
    const sessions = await listActiveSessions(deps.pool, userID);
    return c.json({sessions: sessions.map(s => ({...s, current: s.id === sessionID}))});
  });

  app.delete('/:id', async c => {
    const {userID, sessionID} = c.get('session');
    // Any id that is not one of the caller's active sessions is "not found",
    // whether or not it names someone else's.
    const id = z.uuid().safeParse(c.req.param('id'));
    if (!id.success || !(await revokeSession(deps.pool, userID, id.data))) {
      throw new ProblemError(404, 'Not Found', 'You have no active session with that id.');
    }
    await deps.sessions?.settle();
    if (id.data === sessionID) clearRefreshCookie(c);
    return c.body(null, 204);
  });

  app.delete('/', async c => {
    await revokeAllSessions(deps.pool, c.get('session').userID);
    await deps.sessions?.settle();
    clearRefreshCookie(c);
    return c.body(null, 204);
  });

  return app;
}
