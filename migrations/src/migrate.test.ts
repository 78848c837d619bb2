import {randomUUID} from 'node:crypto';
import {mkdtemp, rm, writeFile} from 'node:fs/promises';
import {tmpdir} from 'node:os';
import path from 'node:path';
import pg from 'pg';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {createTestDatabase, type TestDatabase} from '../../test/pg.ts';
import {loadMigrations, migrate} from './migrate.ts';

let db: TestDatabase;
beforeAll(async () => {
  db = await createTestDatabase();
});
afterAll(() => db.drop());

async function user(): Promise<string> {
  const id = randomUUID();
  await db.pool.query('INSERT INTO users (id, username, email) VALUES ($1, $2, $3)', [
    id,
    `u${id.slice(0, 8)}`,
    `${id}@x.test`,
  ]);
  return id;
}
const code = () =>
  Array.from({length: 5}, () => '23456789ABCDEFGHJKMNPQRSTUVWXYZ'[Math.floor(Math.random() * 31)]).join('');
const insertServer = (createdBy: string, accessCode = code()) =>
  db.pool.query('INSERT INTO servers (name, access_code, created_by) VALUES ($1, $2, $3) RETURNING id', [
    's',
    accessCode,
    createdBy,
  ]);

describe('migrations', () => {
  it('records every migration, and a second run applies nothing', async () => {
    const {rows} = await db.pool.query<{version: number; name: string}>(
      'SELECT version, name FROM schema_migrations ORDER BY version',
    );
    const files = await loadMigrations();
    expect(files.length).toBeGreaterThan(0);
    expect(rows).toEqual(files.map(m => ({version: m.version, name: m.name})));
    expect(await migrate(db.pool)).toEqual([]);
    expect((await db.pool.query('SELECT count(*)::int AS n FROM schema_migrations')).rows[0].n).toBe(
      rows.length,
    );
  });

  it("[OP1] with zero-cache's `chorus` schema present and the default search_path, a second run applies nothing and keeps every row", async () => {
    const scratch = await createTestDatabase();
    // No search_path option: `"$user", public`, and the role is `chorus`.
    const plain = new pg.Pool({connectionString: scratch.url, max: 2});
    try {
      const id = randomUUID();
      await scratch.pool.query('INSERT INTO users (id, username, email) VALUES ($1, $2, $3)', [
        id,
        'kept',
        'kept@x.test',
      ]);
      await scratch.pool.query('CREATE SCHEMA chorus'); // as zero-cache does for ZERO_APP_ID=chorus
      const {rows} = await plain.query('SELECT current_schemas(false)::text[] AS path');
      expect(rows[0].path).toEqual(['chorus', 'public']);

      expect(await migrate(plain)).toEqual([]);
      expect((await plain.query('SELECT username FROM users WHERE id = $1', [id])).rows).toEqual([
        {username: 'kept'},
      ]);
      const created = await scratch.pool.query("SELECT tablename FROM pg_tables WHERE schemaname = 'chorus'");
      expect(created.rows).toEqual([]);
    } finally {
      await plain.end();
      await scratch.drop();
    }
  });

  it("[OP1] a new migration lands in public whatever the caller's search_path", async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'chorus-migrations-'));
    const scratch = await createTestDatabase();
    const plain = new pg.Pool({connectionString: scratch.url, max: 2});
    try {
      await scratch.pool.query('CREATE SCHEMA chorus');
      await writeFile(path.join(dir, '900_probe.sql'), 'CREATE TABLE probe (id int);');
      expect(await migrate(plain, {dir: dir + path.sep})).toEqual(['900_probe.sql']);
      const {rows} = await scratch.pool.query(
        "SELECT to_regclass('public.probe') IS NOT NULL AS public, to_regclass('chorus.probe') IS NOT NULL AS chorus",
      );
      expect(rows[0]).toEqual({public: true, chorus: false});
    } finally {
      await plain.end();
      await scratch.drop();
      await rm(dir, {recursive: true, force: true});
    }
  });

  it('a failing migration is rolled back and not recorded; the ones before it stay applied', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'chorus-migrations-'));
    const scratch = await createTestDatabase();
    try {
      await writeFile(path.join(dir, '900_ok.sql'), 'CREATE TABLE scratch_ok (id int);');
      await writeFile(path.join(dir, '901_bad.sql'), 'CREATE TABLE scratch_half (id int); SELECT nope;');
      await expect(migrate(scratch.pool, {dir: dir + path.sep})).rejects.toThrow(/901_bad\.sql failed/);
      const recorded = await scratch.pool.query('SELECT name FROM schema_migrations WHERE version >= 900');
      expect(recorded.rows.map(r => r.name)).toEqual(['900_ok.sql']);
      const tables = await scratch.pool.query(
        "SELECT to_regclass('scratch_ok') IS NOT NULL AS ok, to_regclass('scratch_half') IS NOT NULL AS half",
      );
      expect(tables.rows[0]).toEqual({ok: true, half: false});
    } finally {
      await scratch.drop();
      await rm(dir, {recursive: true, force: true});
    }
  });

  it('refuses a badly named migration file', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'chorus-migrations-'));
    try {
      await writeFile(path.join(dir, '1_no_padding.sql'), 'SELECT 1;');
      await expect(loadMigrations(dir + path.sep)).rejects.toThrow(/must look like 001_name\.sql/);
    } finally {
      await rm(dir, {recursive: true, force: true});
    }
  });

  it('[SV1] the trigger refuses a fourth server by the same creator; others are unaffected', async () => {
    const a = await user();
    for (let i = 0; i < 3; i++) await expect(insertServer(a)).resolves.toBeDefined();
    await expect(insertServer(a)).rejects.toMatchObject({
      code: '23514',
      constraint: 'servers_limit_per_user',
      message: 'A user can create at most 3 servers',
    });
    expect(
      (await db.pool.query('SELECT count(*)::int AS n FROM servers WHERE created_by = $1', [a])).rows[0].n,
    ).toBe(3);
    await expect(insertServer(await user())).resolves.toBeDefined();
  });

  it('access codes avoid 0/O/1/I/L', async () => {
    const a = await user();
    for (const bad of ['ABCD0', 'ABCDO', 'ABCD1', 'ABCDI', 'ABCDL', 'abcde']) {
      await expect(insertServer(a, bad)).rejects.toMatchObject({code: '23514'});
    }
  });

  it('a message belongs to exactly one of a room or a conversation', async () => {
    const a = await user();
    const server = (await insertServer(a)).rows[0].id;
    const room = (
      await db.pool.query('INSERT INTO rooms (server_id, name) VALUES ($1, $2) RETURNING id', [server, 'r'])
    ).rows[0].id;
    const convo = (
      await db.pool.query('INSERT INTO direct_conversations (is_group) VALUES (true) RETURNING id')
    ).rows[0].id;
    const insert = (roomID: string | null, convoID: string | null) =>
      db.pool.query(
        'INSERT INTO messages (room_id, conversation_id, user_id, content) VALUES ($1, $2, $3, $4)',
        [roomID, convoID, a, 'x'],
      );
    await expect(insert(room, convo)).rejects.toMatchObject({constraint: 'messages_one_parent'});
    await expect(insert(null, null)).rejects.toMatchObject({constraint: 'messages_one_parent'});
    await expect(insert(room, null)).resolves.toBeDefined();
    await expect(insert(null, convo)).resolves.toBeDefined();
  });

  it('[U1] the Zero publication leaves out emails and every secret table', async () => {
    const {rows} = await db.pool.query<{tablename: string; attnames: string[]}>(
      "SELECT tablename, attnames::text[] AS attnames FROM pg_publication_tables WHERE pubname = 'chorus_zero'",
    );
    const tables = new Map(rows.map(r => [r.tablename, r.attnames]));
    expect(tables.get('users')).not.toContain('email');
    expect(tables.get('ai_agents')).not.toContain('api_key_hash');
    expect(tables.get('files')).not.toContain('s3_key');
    for (const secret of ['user_credentials', 'auth_sessions', 'refresh_tokens', 'email_tokens']) {
      expect(tables.has(secret)).toBe(false);
    }
    expect(tables.has('messages')).toBe(true);
  });
});
