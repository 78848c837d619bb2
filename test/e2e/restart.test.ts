import {randomBytes} from 'node:crypto';
import {lstat, mkdtemp, readdir, rm} from 'node:fs/promises';
import {tmpdir} from 'node:os';
import path from 'node:path';
import {mutators, queries, schema, type AuthContext} from '@chorus/schema';
import {Zero} from '@rocicorp/zero';
import pg from 'pg';
import {afterAll, describe, expect, it} from 'vitest';
import {startEmbeddedPostgres} from '@chorus/api/infra/postgres';
import {leaveIssue13Copy} from '../issue-13.ts';
import {freePort, freePortPair} from '../ports.ts';
import {startTestStack, verificationLink, type TestStack} from '../stack.ts';

// Starts of the whole stack on one data dir and the same ports, as `npm start`
// again and again would be. From the second on, zero-cache's app schema
// `chorus`, named like the database role, is there (issue #13).

const installs: Install[] = [];
afterAll(async () => {
  for (const install of installs) await install.remove();
});

type Install = {
  dir: string;
  /** Stops the running stack, if any, and starts one again on the same data. */
  start: () => Promise<TestStack>;
  stop: () => Promise<void>;
  /** Postgres alone on the data, with the role's default search_path, as the old runner had it. */
  withPostgresAlone: (fn: (plain: pg.Pool) => Promise<void>) => Promise<void>;
  remove: () => Promise<void>;
};

async function install(): Promise<Install> {
  const dir = await mkdtemp(path.join(tmpdir(), 'chorus-restart-'));
  const port = await freePort();
  const env = {
    EMBEDDED_PG_PORT: String(await freePort()),
    ZERO_PORT: String(await freePortPair()),
    SES_LOCAL_PORT: String(await freePort()),
    S3_LOCAL_PORT: String(await freePort()),
  };
  let running: TestStack | undefined;
  const self: Install = {
    dir,
    start: async () => {
      await self.stop();
      running = await startTestStack({serveClient: false, dataDir: dir, port, env});
      return running;
    },
    stop: async () => {
      await running?.dispose();
      running = undefined;
    },
    withPostgresAlone: async (fn: (plain: pg.Pool) => Promise<void>) => {
      await self.stop();
      const postgres = await startEmbeddedPostgres({
        dir: path.join(dir, 'pg'),
        port: Number(env.EMBEDDED_PG_PORT),
      });
      const plain = new pg.Pool({connectionString: postgres.url(), max: 2});
      // end() resolves before its connections have closed; Postgres stopping then ends them.
      plain.on('error', () => {});
      try {
        await fn(plain);
      } finally {
        await plain.end();
        await postgres.stop();
      }
    },
    remove: async () => {
      await self.stop();
      await rm(dir, {recursive: true, force: true});
    },
  };
  installs.push(self);
  return self;
}

