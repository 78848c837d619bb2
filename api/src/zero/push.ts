import type {AuthContext} from '@chorus/schema';
import {mustGetMutator, type ReadonlyJSONValue} from '@rocicorp/zero';
import {handleMutateRequest, type MutateRequestHandler} from '@rocicorp/zero/server';
import type {Context} from 'hono';
import {z} from 'zod';
import type {Deps} from '../deps.ts';
import {ProblemError, validationProblem} from '../http/problem.ts';
import type {ClientGroupOwners} from './client-groups.ts';
import {publicError, VettedErrors} from './public-errors.ts';
import {serverMutators} from './server-mutators.ts';

/** zero-cache's own mutation, sent after a client has seen its results: not a change anyone made. */
const CLEANUP_RESULTS = '_zero_cleanupResults';

/**
 * What the API reads of a push (zero-protocol `pushBodySchema`), no stricter
 * than Zero where it matters: a body this refuses is never handed to Zero.
 */
const pushSchema = z.looseObject({
  clientGroupID: z.string().min(1).max(128),
  mutations: z.array(
    z.looseObject({id: z.number(), clientID: z.string(), name: z.string(), args: z.array(z.unknown())}),
  ),
});
type Push = z.infer<typeof pushSchema>;

export type PushDeps = {deps: Deps; owners: ClientGroupOwners};

/**
 * `POST /api/zero/mutate`: runs a push's mutations with the server mutators,
 * after the checks Zero's push processor does not make.
 *
 * [Z1] The push's client group must be the caller's (the first to push with
 * it claims it): Zero advances last mutation ids by whatever group the push names.
 *
 * [E1] No database text reaches the client (`public-errors.ts`).
 */
export async function handlePush(c: Context, ctx: AuthContext, {deps, owners}: PushDeps): Promise<Response> {
  const body: unknown = await c.req.json().catch(() => undefined);
  const parsed = pushSchema.safeParse(body);
  if (!parsed.success) throw validationProblem(parsed.error);
  const push = parsed.data;

  if (!sameGroupThroughout(push) || !(await owners.claim(push.clientGroupID, ctx.userID))) {
    throw new ProblemError(403, 'Forbidden', 'This Zero client group belongs to another account.');
  }

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
  const response = vetted.response(
    await handleMutateRequest({
      dbProvider: vetted.database(deps.zqlDb),
      handler,
      query: c.req.query(),
      body: push as ReadonlyJSONValue,
      userID: ctx.userID,
      // Zero warns of every failed mutation, most of them people's mistakes
      // (NOT_FOUND, INVALID); the failures that are ours are logged by `publicError`.
      logLevel: 'error',
    }),
  );
  return c.json(response);
}

/** zero-cache's cleanup mutations name a client group in their arguments: always the push's own. */
function sameGroupThroughout(push: Push): boolean {
  return push.mutations.every(m => {
    if (m.name !== CLEANUP_RESULTS) return true;
    const named = (m.args[0] as {clientGroupID?: unknown} | undefined)?.clientGroupID;
    // Zero skips a cleanup whose arguments it cannot read.
    return typeof named !== 'string' || named === push.clientGroupID;
  });
}
