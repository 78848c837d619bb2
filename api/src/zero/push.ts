import type {AuthContext} from '@chorus/schema';
import {mustGetMutator} from '@rocicorp/zero';
import {handleMutateRequest, type MutateRequestHandler} from '@rocicorp/zero/server';
import type {Context} from 'hono';
import type {Deps} from '../deps.ts';
import {publicError, VettedErrors} from './public-errors.ts';
import {serverMutators} from './server-mutators.ts';

export type PushDeps = {deps: Deps};

/**
 * `POST /api/zero/mutate`: runs a push's mutations with the server mutators.
 *
 * [E1] No database text reaches the client (`public-errors.ts`).
 */
export async function handlePush(c: Context, ctx: AuthContext, {deps}: PushDeps): Promise<Response> {
  const log = deps.log ?? console.error;
  const vetted = new VettedErrors(log);
  const handler: MutateRequestHandler<typeof deps.zqlDb> = (transact, mutation) =>
    transact(async (tx, name, args) => {
      try {
        await mustGetMutator(serverMutators, name).fn({tx, args, ctx});
      } catch (err) {
        throw vetted.vet(mutation, publicError(err, log, `zero push: mutator ${name}`));
      }
    });
  const response = await handleMutateRequest({
    dbProvider: vetted.database(deps.zqlDb),
    handler,
    request: c.req.raw,
    userID: ctx.userID,
    // Zero warns of every failed mutation, most of them people's mistakes
    // (NOT_FOUND, INVALID); the failures that are ours are logged by `publicError`.
    logLevel: 'error',
  });
  return c.json(vetted.response(response));
}
