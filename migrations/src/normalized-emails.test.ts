import {randomUUID} from 'node:crypto';
import {afterEach, describe, expect, it} from 'vitest';
import {createTestDatabase, type TestDatabase} from '../../test/pg.ts';
import {migrate} from './migrate.ts';

// [AC11] 011_normalized_emails.sql on a database as 010 left it: addresses
// compared by lower(email) only.

let db: TestDatabase | undefined;
afterEach(async () => {
  await db?.drop();
  db = undefined;
});

/** A fresh database with 011 undone: the old index back, its record gone. */
async function before011(): Promise<TestDatabase> {
  db = await createTestDatabase();
  await db.pool.query(`
    DROP INDEX users_email_normalized_key;
    CREATE UNIQUE INDEX users_email_lower_key ON users (lower(email));
    DELETE FROM schema_migrations WHERE version = 11;
  `);
  return db;
}

async function insertUser(pool: TestDatabase['pool'], email: string | null): Promise<string> {
  const id = randomUUID();
  const userType = email === null ? 'ai_agent' : 'human';
  await pool.query('INSERT INTO users (id, username, email, user_type) VALUES ($1, $2, $3, $4)', [
    id,
    `u${id.slice(0, 8)}`,
    email,
    userType,
  ]);
  return id;
}

const emailOf = async (pool: TestDatabase['pool'], id: string) =>
  (await pool.query<{email: string | null}>('SELECT email FROM users WHERE id = $1', [id])).rows[0]?.email;

describe('[AC11] migration 011: normalised addresses', () => {
  it('rewrites every address in the normalised form and indexes that form', async () => {
    const {pool} = await before011();
    const ids = {
      mixed: await insertUser(pool, 'Alice@Example.TEST'),
      fullwidth: await insertUser(pool, 'ＢＯＢ@x.test'),
      dotted: await insertUser(pool, 'CARİ@x.test'),
      plain: await insertUser(pool, 'dave@x.test'),
      agent: await insertUser(pool, null),
    };
    expect(await migrate(pool)).toEqual(['011_normalized_emails.sql']);
    expect(await emailOf(pool, ids.mixed)).toBe('alice@example.test');
    expect(await emailOf(pool, ids.fullwidth)).toBe('bob@x.test');
    expect(await emailOf(pool, ids.dotted)).toBe('cari@x.test');
    expect(await emailOf(pool, ids.plain)).toBe('dave@x.test');
    expect(await emailOf(pool, ids.agent)).toBeNull();
    const {rows} = await pool.query<{indexname: string}>(
      `SELECT indexname FROM pg_indexes WHERE tablename = 'users' AND indexname LIKE 'users_email%'`,
    );
    expect(rows.map(r => r.indexname)).toEqual(['users_email_normalized_key']);
    await expect(insertUser(pool, 'ｄａｖｅ@x.test')).rejects.toMatchObject({code: '23505'});
  });

  it('stops, naming the accounts, when two addresses become one; nothing changes', async () => {
    const {pool} = await before011();
    // lower() alone kept these apart.
    const first = await insertUser(pool, 'erin@x.test');
    const second = await insertUser(pool, 'ＥＲＩＮ@x.test');
    const other = await insertUser(pool, 'Frank@x.test');
    const err = await migrate(pool).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(String(err)).toMatch(
      /Accounts share an email address once addresses are normalised: erin@x\.test \(/,
    );
    expect(String(err)).toContain(first);
    expect(String(err)).toContain(second);
    expect(await emailOf(pool, second)).toBe('ＥＲＩＮ@x.test');
    expect(await emailOf(pool, other)).toBe('Frank@x.test');
    const recorded = await pool.query('SELECT 1 FROM schema_migrations WHERE version = 11');
    expect(recorded.rowCount).toBe(0);
  });
});