async function api(s: TestStack, method: string, url: string, body?: unknown, token?: string) {
  const res = await fetch(`${s.url}/api/v1${url}`, {
    method,
    headers: {'content-type': 'application/json', ...(token ? {authorization: `Bearer ${token}`} : {})},
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  if (!res.ok) throw new Error(`${method} ${url}: ${res.status} ${text}`);
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  return (text ? JSON.parse(text) : undefined) as any;
}

/** Signs a new person up, verifies the address from the mail, signs in, and posts in a new server. */
async function someoneSays(s: TestStack, content: string) {
  const username = `r${randomBytes(4).toString('hex')}`;
  const email = `${username}@example.test`;
  const password = 'correct horse battery';
  const {user} = await api(s, 'POST', '/auth/register', {username, email, password});
  const link = new URL(await verificationLink(s.sesURL!, email));
  await api(s, 'POST', '/auth/verify-email', {token: link.searchParams.get('token')});
  const {accessToken: token} = await api(s, 'POST', '/auth/login', {email, password});
  const server = await api(s, 'POST', '/servers', {name: 'Before'}, token);
  const {rows} = await s.deps.pool.query<{id: string}>('SELECT id FROM rooms WHERE server_id = $1', [
    server.id,
  ]);
  const roomID = rows[0]!.id;
  const message = await api(s, 'POST', '/messages', {roomId: roomID, content}, token);
  return {userID: user.id as string, token: token as string, roomID, messageID: message.id as string};
}

/** What a Zero client of `who` syncs from the room, newest first. */
async function expectSynced(
  s: TestStack,
  who: {userID: string; token: string; roomID: string},
  contents: string[],
) {
  const zero = new Zero({
    schema,
    mutators,
    userID: who.userID,
    auth: who.token,
    context: {userID: who.userID, emailVerified: true, replica: true} as AuthContext | undefined,
    cacheURL: s.zeroCacheURL!,
    kvStore: 'mem',
  });
  try {
    await expect
      .poll(
        async () =>
          (await zero.run(queries.roomMessages({roomID: who.roomID, limit: 50}), {type: 'complete'})).map(
            m => m.content,
          ),
        {timeout: 20_000},
      )
      .toEqual(contents);
  } finally {
    await zero.close();
  }
}

const migrationRecord = async (s: TestStack) =>
  (await s.deps.pool.query('SELECT version, name, applied_at FROM public.schema_migrations ORDER BY version'))
    .rows;
const chorusTables = async (s: TestStack) =>
  (
    await s.deps.pool.query<{name: string}>(
      "SELECT tablename AS name FROM pg_tables WHERE schemaname = 'chorus'",
    )
  ).rows.map(r => r.name);
const zeroSchemaMade = (s: TestStack) =>
  expect
    .poll(
      async () => (await s.deps.pool.query("SELECT 1 FROM pg_namespace WHERE nspname = 'chorus'")).rowCount,
    )
    .toBe(1);

describe('[OP1] starting again on existing data', () => {
  let first: Install;

  it('[OP1] with zero-cache’s schema present, applies no migration twice and keeps every row', async () => {
    first = await install();
    let s = await first.start();
    const me = await someoneSays(s, 'said before the restart');
    const record = await migrationRecord(s);
    await zeroSchemaMade(s);

    s = await first.start();

    expect(await migrationRecord(s)).toEqual(record);
    for (const ours of ['schema_migrations', 'users', 'messages'])
      expect(await chorusTables(s)).not.toContain(ours);
    // The same sign-in still works (the JWT key and the session were kept) and reads the message.
    const history = await api(s, 'GET', `/messages/room/${me.roomID}`, undefined, me.token);
    expect(history.messages.map((m: {id: string}) => m.id)).toEqual([me.messageID]);
    await api(s, 'POST', '/messages', {roomId: me.roomID, content: 'said after'}, me.token);
    const {rows} = await s.deps.pool.query(
      'SELECT count(*)::int AS n FROM public.messages WHERE room_id = $1',
      [me.roomID],
    );
    expect(rows[0].n).toBe(2);
    // And zero-cache, on its replica from the first run, syncs both.
    await expectSynced(s, me, ['said after', 'said before the restart']);
  });

  it('[OP6] the data dir and its files are closed to others (as root, the dir is passable, not listable)', async () => {
    const s = await first.start();
    expect(s.env.CHORUS_DATA_DIR).toBe(first.dir);
    expect((await lstat(first.dir)).mode & 0o066).toBe(0);
    const names = await readdir(first.dir);
    expect(names).toEqual(expect.arrayContaining(['jwt-secret', 'zero-replica-chorus.db']));
    for (const name of names) {
      const stats = await lstat(path.join(first.dir, name));
      if (stats.isFile()) expect({name, others: stats.mode & 0o077}).toEqual({name, others: 0});
    }
    expect((await lstat(path.join(first.dir, 'pg'))).mode & 0o077).toBe(0);
    await first.stop();
  });

  it('[OP1] an install that met issue #13 starts again: the stray copy goes, every row stays, zero-cache syncs', async () => {
    const broken = await install();
    let s = await broken.start();
    const me = await someoneSays(s, 'said before the failed start');
    await zeroSchemaMade(s);
    await broken.withPostgresAlone(leaveIssue13Copy);

    s = await broken.start();

    expect(await chorusTables(s)).not.toContain('schema_migrations');
    expect(await chorusTables(s)).not.toContain('users');
    const history = await api(s, 'GET', `/messages/room/${me.roomID}`, undefined, me.token);
    expect(history.messages.map((m: {id: string}) => m.id)).toEqual([me.messageID]);
    await expectSynced(s, me, ['said before the failed start']);
    await broken.stop();
  });
});
