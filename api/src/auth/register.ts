import {randomUUID} from 'node:crypto';
import type {Deps} from '../deps.ts';
import {ProblemError} from '../http/problem.ts';
import {inBackground, sendSignupAttemptMail} from './account-mail.ts';
import {EMAIL_INDEX, normalizedEmailSQL} from './email.ts';
import {hashPassword} from './passwords.ts';
import type {RegisterBody} from './schemas.ts';
import {toSelfUser, USER_COLUMNS, type SelfUser} from './users.ts';

const usernameTaken = () =>
  new ProblemError(409, 'Conflict', 'That username is taken. Choose another.', {field: 'username'});

/**
 * Creates an account with a password. [AC3] When the address already has an
 * account, nothing is written and the caller gets a user shaped exactly like a
 * new one (with an id that names no one), while the owner of the address is
 * told by mail. Usernames are public, so a taken one is a plain 409.
 */
export async function registerUser(
  deps: Deps,
  body: RegisterBody,
): Promise<{user: SelfUser; created: boolean}> {
  // Hashed before looking anything up, so both outcomes cost the same.
  const passwordHash = await hashPassword(body.password);
  const client = await deps.pool.connect();
  let existing: {id: string; email: string | null; username: string} | undefined;
  try {
    await client.query('BEGIN');
    const taken = await client.query<{
      id: string;
      username: string;
      email: string | null;
      same_email: boolean;
    }>(
      `SELECT id, username, email, ${normalizedEmailSQL('email')} = $2 AS same_email
         FROM users WHERE lower(username) = lower($1) OR ${normalizedEmailSQL('email')} = $2`,
      [body.username, body.email],
    );
    if (taken.rows.some(u => u.username.toLowerCase() === body.username.toLowerCase())) {
      throw usernameTaken();
    }
    existing = taken.rows.find(u => u.same_email);
    if (!existing) {
      const {rows} = await client.query(
        `INSERT INTO users (username, email) VALUES ($1, $2) RETURNING ${USER_COLUMNS}`,
        [body.username, body.email],
      );
      const user = toSelfUser(rows[0]);
      await client.query('INSERT INTO user_credentials (user_id, password_hash) VALUES ($1, $2)', [
        user.id,
        passwordHash,
      ]);
      await client.query('COMMIT');
      return {user, created: true};
    }
    await client.query('ROLLBACK');
  } catch (err) {
    await client.query('ROLLBACK');
    const {code, constraint} = err as {code?: string; constraint?: string};
    if (code === '23505' && constraint === 'users_username_lower_key') throw usernameTaken();
    // Someone registered the same address a moment ago: answer as if it had been there.
    if (code !== '23505' || constraint !== EMAIL_INDEX) throw err;
  } finally {
    client.release();
  }
  const owner = existing;
  if (owner) inBackground(deps, 'the sign-up attempt notice', () => sendSignupAttemptMail(deps, owner));
  return {user: phantomUser(body), created: false};
}

/** What a fresh registration returns, for an account that was not created. */
function phantomUser(body: RegisterBody): SelfUser {
  return {
    id: randomUUID(),
    username: body.username,
    email: body.email,
    emailVerified: false,
    pictureUrl: null,
    externalLink: null,
    userType: 'human',
    createdAt: new Date().toISOString(),
  };
}
