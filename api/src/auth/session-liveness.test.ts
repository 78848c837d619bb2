import {randomUUID} from 'node:crypto';
import {setTimeout as sleep} from 'node:timers/promises';
import {afterAll, afterEach, beforeAll, describe, expect, it, vi} from 'vitest';
import {insertUser} from '../../../test/fixtures.ts';
import {createTestDatabase, type TestDatabase} from '../../../test/pg.ts';
import {SessionLiveness} from './session-liveness.ts';

// [AC5] The in-memory answer to "has this session ended?", kept true by Postgres notifications.

let db: TestDatabase;
let liveness: SessionLiveness;
beforeAll(async () => {
  db = await createTestDatabase();
  liveness = await SessionLiveness.start(db.pool);
});
afterAll(async () => {
  await liveness?.stop();
  await db?.drop();
});
afterEach(() => vi.restoreAllMocks());

async function newSession(expiresIn = '30 days'): Promise<string> {
  const {userID} = await insertUser(db.pool);
  const id = randomUUID();
  await db.pool.query(
    `INSERT INTO auth_sessions (id, user_id, expires_at) VALUES ($1, $2, now() + $3::interval)`,
    [id, userID, expiresIn],
  );
  return id;
}

/** How many times `ended` asks Postgres while `fn` runs. */
async function lookups(fn: () => Promise<unknown>): Promise<number> {
  const spy = vi.spyOn(db.pool, 'query');
  await fn();
  const n = spy.mock.calls.filter(([sql]) => String(sql).includes('FROM auth_sessions')).length;
  spy.mockRestore();
  return n;
}

describe('SessionLiveness', () => {
  it('asks Postgres once for a signed-in session, then answers from memory', async () => {
    const id = await newSession();
    expect(liveness.caching).toBe(true);
    expect(await lookups(() => liveness.ended(id))).toBe(1);
    expect(await lookups(async () => expect(await liveness.ended(id)).toBe(false))).toBe(0);
  });

  it('forgets a session revoked from another connection as soon as Postgres says so', async () => {
    const id = await newSession();
    expect(await liveness.ended(id)).toBe(false);
    await db.pool.query('UPDATE auth_sessions SET revoked_at = now() WHERE id = $1', [id]);
    await liveness.settle();
    expect(await liveness.ended(id)).toBe(true);
    // An ended session is never remembered: every later request asks again.
    expect(await lookups(() => liveness.ended(id))).toBe(1);
  });

  it('remembers a session no longer than it lasts', async () => {
    const id = await newSession();
    expect(await liveness.ended(id)).toBe(false);
    // Shortening a session notifies like revoking it.
    await db.pool.query(
      `UPDATE auth_sessions SET expires_at = now() + interval '300 milliseconds' WHERE id = $1`,
      [id],
    );
    await liveness.settle();
    expect(await liveness.ended(id)).toBe(false);
    await sleep(400);
    expect(await liveness.ended(id)).toBe(true);
  });

  it('an answer read before a sign-out is not remembered after it', async () => {
    const id = await newSession();
    // Hold the lookup's answer until the revocation has been heard.
    const original = db.pool.query.bind(db.pool);
    let release!: () => void;
    const held = new Promise<void>(resolve => (release = resolve));
    vi.spyOn(db.pool, 'query').mockImplementationOnce((async (...args: Parameters<typeof original>) => {
      const result = await (original as (...a: unknown[]) => Promise<unknown>)(...args);
      await held;
      return result;
    }) as never);
    const stale = liveness.ended(id);
    await sleep(50);
    vi.restoreAllMocks();
    await db.pool.query('UPDATE auth_sessions SET revoked_at = now() WHERE id = $1', [id]);
    await liveness.settle();
    release();
    expect(await stale).toBe(false); // read before the sign-out committed
    expect(await liveness.ended(id)).toBe(true);
  });

  it('without its listener it asks Postgres every time, and listens again once it can', async () => {
    const id = await newSession();
    expect(await liveness.ended(id)).toBe(false);
    await db.pool.query(
      `SELECT pg_terminate_backend(pid) FROM pg_stat_activity
        WHERE datname = current_database() AND query LIKE 'LISTEN%'`,
    );
    for (let i = 0; i < 100 && liveness.caching; i++) await sleep(10);
    expect(liveness.caching).toBe(false);
    expect(await lookups(() => liveness.ended(id))).toBe(1);
    expect(await lookups(() => liveness.ended(id))).toBe(1);
    for (let i = 0; i < 300 && !liveness.caching; i++) await sleep(20);
    expect(liveness.caching).toBe(true);
    await liveness.ended(id);
    expect(await lookups(() => liveness.ended(id))).toBe(0);
  });
});

