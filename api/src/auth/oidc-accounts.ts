import {randomInt} from 'node:crypto';
import type {Pool, PoolClient} from 'pg';
import {normalizedEmailSQL, normalizeEmail} from './email.ts';
import type {IdentityClaims} from './oidc-client.ts';
import {revokeAllSessions} from './sessions.ts';
import {findUserByID, toSelfUser, USER_COLUMNS, type SelfUser} from './users.ts';

export type OidcSignInResult =
  {ok: true; user: SelfUser; created: boolean} | {ok: false; reason: 'unverified-email'};

/**
 * [AC9] The Chorus account of a provider account: the one linked to its
 * (issuer, subject), or else the one using the address the provider says is
 * verified (then linked), or else a new one. No verified address, no account.
 */
export async function findOrLinkOidcUser(
  pool: Pool,
  issuer: string,
  claims: IdentityClaims,
): Promise<OidcSignInResult> {
  const linked = await pool.query<{user_id: string}>(
    `UPDATE user_identities SET last_used_at = now() WHERE issuer = $1 AND subject = $2 RETURNING user_id`,
    [issuer, claims.sub],
  );
  const linkedID = linked.rows[0]?.user_id;
  if (linkedID) {
    const user = await findUserByID(pool, linkedID);
    if (user) return {ok: true, user, created: false};
  }

  // [AC11] Stored and matched in the one form every other path uses.
  const email = claims.email === undefined ? '' : normalizeEmail(claims.email);
  if (!email || claims.email_verified !== true) return {ok: false, reason: 'unverified-email'};

  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    const existing = await client.query<{id: string; verified: boolean}>(
      `SELECT id, email_verified_at IS NOT NULL AS verified FROM users WHERE ${normalizedEmailSQL('email')} = $1 FOR UPDATE`,
      [email],
    );
    let user: SelfUser;
    let created = false;
    const found = existing.rows[0];
    if (found) {
      if (!found.verified) {
        // Whoever registered this address never proved they own it; the
        // provider says this person does. Anything the registrant set up
        // (a password, signed-in devices) must not keep a way in.
        await client.query(
          'UPDATE user_credentials SET password_hash = NULL, updated_at = now() WHERE user_id = $1',
          [found.id],
        );
        await revokeAllSessions(client, found.id);
        await client.query('UPDATE users SET email_verified_at = now(), updated_at = now() WHERE id = $1', [
          found.id,
        ]);
      }
      user = (await findUserByID(client, found.id))!;
    } else {
      user = await insertUser(client, email, usernameCandidates(claims));
      created = true;
    }
    await client.query(
      `INSERT INTO user_identities (issuer, subject, user_id, email) VALUES ($1, $2, $3, $4)
       ON CONFLICT (issuer, subject) DO UPDATE SET user_id = excluded.user_id, email = excluded.email, last_used_at = now()`,
      [issuer, claims.sub, user.id, email],
    );
    await client.query('COMMIT');
    return {ok: true, user, created};
  } catch (err) {
    await client.query('ROLLBACK');
    throw err;
  } finally {
    client.release();
  }
}

/** A new, verified account. A taken username gets a numbered variant. */
async function insertUser(client: PoolClient, email: string, names: string[]): Promise<SelfUser> {
  const base = names[0] ?? 'member';
  const tries = [
    ...names,
    ...Array.from({length: 5}, () => `${base.slice(0, 27)}-${randomInt(1000, 10_000)}`),
  ];
  for (const username of tries) {
    await client.query('SAVEPOINT new_user');
    try {
      const {rows} = await client.query(
        `INSERT INTO users (username, email, email_verified_at) VALUES ($1, $2, now()) RETURNING ${USER_COLUMNS}`,
        [username, email],
      );
      const user = toSelfUser(rows[0]);
      // No password: the person signs in through the provider, or sets one with a reset link.
      await client.query('INSERT INTO user_credentials (user_id, password_hash) VALUES ($1, NULL)', [
        user.id,
      ]);
      await client.query('RELEASE SAVEPOINT new_user');
      return user;
    } catch (err) {
      await client.query('ROLLBACK TO SAVEPOINT new_user');
      if ((err as {constraint?: string}).constraint !== 'users_username_lower_key') throw err;
    }
  }
  throw new Error('could not find a free username');
}

/** Usernames to try, from what the provider says, fitted to Chorus's username rule. */
export function usernameCandidates(claims: IdentityClaims): string[] {
  const raw = [claims.preferred_username, claims.nickname, claims.name, claims.email?.split('@')[0]];
  const names = raw
    .filter((s): s is string => Boolean(s))
    .map(s =>
      s
        .normalize('NFKD')
        .replace(/[\u0300-\u036f]/g, '')
        .replace(/\s+/g, '.')
        .replace(/[^A-Za-z0-9_.-]/g, '')
        .slice(0, 32),
    )
    .filter(s => s.length >= 2);
  return [...new Set(names)];
}
