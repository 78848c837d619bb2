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
