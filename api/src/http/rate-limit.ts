import {getConnInfo} from '@hono/node-server/conninfo';
import type {Context, Env, MiddlewareHandler} from 'hono';
import type {Pool} from 'pg';
import {ProblemError} from './problem.ts';
import {countHits, type WindowCount} from './rate-windows.ts';

/**
 * Fixed-window rate limits whose counts live in Postgres
 * (`rate-windows.ts`), so every API process spends from the same budgets:
 * behind a proxy that spreads requests over several processes, a limit is
 * the deployment's, not each process's. A window starts with its key's first
 * hit. Counting costs one round trip, however many limits and keys one
 * request spends (`spendAll`).
 */

/** How the deployment scales the built-in limits (`Deps.rateLimits`). */
export type RateLimitConfig = {
  /** Multiplies every limit; tests and benchmarks raise it. Default 1. */
  multiplier?: number | undefined;
};

/** What `rateLimit` and `createRateLimiter` need from `Deps`. */
export type RateLimitDeps = {
  pool: Pool;
  rateLimits?: RateLimitConfig | undefined;
  trustProxy?: number | undefined;
};

export type RateLimitRule = {
  /** Names the limit in errors and logs, e.g. `auth.login.ip`; its counts are stored under it. */
  name: string;
  /** Requests allowed per window, before the multiplier. */
  limit: number;
  windowSeconds: number;
};

export type RateLimitResult = {
  ok: boolean;
  limit: number;
  remaining: number;
  /** Seconds until the current window ends. */
  resetSeconds: number;
  /** Seconds to wait before trying again; 0 when `ok`. */
  retryAfter: number;
  /** How much of the hit's cost fit within the limit (1 or 0 for a single request). */
  granted: number;
};

/** One request counted against `limiter` under every key, `cost` times (default once). */
export type Spend = {limiter: RateLimiter; key: string | string[]; cost?: number};

export class RateLimiter {
  readonly name: string;
  readonly limit: number;
  readonly windowSeconds: number;
  readonly pool: Pool;

  constructor(pool: Pool, rule: RateLimitRule, config: RateLimitConfig = {}) {
    this.pool = pool;
    this.name = rule.name;
    this.limit = Math.max(1, Math.ceil(rule.limit * (config.multiplier ?? 1)));
    this.windowSeconds = rule.windowSeconds;
  }

  /** Counts one request (`cost` of them) against every key; the answer is the tightest of them. */
  async hit(key: string | string[], cost = 1): Promise<RateLimitResult> {
    const [result] = await spendAll([{limiter: this, key, cost}]);
    return result!;
  }

  /** The answer for a key whose window holds `count` after a hit of `cost`. */
  resultOf({count, resetAt}: WindowCount, cost: number, now: number): RateLimitResult {
    const resetSeconds = Math.max(1, Math.ceil((resetAt - now) / 1000));
    const ok = count <= this.limit;
    return {
      ok,
      limit: this.limit,
      remaining: Math.max(0, this.limit - count),
      resetSeconds,
      retryAfter: ok ? 0 : resetSeconds,
      granted: Math.min(cost, Math.max(0, this.limit - (count - cost))),
    };
  }
}

/**
 * Counts every spend in one round trip to Postgres (the limiters share one
 * pool: those of one app do) and answers for each, in order, the tightest
 * of its keys.
 */
export async function spendAll(spends: readonly Spend[]): Promise<RateLimitResult[]> {
  const pool = spends[0]?.limiter.pool;
  if (!pool) return [];
  if (spends.some(s => s.limiter.pool !== pool)) throw new Error('rate limit: limiters of different pools');
  const now = Date.now();
  const hits = spends.flatMap(s =>
    keysOf(s.key).map(key => ({
      rule: s.limiter.name,
      key,
      windowSeconds: s.limiter.windowSeconds,
      cost: s.cost ?? 1,
    })),
  );
  const counts = await countHits(pool, hits, now);
  let next = 0;
  return spends.map(s =>
    tightest(keysOf(s.key).map(() => s.limiter.resultOf(counts[next++]!, s.cost ?? 1, now))),
  );
}

const keysOf = (key: string | string[]) => (Array.isArray(key) ? key : [key]);

/** The answer closest to refusing: refused before allowed, then the least remaining or longest wait. */
export function tightest(results: RateLimitResult[]): RateLimitResult {
  let worst: RateLimitResult | undefined;
  for (const r of results) {
    if (
      !worst ||
      (worst.ok && !r.ok) ||
      (worst.ok === r.ok && (r.ok ? r.remaining < worst.remaining : r.retryAfter > worst.retryAfter))
    ) {
      worst = r;
    }
  }
  if (!worst) throw new Error('rate limit: no key given');
  return {...worst, granted: Math.min(...results.map(r => r.granted))};
}

/** A limiter scaled by the deployment's `rateLimits` configuration. */
export function createRateLimiter(deps: RateLimitDeps, rule: RateLimitRule): RateLimiter {
  return new RateLimiter(deps.pool, rule, deps.rateLimits);
}

/**
 * The address the request came from. Behind `trustProxy` reverse proxies, the
 * entry the outermost trusted proxy appended to `X-Forwarded-For` (entries to
 * its left are whatever the client sent, so they are never trusted); otherwise
 * the socket's peer, or `unknown` when there is no socket (`app.request`).
 */
