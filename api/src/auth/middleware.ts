import type {MiddlewareHandler} from 'hono';
import {ProblemError} from '../http/problem.ts';
import type {Deps} from '../deps.ts';
import {verifyAccessToken, type AuthSession} from './tokens.ts';

export type AuthEnv = {Variables: {session: AuthSession}};

/**
 * Requires `Authorization: Bearer <access token>`. Missing, forged and expired
 * tokens all get 401, which also puts a Zero client into `needs-auth` so it
 * fetches a new token and reconnects.
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
    c.set('session', result.session);
    await next();
  };
}
