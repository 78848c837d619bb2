import type {Pool, PoolClient} from 'pg';
import type {AuthConfig} from '../config.ts';
import {hashOpaqueToken, newOpaqueToken} from './tokens.ts';

/**
 * Refresh-token sessions. Each refresh rotates the token; the old one is kept
 * (hashed) with `used_at`, so presenting it again is detected as reuse and
 * revokes the whole session (its token family).
 */

// Two tabs refreshing at once present the same token; within this window the
// second is treated as a race, not as theft.
const REUSE_GRACE_MS = 10_000;

export type SessionInfo = {sessionID: string; userID: string};

export async function createSession(
  pool: Pool,
  config: AuthConfig,
  userID: string,
  meta: {userAgent?: string | undefined; ip?: string | undefined},
): Promise<SessionInfo & {refreshToken: string}> {
  const {token, hash} = newOpaqueToken();
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    const {rows} = await client.query<{id: string}>(
      `INSERT INTO auth_sessions (user_id, user_agent, ip, expires_at)
       VALUES ($1, $2, $3, now() + make_interval(days => $4)) RETURNING id`,
      [userID, meta.userAgent?.slice(0, 400) ?? null, meta.ip ?? null, config.refreshTokenTTLDays],
    );
    const sessionID = rows[0]!.id;
    await client.query('INSERT INTO refresh_tokens (token_hash, session_id) VALUES ($1, $2)', [
      hash,
      sessionID,
    ]);
    await client.query('COMMIT');
    return {sessionID, userID, refreshToken: token};
  } catch (err) {
    await client.query('ROLLBACK');
    throw err;
  } finally {
    client.release();
  }
}

export type RotateResult =
  | {ok: true; session: SessionInfo; refreshToken: string}
  | {ok: false; reason: 'unknown' | 'revoked' | 'reused'};

export async function rotateRefreshToken(
  pool: Pool,
  config: AuthConfig,
  presented: string,
): Promise<RotateResult> {
  const hash = hashOpaqueToken(presented);
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    const {rows} = await client.query<{
      session_id: string;
      user_id: string;
      used_at: Date | null;
      revoked_at: Date | null;
      expired: boolean;
    }>(
      `SELECT t.session_id, s.user_id, t.used_at, s.revoked_at, s.expires_at < now() AS expired
         FROM refresh_tokens t JOIN auth_sessions s ON s.id = t.session_id
        WHERE t.token_hash = $1
        FOR UPDATE OF t, s`,
      [hash],
    );
    const row = rows[0];
    if (!row) {
      await client.query('ROLLBACK');
      return {ok: false, reason: 'unknown'};
    }
    if (row.revoked_at || row.expired) {
      await client.query('ROLLBACK');
      return {ok: false, reason: 'revoked'};
    }
    if (row.used_at && Date.now() - row.used_at.getTime() > REUSE_GRACE_MS) {
      // A rotated token came back: someone holds a stolen copy. End the family.
      await client.query('UPDATE auth_sessions SET revoked_at = now() WHERE id = $1', [row.session_id]);
      await client.query('COMMIT');
      return {ok: false, reason: 'reused'};
    }
    const next = newOpaqueToken();
    await client.query('UPDATE refresh_tokens SET used_at = coalesce(used_at, now()) WHERE token_hash = $1', [
      hash,
    ]);
    await client.query('INSERT INTO refresh_tokens (token_hash, session_id) VALUES ($1, $2)', [
      next.hash,
      row.session_id,
    ]);
    await client.query(
      `UPDATE auth_sessions SET last_used_at = now(),
              expires_at = greatest(expires_at, now() + make_interval(days => $2))
        WHERE id = $1`,
      [row.session_id, config.refreshTokenTTLDays],
    );
    await client.query('COMMIT');
    return {ok: true, session: {sessionID: row.session_id, userID: row.user_id}, refreshToken: next.token};
  } catch (err) {
    await client.query('ROLLBACK');
    throw err;
  } finally {
    client.release();
  }
}

export async function revokeSessionByToken(pool: Pool, presented: string): Promise<void> {
  await pool.query(
    `UPDATE auth_sessions SET revoked_at = coalesce(revoked_at, now())
      WHERE id = (SELECT session_id FROM refresh_tokens WHERE token_hash = $1)`,
    [hashOpaqueToken(presented)],
  );
}

/**
 * [AC5] Whether a session has been signed out or has run out, and until when
 * it lasts. Access tokens name their session (`sid`), and `requireAuth` asks
 * this on every request (through `SessionLiveness`, which remembers the
 * answer) so that revoking a session ends its access tokens at once, not when
 * they expire. `undefined`: no such session.
 */
export async function readSession(
  pool: Pool,
  sessionID: string,
): Promise<{ended: boolean; expiresAt: Date} | undefined> {
  const {rows} = await pool.query<{ended: boolean; expires_at: Date}>(
    'SELECT revoked_at IS NOT NULL OR expires_at <= now() AS ended, expires_at FROM auth_sessions WHERE id = $1',
    [sessionID],
  );
  const row = rows[0];
  return row && {ended: row.ended, expiresAt: row.expires_at};
}

/**
 * Whether the token's session has ended. A `sid` with no row is let through:
 * the claim is signed, so it cannot be made up, and rows are deleted only
 * together with their user.
 */
export async function sessionEnded(pool: Pool, sessionID: string): Promise<boolean> {
  return (await readSession(pool, sessionID))?.ended ?? false;
}

export type ActiveSession = {
  id: string;
  userAgent: string | null;
  ip: string | null;
  createdAt: string;
  lastUsedAt: string;
};

/** A user's sessions that can still refresh, most recently used first. */
export async function listActiveSessions(pool: Pool, userID: string): Promise<ActiveSession[]> {
  const {rows} = await pool.query<{
    id: string;
    user_agent: string | null;
    ip: string | null;
    created_at: Date;
    last_used_at: Date;
  }>(
    `SELECT id, user_agent, ip, created_at, last_used_at FROM auth_sessions
      WHERE user_id = $1 AND revoked_at IS NULL AND expires_at > now()
      ORDER BY last_used_at DESC, created_at DESC`,
    [userID],
  );
  return rows.map(r => ({
    id: r.id,
    userAgent: r.user_agent,
    ip: r.ip,
    createdAt: r.created_at.toISOString(),
    lastUsedAt: r.last_used_at.toISOString(),
  }));
}

/** Revokes one of the user's active sessions; false when they have no such session. */
export async function revokeSession(pool: Pool, userID: string, sessionID: string): Promise<boolean> {
  const {rowCount} = await pool.query(
    `UPDATE auth_sessions SET revoked_at = now()
      WHERE id = $1 AND user_id = $2 AND revoked_at IS NULL AND expires_at > now()`,
    [sessionID, userID],
  );
  return rowCount === 1;
}

/** Revokes every session of the user (sign out everywhere; a password reset). */
export async function revokeAllSessions(db: Pool | PoolClient, userID: string): Promise<number> {
  const {rowCount} = await db.query(
    'UPDATE auth_sessions SET revoked_at = now() WHERE user_id = $1 AND revoked_at IS NULL',
    [userID],
  );
  return rowCount ?? 0;
}
