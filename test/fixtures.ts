import {randomUUID} from 'node:crypto';
import type {AuthContext} from '@chorus/schema';
import type pg from 'pg';

/** Inserts a user straight into Postgres (tests of rules, not of sign-up). */
export async function insertUser(
  pool: pg.Pool,
  options: {username?: string; verified?: boolean} = {},
): Promise<AuthContext & {username: string}> {
  const id = randomUUID();
  const username = options.username ?? `u${id.slice(0, 8)}`;
  await pool.query(`INSERT INTO users (id, username, email, email_verified_at) VALUES ($1, $2, $3, $4)`, [
    id,
    username,
    `${username}@example.test`,
    options.verified === false ? null : new Date(),
  ]);
  return {userID: id, emailVerified: options.verified !== false, username};
}
