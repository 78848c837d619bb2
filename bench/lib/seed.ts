import {randomInt, randomUUID} from 'node:crypto';
import {ACCESS_CODE_ALPHABET} from '@chorus/schema';
import type pg from 'pg';

/**
 * Seeding straight into Postgres, as test/e2e/long-history.test.ts does:
 * benchmarks measure sync and reads, not sign-up. Everything goes through the
 * real migrations' tables, constraints and triggers.
 */

/** Inserts `count` verified people; returns their ids. */
export async function seedUsers(pool: pg.Pool, count: number, prefix: string): Promise<string[]> {
  const {rows} = await pool.query<{id: string}>(
    `INSERT INTO users (username, email, email_verified_at)
     SELECT $1 || n, $1 || n || '@bench.test', now() FROM generate_series(1, $2::int) n
     RETURNING id`,
    [`${prefix}_${randomUUID().slice(0, 6)}_`, count],
  );
  return rows.map(r => r.id);
}

const accessCode = () => Array.from({length: 5}, () => ACCESS_CODE_ALPHABET[randomInt(31)]).join('');

/** A server whose owner is `members[0]`, with everyone in `members` joined at `joinedAt`. */
export async function seedServer(
  pool: pg.Pool,
  members: readonly string[],
  options: {name: string; joinedAt?: number},
): Promise<string> {
  const id = randomUUID();
  const joinedAt = new Date(options.joinedAt ?? Date.now() - 60 * 60_000);
  await pool.query(`INSERT INTO servers (id, name, access_code, created_by) VALUES ($1, $2, $3, NULL)`, [
    id,
    options.name,
    accessCode(),
  ]);
  await pool.query(
    `INSERT INTO user_servers (user_id, server_id, role, joined_at)
     SELECT u, $2, CASE WHEN ord = 1 THEN 'owner' ELSE 'member' END, $3
     FROM unnest($1::uuid[]) WITH ORDINALITY AS t(u, ord)`,
    [members, id, joinedAt],
  );
  return id;
}

/** A 1:1 direct conversation between `a` and `b` (DM1's pair key); returns its id. */
export async function seedConversation(pool: pg.Pool, a: string, b: string): Promise<string> {
  const id = randomUUID();
  await pool.query(`INSERT INTO direct_conversations (id, is_group, pair_key) VALUES ($1, false, $2)`, [
    id,
    a < b ? `${a}:${b}` : `${b}:${a}`,
  ]);
  await pool.query(
    `INSERT INTO direct_conversation_members (conversation_id, user_id) SELECT $1, u FROM unnest($2::uuid[]) u`,
    [id, [a, b]],
  );
  return id;
}

/** Public rooms in a server; returns their ids in order. */
export async function seedRooms(
  pool: pg.Pool,
  serverID: string,
  count: number,
  prefix = 'room',
): Promise<string[]> {
  const {rows} = await pool.query<{id: string}>(
    `INSERT INTO rooms (server_id, name, created_at)
     SELECT $1, $2 || '-' || n, now() - interval '1 hour' + n * interval '1 ms' FROM generate_series(1, $3::int) n
     RETURNING id`,
    [serverID, prefix, count],
  );
  return rows.map(r => r.id);
}

/** `count` messages by `userID`, one second apart, ending a minute ago. */
export async function seedMessages(
  pool: pg.Pool,
  roomID: string,
  userID: string,
  count: number,
): Promise<void> {
  const t0 = Date.now() - count * 1000 - 60_000;
  await pool.query(
    `INSERT INTO messages (room_id, user_id, content, created_at)
     SELECT $1, $2, 'Message number ' || n || ' about ' || (ARRAY['deploys','lunch','the roadmap','a flaky test','release notes'])[1 + n % 5],
            to_timestamp(($3::bigint + n * 1000) / 1000.0)
     FROM generate_series(1, $4::int) n`,
    [roomID, userID, t0, count],
  );
}
