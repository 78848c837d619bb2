import type {Context, MiddlewareHandler} from 'hono';
import {verifyAccessToken} from '../auth/tokens.ts';
import type {Deps} from '../deps.ts';
import {
  createRateLimiter,
  enforceRateLimit,
  ipKey,
  type RateLimiter,
  type RateLimitResult,
  type RateLimitRule,
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

/** One set of counters per app: `createApp` makes it and hands it to the routes that share it. */
export function createAppLimits(deps: Pick<Deps, 'rateLimits'>): AppLimits {
  const entries = Object.entries(appLimitRules).map(([key, rule]) => [key, createRateLimiter(deps, rule)]);
  return Object.fromEntries(entries) as AppLimits;
}

export const userKey = (userID: string) => `user:${userID}`;

/**
 * [RL1] Spends one write of the person's budget and, when the address is
 * known, of the address's; the answer is the tighter of the two. Zero pushes
 * pass no address: zero-cache calls the API, so the request's address is
 * zero-cache's, shared by everyone (see `zero/push-budget.ts`).
 */
export function spendWrite(limits: AppLimits, who: {userID: string; ip?: string}): RateLimitResult {
  const byUser = limits.writesUser.hit(userKey(who.userID));
  if (!byUser.ok || who.ip === undefined) return byUser;
  const byIP = limits.writesIP.hit(who.ip);
  return byIP.ok && byIP.remaining >= byUser.remaining ? byUser : byIP;
}

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * [RL1] Counts every REST request that changes something (`/api/v1/*`, any
 * method but GET, HEAD and OPTIONS) against the write budgets, before the
 * route runs. The sign-in endpoints (`/api/v1/auth/*`) have limits of their own.
 *
 * This runs before each resource's `requireAuth`, so it reads the person from
 * the access token itself: the signature is checked (a forged token must not
 * spend someone else's budget), a signed-out session is left to `requireAuth`.
 * A request without a valid token spends only its address's budget.
 */
export function limitRestWrites(deps: Deps, limits: AppLimits): MiddlewareHandler {
  return async (c, next) => {
    if (SAFE_METHODS.has(c.req.method) || c.req.path.startsWith('/api/v1/auth/')) return next();
    const userID = await bearerUserID(deps, c);
    const ip = ipKey(c, deps);
    if (userID !== undefined) enforceRateLimit(c, limits.writesUser, userKey(userID));
    enforceRateLimit(c, limits.writesIP, ip);
    await next();
  };
}

async function bearerUserID(deps: Deps, c: Context): Promise<string | undefined> {
  const token = /^Bearer (.+)$/i.exec(c.req.header('authorization') ?? '')?.[1];
  if (!token) return undefined;
  const result = await verifyAccessToken(deps.auth, token);
  return result.ok ? result.session.userID : undefined;
}
