import {Hono} from 'hono';
import pg from 'pg';
import {afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi} from 'vitest';
import {createTestDatabase, type TestDatabase} from '../../../test/pg.ts';
import {onError} from './problem.ts';
import {
  clientIP,
  enforceRateLimit,
  ipKey,
  rateLimit,
  RateLimiter,
  spendAll,
  type RateLimitConfig,
  type RateLimitDeps,
} from './rate-limit.ts';

// The limiter on its own, on the test database, and its middleware in a
// small Hono app with the API's real error handler. Every limiter gets a
// rule name of its own: the counts live in Postgres for the whole file.

let db: TestDatabase;
beforeAll(async () => {
  db = await createTestDatabase();
});
afterAll(async () => {
  await db.drop();
});
beforeEach(() => {
  vi.useFakeTimers({toFake: ['Date'], now: new Date('2030-01-01T00:00:00Z')});
});
afterEach(() => {
  vi.useRealTimers();
});

let rules = 0;
const limiter = (limit: number, windowSeconds: number, config?: RateLimitConfig, pool?: pg.Pool) =>
  new RateLimiter(pool ?? db.pool, {name: `t${++rules}`, limit, windowSeconds}, config);

describe('[AC1] RateLimiter', () => {
  it('allows `limit` hits per window, then refuses until the window ends', async () => {
    const l = limiter(3, 60);
    const remaining = [];
    for (let i = 0; i < 3; i++) remaining.push((await l.hit('k')).remaining);
    expect(remaining).toEqual([2, 1, 0]);
    expect(await l.hit('k')).toEqual({
      ok: false,
      limit: 3,
      remaining: 0,
      resetSeconds: 60,
      retryAfter: 60,
      granted: 0,
    });
    vi.advanceTimersByTime(45_000);
    expect(await l.hit('k')).toMatchObject({ok: false, retryAfter: 15});
    vi.advanceTimersByTime(15_000);
    expect(await l.hit('k')).toMatchObject({ok: true, remaining: 2, resetSeconds: 60});
  });

  it('counts keys apart, and answers for the tightest of several keys', async () => {
    const l = limiter(2, 10);
    await l.hit(['ip:a', 'user:1']);
    expect(await l.hit(['ip:b', 'user:1'])).toMatchObject({ok: true, remaining: 0});
    expect(await l.hit(['ip:c', 'user:1'])).toMatchObject({ok: false});
    expect((await l.hit('ip:d')).ok).toBe(true);
    expect(await l.hit(['ip:a', 'ip:d'])).toMatchObject({ok: true, remaining: 0});
  });

  it('a hit of several grants as many as fit', async () => {
    const l = limiter(5, 60);
    expect(await l.hit('k', 3)).toMatchObject({ok: true, remaining: 2, granted: 3});
    expect(await l.hit('k', 4)).toMatchObject({ok: false, remaining: 0, granted: 2});
    expect(await l.hit('k', 1)).toMatchObject({ok: false, granted: 0});
  });

  it('scales the limit by the configured multiplier', () => {
    expect(limiter(5, 1, {multiplier: 10}).limit).toBe(50);
    expect(limiter(5, 1, {multiplier: 0.01}).limit).toBe(1);
  });

  it('spends several limits in one statement, each with its own window', async () => {
    const perMinute = limiter(2, 60);
    const perHour = limiter(100, 3600);
    const [a, b] = await spendAll([
      {limiter: perMinute, key: 'user:1'},
      {limiter: perHour, key: ['user:1', 'ip:x']},
    ]);
    expect(a).toMatchObject({ok: true, remaining: 1, resetSeconds: 60});
    expect(b).toMatchObject({ok: true, remaining: 99, resetSeconds: 3600});
    const {rows} = await db.pool.query<{rule: string; key: string; count: number}>(
      'SELECT rule, key, count FROM rate_limit_windows WHERE rule = ANY($1) ORDER BY rule, key',
      [[perMinute.name, perHour.name]],
    );
    expect(rows).toEqual([
      {rule: perMinute.name, key: 'user:1', count: 1},
      {rule: perHour.name, key: 'ip:x', count: 1},
      {rule: perHour.name, key: 'user:1', count: 1},
    ]);
  });

  it('is shared by processes: hits at once through two pools are each counted once', async () => {
    vi.useRealTimers();
    const other = new pg.Pool({connectionString: db.url, max: 10});
    try {
      const name = `t${++rules}`;
      const here = new RateLimiter(db.pool, {name, limit: 25, windowSeconds: 60});
      const there = new RateLimiter(other, {name, limit: 25, windowSeconds: 60});
      // The same keys in both orders: the rows are locked in one order, so no deadlock.
      const answers = await Promise.all(
        Array.from({length: 40}, (_, i) => (i % 2 ? here : there).hit(i % 4 < 2 ? ['a', 'b'] : ['b', 'a'])),
      );
      expect(answers.filter(a => a.ok)).toHaveLength(25);
      expect(answers.map(a => a.remaining).sort((x, y) => x - y)).toEqual([
        ...Array<number>(16).fill(0),
        ...Array.from({length: 24}, (_, i) => i + 1),
      ]);
    } finally {
      await other.end();
    }
  });
});

