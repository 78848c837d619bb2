import {ChorusError, ErrorCode, type AuthContext} from '@chorus/schema';
import {mustGetMutator, type ReadonlyJSONValue} from '@rocicorp/zero';
import {
  handleMutateRequest,
  type MutateRequestHandler,
  type TransactionProviderHooks,
} from '@rocicorp/zero/server';
import type {Context} from 'hono';
import {z} from 'zod';
import type {Deps} from '../deps.ts';
import {spendWrite, userKey, writeSpends, type AppLimits} from '../http/app-limits.ts';
import {ProblemError, validationProblem} from '../http/problem.ts';
import {collect} from '../live/after-commit.ts';
import type {LiveRecipe} from '../live/types.ts';
import {
  applyRateLimit,
  describeSeconds,
  spendAll,
  tightest,
  tooManyRequests,
  type RateLimitResult,
} from '../http/rate-limit.ts';
import type {ClientGroupOwners} from './client-groups.ts';
import type {PushHolds} from './push-holds.ts';
import {publicError, VettedErrors} from './public-errors.ts';
import {serverMutators} from './server-mutators.ts';

/** zero-cache's own mutation, sent after a client has seen its results: not a change anyone made. */
const CLEANUP_RESULTS = '_zero_cleanupResults';
const JOIN = serverMutators.server.join.mutatorName;
const FRIEND_REQUEST = serverMutators.friend.request.mutatorName;

type MutationResponse = Parameters<TransactionProviderHooks['writeMutationResult']>[0];

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

export type PushDeps = {deps: Deps; limits: AppLimits; owners: ClientGroupOwners; holds: PushHolds};

/**
 * `POST /api/zero/mutate`: runs a push's mutations with the server mutators,
 * after the checks Zero's push processor does not make.
 *
 * [Z1] The push's client group must be the caller's (the first to push with
 * it claims it): Zero advances last mutation ids by whatever group the push names.
 *
 * [RL2] The push spends one of the person's pushes, in the same round trip
 * to Postgres as its writes (below); over it, the answer is 429.
 *
 * [RL1] Each mutation spends one write of the person's budget, as each REST
 * write does (zero-cache batches a client's mutations into one push while the
 * API is busy, so counting pushes would undercount). The person's address is
 * not counted here: the caller is zero-cache, one address for everyone, and
 * it forwards none of the person's (the `/zero` proxy adds no
 * X-Forwarded-For, and zero-cache forwards request headers only when
 * `ZERO_MUTATE_ALLOWED_REQUEST_HEADERS` says so). The mutations within budget
 * run; the rest wait for the window to end (`push-holds.ts`) and then run.
 * Only when they cannot wait (the person has too many pushes waiting, or the
 * budget is still spent after the wait) is the answer 429 with Retry-After.
 * zero-cache does not retry a 4xx: it tells the client the push failed, the
 * client's connection goes to `error`, and the unconfirmed mutations stay in
 * its local store, pushed again in order once the app reconnects it
 * (`zero.connection.connect()`). Nothing pushed is lost or answered "failed"
 * for good. (A 5xx would only make zero-cache retry within a second, too soon
 * for a window of a minute.)
 *
 * [SV10] `server.join` guesses an access code: it also spends the join
 * limit REST's join routes spend, and over it that one mutation fails with
 * LIMIT_REACHED, as REST answers 429, while the rest of the push runs.
 * [F2] `friend.request` spends the friend-request limit the same way.
 *
 * [E1] No database text reaches the client (`public-errors.ts`).
 */
