import {Hono} from 'hono';
import {afterEach, beforeEach, describe, expect, it, vi} from 'vitest';
import {onError} from './problem.ts';
import {clientIP, enforceRateLimit, ipKey, rateLimit, RateLimiter, type RateLimitDeps} from './rate-limit.ts';

// The limiter on its own, and its middleware in a small Hono app with the
// API's real error handler.

beforeEach(() => {
  vi.useFakeTimers({toFake: ['Date'], now: new Date('2030-01-01T00:00:00Z')});
});
afterEach(() => {
  vi.useRealTimers();
});

describe('[AC1] RateLimiter', () => {
  it('allows `limit` hits per window, then refuses until the window ends', () => {
    const limiter = new RateLimiter({name: 't', limit: 3, windowSeconds: 60});
    expect([1, 2, 3].map(() => limiter.hit('k').remaining)).toEqual([2, 1, 0]);
    expect(limiter.hit('k')).toEqual({ok: false, limit: 3, remaining: 0, resetSeconds: 60, retryAfter: 60});
    vi.advanceTimersByTime(45_000);
    expect(limiter.hit('k')).toMatchObject({ok: false, retryAfter: 15});
    vi.advanceTimersByTime(15_000);
    expect(limiter.hit('k')).toMatchObject({ok: true, remaining: 2, resetSeconds: 60});
  });

  it('counts keys apart, answers for the tightest of several keys, and peek does not count', () => {
    const limiter = new RateLimiter({name: 't', limit: 2, windowSeconds: 10});
    limiter.hit(['ip:a', 'user:1']);
    expect(limiter.peek('ip:a').remaining).toBe(1);
    expect(limiter.peek('ip:a').remaining).toBe(1);
    expect(limiter.hit(['ip:b', 'user:1'])).toMatchObject({ok: true, remaining: 0});
    expect(limiter.hit(['ip:c', 'user:1'])).toMatchObject({ok: false});
    expect(limiter.hit('ip:d').ok).toBe(true);
    limiter.reset('user:1');
    expect(limiter.hit(['ip:e', 'user:1']).ok).toBe(true);
  });

  it('scales the limit by the configured multiplier', () => {
    expect(new RateLimiter({name: 't', limit: 5, windowSeconds: 1}, {multiplier: 10}).limit).toBe(50);
    expect(new RateLimiter({name: 't', limit: 5, windowSeconds: 1}, {multiplier: 0.01}).limit).toBe(1);
  });

  it('forgets windows that have ended', () => {
    const limiter = new RateLimiter({name: 't', limit: 1, windowSeconds: 1});
    for (let i = 0; i < 50; i++) limiter.hit(`k${i}`);
    expect(limiter.size).toBe(50);
    vi.advanceTimersByTime(1_001);
    limiter.hit('fresh');
    expect(limiter.size).toBe(1);
  });
});

function appWith(deps: RateLimitDeps) {
  const app = new Hono();
  app.onError(onError);
  const perIP = rateLimit(deps, {name: 'test.ip', limit: 3, windowSeconds: 60, key: c => ipKey(c, deps)});
  const perAccount = new RateLimiter({name: 'test.account', limit: 1, windowSeconds: 600}, deps.rateLimits);
  app.post('/hit', perIP, c => {
    const account = c.req.query('account');
    if (account) enforceRateLimit(c, perAccount, `account:${account}`);
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