export function clientIP(c: Context, deps: {trustProxy?: number | undefined} = {}): string {
  const hops = deps.trustProxy ?? 0;
  if (hops > 0) {
    const chain = (c.req.header('x-forwarded-for') ?? '')
      .split(',')
      .map(s => s.trim())
      .filter(Boolean);
    const ip = chain[Math.max(0, chain.length - hops)];
    if (ip) return normalizeIP(ip);
  }
  try {
    const address = getConnInfo(c).remote.address;
    return address ? normalizeIP(address) : 'unknown';
  } catch {
    return 'unknown';
  }
}

const normalizeIP = (ip: string) => ip.replace(/^::ffff:(\d+\.\d+\.\d+\.\d+)$/i, '$1').toLowerCase();

/**
 * The rate-limit key for the request's address. An IPv6 client usually holds
 * a whole /64, so IPv6 addresses are counted by that prefix.
 */
export function ipKey(c: Context, deps: {trustProxy?: number | undefined} = {}): string {
  const ip = clientIP(c, deps);
  if (!ip.includes(':')) return `ip:${ip}`;
  return `ip:${ipv6Prefix64(ip)}::/64`;
}

function ipv6Prefix64(ip: string): string {
  const [head = '', tail] = ip.split('%')[0]!.split('::');
  const left = head ? head.split(':') : [];
  const right = tail === undefined ? [] : tail ? tail.split(':') : [];
  const groups = [...left, ...Array<string>(Math.max(0, 8 - left.length - right.length)).fill('0'), ...right];
  return groups
    .slice(0, 4)
    .map(g => g.replace(/^0+(?=.)/, ''))
    .join(':');
}

// The tightest limit seen so far for each request, so that the headers of a
// request checked by several limits (per address, per account) describe the one
// closest to refusing it.
const tightestByRequest = new WeakMap<Request, RateLimitResult>();

/**
 * Counts the request against `limiter` for every key, sets the `RateLimit-*`
 * headers (draft-ietf-httpapi-ratelimit-headers) and, over the limit, throws a
 * 429 problem with `Retry-After`. Call it inside a handler for keys known only
 * after parsing the body (an email address).
 */
export async function enforceRateLimit(
  c: Context,
  limiter: RateLimiter,
  key: string | string[],
): Promise<void> {
  applyRateLimit(c, await limiter.hit(key));
}

/** What `enforceRateLimit` does with an answer already counted (`spendAll`): headers, and 429 over it. */
export function applyRateLimit(c: Context, result: RateLimitResult): void {
  const previous = tightestByRequest.get(c.req.raw);
  const shown = previous ? tightest([previous, result]) : result;
  tightestByRequest.set(c.req.raw, shown);
  c.header('RateLimit-Limit', String(shown.limit));
  c.header('RateLimit-Remaining', String(shown.remaining));
  c.header('RateLimit-Reset', String(shown.resetSeconds));
  if (!result.ok) throw tooManyRequests(result.retryAfter);
}

/** The 429 problem every limit answers with. */
export function tooManyRequests(retryAfterSeconds: number, detail?: string): ProblemError {
  return new ProblemError(
    429,
    'Too Many Requests',
    detail ?? `Too many requests. Try again in ${describeSeconds(retryAfterSeconds)}.`,
    {headers: {'Retry-After': String(retryAfterSeconds)}},
  );
}

/** "45 seconds", "1 minute", "15 minutes", "1 hour". */
export function describeSeconds(seconds: number): string {
  const plural = (n: number, unit: string) => `${n} ${unit}${n === 1 ? '' : 's'}`;
  if (seconds < 60) return plural(seconds, 'second');
  const minutes = Math.ceil(seconds / 60);
  if (minutes < 60) return plural(minutes, 'minute');
  return plural(Math.ceil(minutes / 60), 'hour');
}

export type RateLimitOptions<E extends Env> = RateLimitRule & {
  /** The keys to count the request under; prefix them (`ip:`, `user:`) to keep kinds apart. */
  key: (c: Context<E>) => string | string[];
};

/**
 * Middleware counting each request under `key(c)`. The limiter is exposed as
 * `.limiter` (to `reset` a key, or to share it with `enforceRateLimit`).
 *
 * ```ts
 * app.post('/join', rateLimit(deps, {name: 'servers.join', limit: 20, windowSeconds: 600,
 *   key: c => [ipKey(c, deps), `user:${c.get('session').userID}`]}), handler);
 * ```
 */
export function rateLimit<E extends Env = Env>(
  deps: RateLimitDeps,
  options: RateLimitOptions<E>,
): MiddlewareHandler<E> & {limiter: RateLimiter} {
  return limitBy(createRateLimiter(deps, options), options.key);
}

/** Middleware counting each request under `key(c)` against an existing limiter. */
export function limitBy<E extends Env = Env>(
  limiter: RateLimiter,
  key: (c: Context<E>) => string | string[],
): MiddlewareHandler<E> & {limiter: RateLimiter} {
  const middleware: MiddlewareHandler<E> = async (c, next) => {
    await enforceRateLimit(c as Context, limiter, key(c));
    await next();
  };
  return Object.assign(middleware, {limiter});
}