export async function handlePush(
  c: Context,
  ctx: AuthContext,
  {deps, limits, owners, holds}: PushDeps,
): Promise<Response> {
  // [Z1] Zero keeps last mutation ids and results in the tables of the
  // schema the caller names; only this deployment's shard may be named, or a
  // caller could point Zero's bookkeeping at other tables.
  const appID = deps.zeroAppID ?? 'chorus';
  const params = new URL(c.req.url).searchParams;
  if (params.get('appID') !== appID || params.get('schema') !== `${appID}_0`) {
    throw new ProblemError(400, 'Bad Request', `Push to this deployment's Zero shard (${appID}_0) only.`, {
      field: 'schema',
    });
  }
  const body: unknown = await c.req.json().catch(() => undefined);
  const parsed = pushSchema.safeParse(body);
  if (!parsed.success) throw validationProblem(parsed.error);
  const push = parsed.data;

  // [RL2] Before the claim, which may write; the push's writes are counted
  // with it, so the whole push costs one round trip for its limits.
  const [pushes, ...firstWrites] = await spendAll([
    {limiter: limits.zeroMutate, key: userKey(ctx.userID)},
    ...writeSpends(limits, {userID: ctx.userID}, writesIn(push.mutations)),
  ]);
  applyRateLimit(c, pushes!);

  if (!sameGroupThroughout(push) || !(await owners.claim(push.clientGroupID, ctx.userID))) {
    throw new ProblemError(403, 'Forbidden', 'This Zero client group belongs to another account.');
  }

  const log = deps.log ?? console.error;
  const vetted = new VettedErrors(log);
  const handler: MutateRequestHandler<typeof deps.zqlDb> = async (transact, mutation) => {
    if (mutation.name === JOIN) {
      const guess = await limits.join.hit(userKey(ctx.userID));
      if (!guess.ok) throw vetted.vet(mutation, tooManyGuesses(guess));
    }
    if (mutation.name === FRIEND_REQUEST) {
      // [F2] The limit REST's `POST /friends/request` spends.
      const asked = await limits.friendRequest.hit(userKey(ctx.userID));
      if (!asked.ok) throw vetted.vet(mutation, tooManyFriendRequests(asked));
    }
    // [LV1] What the mutator recorded is published only if Zero reports it
    // committed: after a failure Zero runs the mutation again without the
    // mutator, only to record the error.
    let recorded: LiveRecipe[] = [];
    const response = await transact(async (tx, name, args) => {
      try {
        recorded = (await collect(() => mustGetMutator(serverMutators, name).fn({tx, args, ctx}))).recipes;
      } catch (err) {
        recorded = [];
        throw vetted.vet(mutation, publicError(err, log, `zero push: mutator ${name}`));
      }
    });
    if (!('error' in response.result)) deps.live?.afterCommit(recorded);
    return response;
  };
  const run = async (mutations: Push['mutations']) =>
    vetted.response(
      await handleMutateRequest({
        dbProvider: vetted.database(deps.zqlDb),
        handler,
        query: c.req.query(),
        body: {...push, mutations} as ReadonlyJSONValue,
        userID: ctx.userID,
        // Zero warns of every failed mutation, most of them people's mistakes
        // (NOT_FOUND, INVALID); the failures that are ours are logged by `publicError`.
        logLevel: 'error',
      }),
    );

  const answered: MutationResponse[] = [];
  let rest = push.mutations;
  let spent = tightest(firstWrites);
  for (let waited = false; ; waited = true) {
    const {allowed, refused} = withinBudget(rest, spent);
    if (allowed > 0 || rest.length === 0) {
      const response = await run(rest.slice(0, allowed));
      if (!('kind' in response) || response.kind !== 'MutateResponse') {
        // Zero could not finish (its database failed). Name the mutations not
        // yet run too: zero-cache tells the clients named here that the push failed.
        const unrun = rest.slice(allowed).map(m => ({id: m.id, clientID: m.clientID}));
        const named = 'mutationIDs' in response ? (response.mutationIDs ?? []) : [];
        return c.json({...response, mutationIDs: [...named, ...unrun]});
      }
      answered.push(...response.mutations);
      rest = rest.slice(allowed);
    }
    if (!refused) return c.json({kind: 'MutateResponse', userID: ctx.userID, mutations: answered});
    if (waited || !(await holds.wait(ctx.userID, refused.retryAfter, c.req.raw.signal))) {
      throw overBudget(refused);
    }
    spent = await spendWrite(limits, {userID: ctx.userID}, writesIn(rest));
  }
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

/** The mutations that spend a write: all but zero-cache's own cleanups. */
const writesIn = (mutations: Push['mutations']) => mutations.filter(m => m.name !== CLEANUP_RESULTS).length;

/**
 * How many of `mutations`, from the first, fit in the writes `spent` granted
 * (a cleanup costs none), and the answer that refused the rest.
 */
function withinBudget(mutations: Push['mutations'], spent: RateLimitResult) {
  let writes = 0;
  for (const [i, m] of mutations.entries()) {
    if (m.name === CLEANUP_RESULTS) continue;
    if (writes === spent.granted) return {allowed: i, refused: spent};
    writes += 1;
  }
  return {allowed: mutations.length, refused: undefined};
}

const overBudget = (refused: RateLimitResult) =>
  tooManyRequests(
    refused.retryAfter,
    `Too many changes in a short time. They are kept and sent again; try again in ${describeSeconds(refused.retryAfter)}.`,
  );

const tooManyFriendRequests = (refused: RateLimitResult) =>
  new ChorusError(
    ErrorCode.LIMIT_REACHED,
    `Too many friend requests. Try again in ${describeSeconds(refused.retryAfter)}.`,
  );

const tooManyGuesses = (refused: RateLimitResult) =>
  new ChorusError(
    ErrorCode.LIMIT_REACHED,
    `Too many access code attempts. Try again in ${describeSeconds(refused.retryAfter)}.`,
    'accessCode',
  );
