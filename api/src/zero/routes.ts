import {mustGetMutator, mustGetQuery} from '@rocicorp/zero';
import {handleMutateRequest, handleQueryRequest} from '@rocicorp/zero/server';
import {queries, schema, type AuthContext} from '@chorus/schema';
import {Hono} from 'hono';
import type {Deps} from '../deps.ts';
import {requireAuth, type AuthEnv} from '../auth/middleware.ts';
import {serverMutators} from './server-mutators.ts';

export function contextOf(session: {userID: string; emailVerified: boolean}): AuthContext {
  return {userID: session.userID, emailVerified: session.emailVerified};
}

/**
 * The endpoints zero-cache calls with the client's bearer token: `query`
 * turns named queries into permission-filtered ZQL, `mutate` runs the server
 * mutators in Postgres transactions.
 */
export function zeroRoutes(deps: Deps) {
  const app = new Hono<AuthEnv>();
  app.use('*', requireAuth(deps));

  app.post('/query', async c => {
    const ctx = contextOf(c.get('session'));
    const response = await handleQueryRequest({
      handler: (name, args) => mustGetQuery(queries, name).fn({args, ctx}),
      schema,
      request: c.req.raw,
      userID: ctx.userID,
      logLevel: 'warn',
    });
    return c.json(response);
  });

  app.post('/mutate', async c => {
    const ctx = contextOf(c.get('session'));
    const response = await handleMutateRequest({
      dbProvider: deps.zqlDb,
      handler: transact =>
        transact((tx, name, args) => mustGetMutator(serverMutators, name).fn({tx, args, ctx})),
      request: c.req.raw,
      userID: ctx.userID,
      logLevel: 'warn',
    });
    return c.json(response);
  });

  return app;
}
