import {randomUUID} from 'node:crypto';
import pg from 'pg';
import {afterEach, beforeEach, describe, expect, it} from 'vitest';
import {createTestDatabase, type TestDatabase} from '../../test/pg.ts';
import {leaveIssue13Copy} from '../../test/issue-13.ts';
import {migrate} from './migrate.ts';

// Each test: a database built by the migrations, zero-cache's app schema
// `chorus` (ZERO_APP_ID) beside it, and a pool with the role's default
// search_path (`"$user", public`), in which that schema comes first.
let db: TestDatabase;
let plain: pg.Pool;
beforeEach(async () => {
  db = await createTestDatabase();
  await db.pool.query('CREATE SCHEMA chorus');
  plain = new pg.Pool({connectionString: db.url, max: 2});
});
afterEach(async () => {
  await plain.end();
  await db.drop();
});

async function insertUser(): Promise<string> {
  const id = randomUUID();
  await db.pool.query('INSERT INTO public.users (id, username, email) VALUES ($1, $2, $3)', [
    id,
    `u${id.slice(0, 8)}`,
    `${id}@x.test`,
  ]);
  return id;
}
const tablesIn = async (schema: string) =>
  (
    await db.pool.query<{name: string}>(
      'SELECT tablename AS name FROM pg_tables WHERE schemaname = $1 ORDER BY tablename',
      [schema],
    )
  ).rows.map(r => r.name);
const publicRecord = async () =>
  (await db.pool.query('SELECT version, name FROM public.schema_migrations ORDER BY version')).rows;

const leaveCopy = async () => {
  await leaveIssue13Copy(plain);
  expect(await tablesIn('chorus')).toEqual(
    expect.arrayContaining(['schema_migrations', 'users', 'messages']),
  );
};

describe('[OP1] the record of applied migrations is public.schema_migrations, or Chorus does not start', () => {
  it("[OP1] removes the stray copy issue #13 left in zero-cache's schema, keeping every row and zero-cache's own tables", async () => {
    const id = await insertUser();
    await leaveCopy();
    // zero-cache's own table in its schema, which must stay.
    await db.pool.query('CREATE TABLE chorus.permissions (lock boolean PRIMARY KEY)');
    await db.pool.query('INSERT INTO chorus.permissions VALUES (true)');
    const before = await publicRecord();
    const lines: string[] = [];

    expect(await migrate(plain, {log: line => lines.push(line)})).toEqual([]);
    expect(lines).toEqual([
      expect.stringMatching(
        /removed the stray record of 001_core\.sql in schema "chorus".*"chorus"\."users"/,
      ),
    ]);
    expect(await tablesIn('chorus')).toEqual(['permissions']);
    expect((await db.pool.query('SELECT count(*)::int AS n FROM chorus.permissions')).rows[0].n).toBe(1);
    const fns = await db.pool.query("SELECT 1 FROM pg_proc WHERE pronamespace = 'chorus'::regnamespace");
    expect(fns.rowCount).toBe(0);
    expect(await publicRecord()).toEqual(before);
    // The default search_path finds Chorus's rows again.
    expect((await plain.query('SELECT id FROM users WHERE id = $1', [id])).rowCount).toBe(1);

    lines.length = 0;
    expect(await migrate(plain, {log: line => lines.push(line)})).toEqual([]);
    expect(lines).toEqual([]);
  });

  it('[OP1] an empty stray record is dropped too: it records nothing', async () => {
    await db.pool.query(
      'CREATE TABLE chorus.schema_migrations (version integer PRIMARY KEY, name text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now())',
    );
    const lines: string[] = [];
    expect(await migrate(plain, {log: line => lines.push(line)})).toEqual([]);
    expect(lines).toEqual([expect.stringMatching(/removed the stray record of nothing in schema "chorus"/)]);
    expect(await tablesIn('chorus')).toEqual([]);
  });

  it('[OP1] refuses, and drops nothing, when a stray copy holds rows', async () => {
    await leaveCopy();
    await plain.query(
      "INSERT INTO users (id, username, email) VALUES (gen_random_uuid(), 'lost', 'lost@x.test')",
    );
    await expect(migrate(plain)).rejects.toThrow(
      /Schema "chorus" has its own schema_migrations.*"chorus"\."users" holds rows.*Chorus will not start.*SET SCHEMA public/,
    );
    expect(await tablesIn('chorus')).toEqual(expect.arrayContaining(['schema_migrations', 'users']));
  });

  it('[OP1] refuses a record in another schema naming a migration public has not got', async () => {
    await db.pool.query(
      'CREATE TABLE chorus.schema_migrations (LIKE public.schema_migrations INCLUDING ALL)',
    );
    await db.pool.query(
      "INSERT INTO chorus.schema_migrations (version, name) VALUES (99, '099_elsewhere.sql')",
    );
    await expect(migrate(plain)).rejects.toThrow(
      /Schema "chorus" has its own schema_migrations.*records 099_elsewhere\.sql.*Find where your data is/,
    );
    expect((await db.pool.query('SELECT count(*)::int AS n FROM chorus.schema_migrations')).rows[0].n).toBe(
      1,
    );
  });

  it("[OP1] refuses when public.schema_migrations is gone but Chorus's tables are there, and says how to move it back", async () => {
    await db.pool.query('ALTER TABLE public.schema_migrations SET SCHEMA chorus');
    await expect(migrate(db.pool)).rejects.toThrow(
      /public\.schema_migrations, is missing \(there is one in schema "chorus"\).*will not start.*ALTER TABLE "chorus"\.schema_migrations SET SCHEMA public/,
    );
    expect(await tablesIn('public')).not.toContain('schema_migrations');

    await db.pool.query('ALTER TABLE chorus.schema_migrations SET SCHEMA public');
    expect(await migrate(db.pool)).toEqual([]);
  });

  it("leaves alone another tool's schema_migrations (other columns) in its own schema", async () => {
    await db.pool.query('CREATE SCHEMA other');
    await db.pool.query(
      'CREATE TABLE other.schema_migrations (version bigint PRIMARY KEY, dirty boolean NOT NULL)',
    );
    await db.pool.query('INSERT INTO other.schema_migrations VALUES (20240101, false)');
    expect(await migrate(plain)).toEqual([]);
    expect((await db.pool.query('SELECT count(*)::int AS n FROM other.schema_migrations')).rows[0].n).toBe(1);
  });
});
