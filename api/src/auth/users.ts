import type {Pool, PoolClient} from 'pg';
import {normalizedEmailSQL, type NormalizedEmail} from './email.ts';

/** A user as the API returns it to that same user (includes their email). */
export type SelfUser = {
  id: string;
  username: string;
  email: string | null;
  emailVerified: boolean;
  pictureUrl: string | null;
  externalLink: string | null;
  userType: 'human' | 'ai_agent';
  createdAt: string;
};

type UserRow = {
  id: string;
  username: string;
  email: string | null;
  email_verified_at: Date | null;
  picture_url: string | null;
  external_link: string | null;
  user_type: 'human' | 'ai_agent';
  created_at: Date;
};

export const USER_COLUMNS =
  'id, username, email, email_verified_at, picture_url, external_link, user_type, created_at';

export function toSelfUser(row: UserRow): SelfUser {
  return {
    id: row.id,
    username: row.username,
    email: row.email,
    emailVerified: row.email_verified_at !== null,
    pictureUrl: row.picture_url,
    externalLink: row.external_link,
    userType: row.user_type,
    createdAt: row.created_at.toISOString(),
  };
}

export async function findUserByID(db: Pool | PoolClient, id: string): Promise<SelfUser | undefined> {
  const {rows} = await db.query<UserRow>(`SELECT ${USER_COLUMNS} FROM users WHERE id = $1`, [id]);
  return rows[0] && toSelfUser(rows[0]);
}

/** [AC11] The account using an address, found by the form the unique index holds. */
export async function findUserWithPassword(
  db: Pool,
  email: NormalizedEmail,
): Promise<{user: SelfUser; passwordHash: string | null} | undefined> {
  const {rows} = await db.query<UserRow & {password_hash: string | null}>(
    `SELECT ${USER_COLUMNS.split(', ')
      .map(c => `u.${c}`)
      .join(', ')}, c.password_hash
       FROM users u LEFT JOIN user_credentials c ON c.user_id = u.id
      WHERE ${normalizedEmailSQL('u.email')} = $1`,
    [email],
  );
  const row = rows[0];
  return row && {user: toSelfUser(row), passwordHash: row.password_hash};
}

/** [AC8] A user as anyone signed in may see them: never an email address. */
export type PublicUser = Pick<SelfUser, 'id' | 'username' | 'pictureUrl' | 'externalLink' | 'userType'>;

export const PUBLIC_USER_COLUMNS = 'id, username, picture_url, external_link, user_type';

export function toPublicUser(
  row: Pick<UserRow, 'id' | 'username' | 'picture_url' | 'external_link' | 'user_type'>,
): PublicUser {
  return {
    id: row.id,
    username: row.username,
    pictureUrl: row.picture_url,
    externalLink: row.external_link,
    userType: row.user_type,
  };
}
