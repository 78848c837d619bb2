import pg from 'pg';
import {afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi} from 'vitest';
import {createTestDatabase, type TestDatabase} from '../../../test/pg.ts';
import {LoginThrottle, removeForgottenFailures} from './login-throttle.ts';

// The throttle on the test database; every test counts keys of its own.

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

const rule = {threshold: 3, baseSeconds: 30, maxSeconds: 120, forgetSeconds: 3600};
let keys = 0;
const key = () => `k${++keys}`;

describe('[AC2] LoginThrottle', () => {
  it('locks an address after `threshold` failures, for a window that doubles up to the maximum', async () => {
    const throttle = new LoginThrottle(db.pool, rule);
    const [a, b] = [key(), key()];
    for (let i = 0; i < 3; i++) expect(await throttle.attempt(a)).toEqual({ok: true});
    expect(await throttle.attempt(a)).toEqual({ok: false, retryAfter: 30});
    vi.advanceTimersByTime(10_000);
    expect(await throttle.attempt(a)).toEqual({ok: false, retryAfter: 20});
    expect(await throttle.attempt(b)).toEqual({ok: true});

    const waits = [];
    for (let i = 0; i < 4; i++) {
      vi.advanceTimersByTime(121_000);
      expect((await throttle.attempt(a)).ok).toBe(true);
      const locked = await throttle.attempt(a);
      waits.push(locked.ok ? 0 : locked.retryAfter);
    }
    expect(waits).toEqual([60, 120, 120, 120]);
  });

  it('a success forgets the failures', async () => {
    const throttle = new LoginThrottle(db.pool, rule);
    const a = key();
    await throttle.attempt(a);
    await throttle.attempt(a);
    await throttle.succeeded(a);
    await throttle.attempt(a);
    await throttle.attempt(a);
    expect(await throttle.attempt(a)).toEqual({ok: true});
  });

  it('failures are forgotten after a quiet `forgetSeconds`, and the cleanup removes them', async () => {
    const throttle = new LoginThrottle(db.pool, rule);
    const a = key();
    await throttle.attempt(a);
    await throttle.attempt(a);
    vi.advanceTimersByTime(3_601_000);
    await throttle.attempt(a);
    await throttle.attempt(a);
    expect(await throttle.attempt(a)).toEqual({ok: true});
    const old = key();
    await db.pool.query(
      `INSERT INTO login_failures (key, failures, last_failure_at, counted) VALUES ($1, 9, now() - interval '2 hours', true)`,
      [old],
    );
    expect(await removeForgottenFailures(db.pool, 3600)).toBeGreaterThanOrEqual(1);
    expect((await db.pool.query('SELECT 1 FROM login_failures WHERE key = $1', [old])).rowCount).toBe(0);
  });

  it('the rate-limit multiplier raises the threshold', () => {
    expect(new LoginThrottle(db.pool, rule, {multiplier: 10}).threshold).toBe(30);
  });

  it('is shared by processes: guesses at once through two pools are each counted once', async () => {
    vi.useRealTimers();
    const other = new pg.Pool({connectionString: db.url, max: 10});
    try {
      const here = new LoginThrottle(db.pool, {...rule, threshold: 5});
      const there = new LoginThrottle(other, {...rule, threshold: 5});
      const a = key();
      const answers = await Promise.all(
        Array.from({length: 12}, (_, i) => (i % 2 ? here : there).attempt(a)),
      );
      expect(answers.filter(x => x.ok)).toHaveLength(5);
    } finally {
      await other.end();
    }
  });
});
