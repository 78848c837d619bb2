import type {Context, MiddlewareHandler} from 'hono';
import {verifyAccessToken} from '../auth/tokens.ts';
import type {Deps} from '../deps.ts';
import {
  applyRateLimit,
  createRateLimiter,
  ipKey,
  spendAll,
  tightest,
  type RateLimiter,
  type RateLimitResult,
  type RateLimitRule,
  type Spend,
} from './rate-limit.ts';

const MINUTE = 60;

/**
 * The production limits shared by several routes of one app, before
 * `Deps.rateLimits.multiplier` (tests and the benchmark raise it).
 *
 * [RL1] One write budget per person and one per address, whatever the path:
 * REST writes, each mutation of a Zero push, and later the agent API. A person
 * chatting fast sends a message every few seconds; 120 changes a minute leaves
 * room for reactions, edits and read marks besides. An address may be an
 * office behind one NAT, so it gets ten people's worth.
 *
 * [SV10] Access-code guesses, over REST or as `server.join` in a Zero push:
 * trying 31^5 ≈ 28.6 million codes at 20 per 10 minutes would take centuries.
 *
 * [F2] Friend requests, over REST or as `friend.request` in a Zero push:
 * asking is cheap for the asker and noisy for the people asked.
 *
 * [RL2] The endpoints zero-cache calls, per person: a client asks for new
 * queries when it opens a page and pushes when it writes, so a few a second
 * is plenty; a push's mutations are counted by [RL1] besides.
 */
export const appLimitRules = {
  writesUser: {name: 'writes.user', limit: 120, windowSeconds: MINUTE},
  writesIP: {name: 'writes.ip', limit: 1200, windowSeconds: MINUTE},
  join: {name: 'servers.join', limit: 20, windowSeconds: 10 * MINUTE},
  friendRequest: {name: 'friends.request', limit: 30, windowSeconds: 10 * MINUTE},
  zeroQuery: {name: 'zero.query.user', limit: 300, windowSeconds: MINUTE},
  zeroMutate: {name: 'zero.mutate.user', limit: 300, windowSeconds: MINUTE},
} satisfies Record<string, RateLimitRule>;

export type AppLimits = {[K in keyof typeof appLimitRules]: RateLimiter};

/**
 * The limiters of one app: `createApp` makes them and hands them to the
 * routes that share them. Their counts are in Postgres, shared by every app
 * on the database.
 */
export function createAppLimits(deps: Pick<Deps, 'pool' | 'rateLimits'>): AppLimits {
  const entries = Object.entries(appLimitRules).map(([key, rule]) => [key, createRateLimiter(deps, rule)]);
  return Object.fromEntries(entries) as AppLimits;
}

export const userKey = (userID: string) => `user:${userID}`;

/** [RL1] The write budgets a write spends: the person's and, when the address is known, the address's. */
export function writeSpends(
  limits: AppLimits,
  who: {userID?: string | undefined; ip?: string},
  cost = 1,
): Spend[] {
  const spends: Spend[] = [];
  if (who.userID !== undefined) spends.push({limiter: limits.writesUser, key: userKey(who.userID), cost});
  if (who.ip !== undefined) spends.push({limiter: limits.writesIP, key: who.ip, cost});
  return spends;
}

/**
 * [RL1] Spends `cost` writes of the person's budget and, when the address is
 * known, of the address's, in one round trip; the answer is the tighter of
 * the two. Zero pushes pass no address: zero-cache calls the API, so the
 * request's address is zero-cache's, shared by everyone (see `zero/push.ts`).
 */
export async function spendWrite(
  limits: AppLimits,
  who: {userID: string; ip?: string},
  cost = 1,
): Promise<RateLimitResult> {
  return tightest(await spendAll(writeSpends(limits, who, cost)));
}

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

// Requests whose route awaits `writeBudget(c)` itself.
const settling = new WeakMap<Request, Promise<void>>();

export type LimitRestWritesOptions = {
  /**
   * Routes (`POST /api/v1/messages`) that await `writeBudget(c)` themselves,
   * beside work that does not depend on it, before they write anything.
   */
  settledByRoute?: readonly string[];
};

/**
 * [RL1] Counts every REST request that changes something (`/api/v1/*`, any
 * method but GET, HEAD and OPTIONS) against the write budgets, before the
 * route writes. The sign-in endpoints (`/api/v1/auth/*`) have limits of their own.
 *
 * This runs before each resource's `requireAuth`, so it reads the person from
 * the access token itself: the signature is checked (a forged token must not
 * spend someone else's budget), a signed-out session is left to `requireAuth`.
 * A request without a valid token spends only its address's budget.
 *
 * Both budgets are counted in one round trip to Postgres. Most routes run
 * once it has answered; a route in `settledByRoute` starts at once and
 * awaits `writeBudget(c)` together with its first reads, so the count adds
 * no round trip of its own to the path (the message send path: the live
 * fast lane waits for its commit).
 */
export function limitRestWrites(
  deps: Deps,
  limits: AppLimits,
  options: LimitRestWritesOptions = {},
): MiddlewareHandler {
  const settledByRoute = new Set(options.settledByRoute);
  return async (c, next) => {
    if (SAFE_METHODS.has(c.req.method) || c.req.path.startsWith('/api/v1/auth/')) return next();
    const userID = await bearerUserID(deps, c);
    const spent = spendAll(writeSpends(limits, {userID, ip: ipKey(c, deps)})).then(results => {
      // The person's budget first: over both, the answer is the person's.
      for (const result of results) applyRateLimit(c, result);
    });
    if (!settledByRoute.has(`${c.req.method} ${c.req.path}`)) {
      await spent;
      return next();
    }
    // Handled here at once: the route may be busy elsewhere when it rejects.
    spent.catch(() => {});
    settling.set(c.req.raw, spent);
    await next();
    // A route that failed before it asked (a 400) answers as any other: over
    // the budget, 429 comes first.
    await spent;
  };
}

/**
 * [RL1] Resolves once the request's write budgets are counted; over either,
 * rejects with the 429 problem. Only routes `limitRestWrites` was told
 * settle it themselves need it; for any other it resolves at once.
 */
export function writeBudget(c: Context): Promise<void> {
  return settling.get(c.req.raw) ?? Promise.resolve();
}

async function bearerUserID(deps: Deps, c: Context): Promise<string | undefined> {
  const token = /^Bearer (.+)$/i.exec(c.req.header('authorization') ?? '')?.[1];
  if (!token) return undefined;
  const result = await verifyAccessToken(deps.auth, token);
  return result.ok ? result.session.userID : undefined;
}