describe('SessionLiveness.watch', () => {
  /** Resolves with how many times the session's watcher was told. */
  function watched(id: string) {
    const calls = {count: 0, unwatch: () => {}};
    calls.unwatch = liveness.watch(id, () => calls.count++);
    return calls;
  }
  const until = async (check: () => boolean, ms = 5_000) => {
    for (const deadline = Date.now() + ms; !check() && Date.now() < deadline;) await sleep(10);
  };
  const listening = () => until(() => liveness.caching, 10_000);

  it('[AC12] tells each watcher of a session once, when it is revoked', async () => {
    await listening();
    const id = await newSession();
    const [a, b, other] = [watched(id), watched(id), watched(await newSession())];
    await db.pool.query('UPDATE auth_sessions SET revoked_at = now() WHERE id = $1', [id]);
    await until(() => a.count > 0 && b.count > 0);
    expect([a.count, b.count, other.count]).toEqual([1, 1, 0]);
    // A second change to the same session tells nobody again.
    await db.pool.query(`UPDATE auth_sessions SET revoked_at = now() + interval '1 second' WHERE id = $1`, [
      id,
    ]);
    await liveness.settle();
    expect([a.count, b.count]).toEqual([1, 1]);
    other.unwatch();
  });

  it('[AC12] tells of a deleted session, but not of one shortened that is still signed in', async () => {
    await listening();
    const [shortened, deleted] = [await newSession(), await newSession()];
    const [s, d] = [watched(shortened), watched(deleted)];
    await db.pool.query(`UPDATE auth_sessions SET expires_at = now() + interval '1 hour' WHERE id = $1`, [
      shortened,
    ]);
    await db.pool.query('DELETE FROM auth_sessions WHERE id = $1', [deleted]);
    await until(() => d.count > 0);
    await liveness.settle();
    expect([s.count, d.count]).toEqual([0, 1]);
    s.unwatch();
  });

  it('[AC12] a watcher that stopped watching is not told; settle tokens name no session', async () => {
    await listening();
    const id = await newSession();
    const w = watched(id);
    w.unwatch();
    w.unwatch(); // twice is harmless
    await db.pool.query('UPDATE auth_sessions SET revoked_at = now() WHERE id = $1', [id]);
    // Another process's settle token, which happens to be watched.
    const token = `settle:${randomUUID()}`;
    const settleWatcher = watched(token);
    await db.pool.query('SELECT pg_notify($1, $2)', ['chorus_session_ended', token]);
    await liveness.settle();
    expect([w.count, settleWatcher.count]).toEqual([0, 0]);
    settleWatcher.unwatch();
  });

  it('[AC12] a session that runs out, which notifies no one, is caught by the sweep', async () => {
    const sweeping = await SessionLiveness.start(db.pool, {expirySweepMs: 100});
    try {
      const id = await newSession('2 seconds');
      let told = 0;
      sweeping.watch(id, () => told++);
      await sleep(500);
      expect(told).toBe(0);
      await until(() => told > 0, 10_000);
      expect(told).toBe(1);
    } finally {
      await sweeping.stop();
    }
  });

  it('[AC12] a sign-out missed while the listener was down is caught when it listens again', async () => {
    await listening();
    const [revoked, alive] = [await newSession(), await newSession()];
    const [r, a] = [watched(revoked), watched(alive)];
    await db.pool.query(
      `SELECT pg_terminate_backend(pid) FROM pg_stat_activity
        WHERE datname = current_database() AND query LIKE 'LISTEN%'`,
    );
    await until(() => !liveness.caching);
    expect(liveness.caching).toBe(false);
    await db.pool.query('UPDATE auth_sessions SET revoked_at = now() WHERE id = $1', [revoked]);
    await sleep(100);
    expect(r.count).toBe(0); // nobody heard it
    await listening();
    await until(() => r.count > 0);
    expect([r.count, a.count]).toEqual([1, 0]);
    a.unwatch();
  });
});
