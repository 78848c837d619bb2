import {randomUUID} from 'node:crypto';
import {describe, expect, it} from 'vitest';
import {restHarness} from '../../../test/rest-harness.ts';
import {cleanUp} from './cleanup.ts';

// [OP10] What the hourly cleanup removes, and what it must keep.

const h = restHarness();

describe('[OP10] cleanup', () => {
  it('removes long-ended sessions, spent tokens, old audit rows and windows; keeps what is still live or recent', async () => {
    const who = await h.user();
    const session = async (sql: string) =>
      (
        await h.pool.query<{id: string}>(
          `INSERT INTO auth_sessions (user_id, expires_at, revoked_at) VALUES ($1, ${sql}) RETURNING id`,
          [who.userID],
        )
      ).rows[0]!.id;
    const longRevoked = await session(`now() + interval '10 days', now() - interval '3 days'`);
    const justRevoked = await session(`now() + interval '10 days', now() - interval '1 hour'`);
    const longExpired = await session(`now() - interval '5 days', NULL`);
    const live = await session(`now() + interval '10 days', NULL`);
    await h.pool.query(
      `INSERT INTO email_tokens (token_hash, user_id, purpose, expires_at, used_at) VALUES
         ($1, $3, 'verify_email', now() - interval '2 days', NULL),
         ($2, $3, 'verify_email', now() + interval '1 day', NULL)`,
      [randomUUID(), randomUUID(), who.userID],
    );
    await h.pool.query(
      `INSERT INTO ai_agent_logs (agent_id, action, "timestamp") VALUES ($1, 'old', now() - interval '100 days'), ($1, 'new', now())`,
      [who.userID],
    );
    await h.pool.query(
      `INSERT INTO rate_limit_windows (rule, key, resets_at, count) VALUES
         ('writes.user', 'user:ended', now() - interval '1 second', 5),
         ('writes.user', 'user:current', now() + interval '1 minute', 5)`,
    );

    const removed = await cleanUp(h.pool, {auditRetentionDays: 90});
    expect(removed).toMatchObject({sessions: 2, emailTokens: 1, auditRows: 1, rateWindows: 1});
    const windows = await h.pool.query<{key: string}>('SELECT key FROM rate_limit_windows');
    expect(windows.rows.map(r => r.key)).toEqual(['user:current']);
    const left = await h.pool.query<{id: string}>('SELECT id FROM auth_sessions WHERE user_id = $1', [
      who.userID,
    ]);
    expect(left.rows.map(r => r.id).sort()).toEqual([justRevoked, live].sort());
    expect(left.rows.map(r => r.id)).not.toContain(longRevoked);
    expect(left.rows.map(r => r.id)).not.toContain(longExpired);
    const logs = await h.pool.query<{action: string}>(
      'SELECT action FROM ai_agent_logs WHERE agent_id = $1',
      [who.userID],
    );
    expect(logs.rows.map(r => r.action)).toEqual(['new']);
    // A second pass has nothing left to do.
    expect(Object.values(await cleanUp(h.pool, {auditRetentionDays: 90})).every(n => n === 0)).toBe(true);
  });
});