let apps = 0;
function appWith(options: Omit<RateLimitDeps, 'pool'>) {
  const deps = {...options, pool: db.pool};
  const app = new Hono();
  app.onError(onError);
  const n = ++apps;
  const perIP = rateLimit(deps, {name: `app${n}.ip`, limit: 3, windowSeconds: 60, key: c => ipKey(c, deps)});
  const perAccount = new RateLimiter(
    db.pool,
    {name: `app${n}.account`, limit: 1, windowSeconds: 600},
    deps.rateLimits,
  );
  app.post('/hit', perIP, async c => {
    const account = c.req.query('account');
    if (account) await enforceRateLimit(c, perAccount, `account:${account}`);
    return c.json({ip: clientIP(c, deps)});
  });
  return app;
}

const post = (app: Hono, path: string, headers: Record<string, string> = {}) =>
  app.request(path, {method: 'POST', headers});

describe('[AC1] rateLimit middleware', () => {
  it('sets RateLimit-Limit, -Remaining and -Reset on every answer', async () => {
    const app = appWith({});
    const res = await post(app, '/hit');
    expect(res.status).toBe(200);
    expect(res.headers.get('ratelimit-limit')).toBe('3');
    expect(res.headers.get('ratelimit-remaining')).toBe('2');
    expect(res.headers.get('ratelimit-reset')).toBe('60');
  });

  it('over the limit answers a 429 problem with Retry-After and a detail saying when to retry', async () => {
    const app = appWith({});
    for (let i = 0; i < 3; i++) expect((await post(app, '/hit')).status).toBe(200);
    vi.advanceTimersByTime(30_000);
    const res = await post(app, '/hit');
    expect(res.status).toBe(429);
    expect(res.headers.get('content-type')).toContain('application/problem+json');
    expect(res.headers.get('retry-after')).toBe('30');
    expect(res.headers.get('ratelimit-remaining')).toBe('0');
    expect(await res.json()).toMatchObject({
      status: 429,
      detail: 'Too many requests. Try again in 30 seconds.',
    });
  });

  it('a limit checked inside the handler shows the tightest limit in the headers', async () => {
    const app = appWith({});
    const first = await post(app, '/hit?account=ann');
    expect(first.headers.get('ratelimit-limit')).toBe('1');
    expect(first.headers.get('ratelimit-remaining')).toBe('0');
    const second = await post(app, '/hit?account=ann');
    expect(second.status).toBe(429);
    expect(second.headers.get('retry-after')).toBe('600');
    expect(((await second.json()) as {detail: string}).detail).toBe(
      'Too many requests. Try again in 10 minutes.',
    );
  });

  it('the multiplier in the deps raises the limits', async () => {
    const app = appWith({rateLimits: {multiplier: 100}});
    for (let i = 0; i < 10; i++) expect((await post(app, '/hit')).status).toBe(200);
  });
});

describe('[AC1] client address', () => {
  it('without a trusted proxy, X-Forwarded-For is ignored (no socket in app.request: unknown)', async () => {
    const app = appWith({});
    const res = await post(app, '/hit', {'x-forwarded-for': '203.0.113.9'});
    expect(await res.json()).toEqual({ip: 'unknown'});
    // A spoofed header does not buy a fresh allowance.
    for (let i = 0; i < 2; i++) await post(app, '/hit', {'x-forwarded-for': `198.51.100.${i}`});
    expect((await post(app, '/hit', {'x-forwarded-for': '192.0.2.1'})).status).toBe(429);
  });

  it('behind one trusted proxy, the entry that proxy appended is the client', async () => {
    const app = appWith({trustProxy: 1});
    const res = await post(app, '/hit', {'x-forwarded-for': '10.0.0.1, 203.0.113.9'});
    expect(await res.json()).toEqual({ip: '203.0.113.9'});
    expect(await (await post(app, '/hit', {'x-forwarded-for': '::ffff:198.51.100.7'})).json()).toEqual({
      ip: '198.51.100.7',
    });
  });

  it('counts IPv6 clients by their /64', async () => {
    const app = appWith({trustProxy: 1});
    for (const ip of ['2001:db8:1:2::1', '2001:db8:1:2:aaaa::9', '2001:0db8:0001:0002:ffff::']) {
      expect((await post(app, '/hit', {'x-forwarded-for': ip})).status).toBe(200);
    }
    expect((await post(app, '/hit', {'x-forwarded-for': '2001:db8:1:2::7'})).status).toBe(429);
    expect((await post(app, '/hit', {'x-forwarded-for': '2001:db8:1:3::7'})).status).toBe(200);
  });
});
