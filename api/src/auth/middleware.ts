import type {MiddlewareHandler} from 'hono';
import {ProblemError} from '../http/problem.ts';
import type {Deps} from '../deps.ts';
import {sessionEnded} from './sessions.ts';
import {verifyAccessToken, type AuthSession} from './tokens.ts';

export type AuthEnv = {Variables: {session: AuthSession}};

/**
 * [A1] Requires `Authorization: Bearer <access token>`. Missing, forged and
 * expired tokens all get 401, which also puts a Zero client into `needs-auth`
 * so it fetches a new token and reconnects. [AC5] So do tokens of a session
 * that was signed out, even before they expire.
 */
export function requireAuth(deps: Deps): MiddlewareHandler<AuthEnv> {
  return async (c, next) => {
    const header = c.req.header('authorization') ?? '';
    const match = /^Bearer (.+)$/i.exec(header);
    if (!match?.[1]) {
      throw new ProblemError(401, 'Unauthorized', 'Sign in first: this request has no access token.', {
        headers: {'www-authenticate': 'Bearer'},
      });
    }
    const result = await verifyAccessToken(deps.auth, match[1]);
    if (!result.ok) {
      const detail =
        result.reason === 'expired'
          ? 'Your access token has expired. Refresh it and try again.'
          : 'Your access token is not valid. Sign in again.';
      throw new ProblemError(401, 'Unauthorized', detail, {
        headers: {'www-authenticate': `Bearer error="invalid_token"`},
      });
    }
    const {sessionID} = result.session;
    // From memory when the API runs with a SessionLiveness (it always does outside tests).
    const ended = deps.sessions
      ? await deps.sessions.ended(sessionID)
      : await sessionEnded(deps.pool, sessionID);
    if (ended) {
      throw new ProblemError(401, 'Unauthorized', 'This session has been signed out. Sign in again.', {
        headers: {'www-authenticate': `Bearer error="invalid_token"`},
      });
    }
    c.set('session', result.session);
    await next();
  };
}
