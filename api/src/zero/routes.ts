import {mustGetQuery} from '@rocicorp/zero';
import {handleQueryRequest} from '@rocicorp/zero/server';
import {queries, schema, type AuthContext} from '@chorus/schema';
import {Hono} from 'hono';
import type {Deps} from '../deps.ts';
import {requireAuth, type AuthEnv} from '../auth/middleware.ts';
import {userKey, type AppLimits} from '../http/app-limits.ts';
import {limitBy} from '../http/rate-limit.ts';
import {ClientGroupOwners} from './client-groups.ts';
import {publicError} from './public-errors.ts';
import {PushHolds} from './push-holds.ts';
import {handlePush} from './push.ts';

export function contextOf(session: {userID: string; emailVerified: boolean}): AuthContext {
  return {userID: session.userID, emailVerified: session.emailVerified};
}

/**
 * The endpoints zero-cache calls with the client's bearer token: `query`
 * turns named queries into permission-filtered ZQL, `mutate` runs the server
 * mutators in Postgres transactions (`push.ts`).
 *
 * [RL2] Both are limited per person, by the user id of the verified token,
 * never by address: the caller is zero-cache, whose address is everyone's.
 */
export function zeroRoutes(deps: Deps, limits: AppLimits) {
  const app = new Hono<AuthEnv>();
  const owners = new ClientGroupOwners(deps.pool);
  const holds = new PushHolds();
  const log = deps.log ?? console.error;
  app.use('*', requireAuth(deps));

  app.post(
    '/query',
    limitBy<AuthEnv>(limits.zeroQuery, c => userKey(c.get('session').userID)),
    async c => {
      const ctx = contextOf(c.get('session'));
      const response = await handleQueryRequest({
        handler: (name, args) => {
          try {
            return mustGetQuery(queries, name).fn({args, ctx});
          } catch (err) {
            // [E1] What the client sees is written for people; the rest is logged.
            throw publicError(err, log, `zero query ${name}`);
          }
        },
        schema,
        request: c.req.raw,
        userID: ctx.userID,
        logLevel: 'warn',
      });
      return c.json(response);
    },
  );

  // [RL2] `handlePush` spends the push with its writes, in one round trip.
  app.post('/mutate', c => handlePush(c, contextOf(c.get('session')), {deps, limits, owners, holds}));

  return app;
}
