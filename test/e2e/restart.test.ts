import {randomBytes} from 'node:crypto';
import {lstat, mkdtemp, readdir, rm} from 'node:fs/promises';
import {tmpdir} from 'node:os';
import path from 'node:path';
import {mutators, queries, schema, type AuthContext} from '@chorus/schema';
import {Zero} from '@rocicorp/zero';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {freePort, freePortPair} from '../ports.ts';
import {startTestStack, verificationLink, type TestStack} from '../stack.ts';

// Two starts of the whole stack on one data dir and the same ports, as two
// `npm start`s would be. By the second, zero-cache has made its `chorus`
// schema, named like the database role (issue #13).

let dir: string;
let port: number;
let env: Record<string, string>;
let stack: TestStack | undefined;
beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'chorus-restart-'));
  port = await freePort();
  env = {
    EMBEDDED_PG_PORT: String(await freePort()),
    ZERO_PORT: String(await freePortPair()),
    SES_LOCAL_PORT: String(await freePort()),
  };
});
afterAll(async () => {
  await stack?.dispose();
  await rm(dir, {recursive: true, force: true});
});

async function start(): Promise<TestStack> {
  await stack?.dispose();
  stack = undefined;
  stack = await startTestStack({serveClient: false, dataDir: dir, port, env});
  return stack;
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

/** Signs a new person up, verifies the address from the mail, signs in. */
async function signUp(s: TestStack) {
  const username = `r${randomBytes(4).toString('hex')}`;
  const email = `${username}@example.test`;
  const password = 'correct horse battery';
  const {user} = await api(s, 'POST', '/auth/register', {username, email, password});
  const link = new URL(await verificationLink(s.sesURL!, email));
  await api(s, 'POST', '/auth/verify-email', {token: link.searchParams.get('token')});
  const {accessToken} = await api(s, 'POST', '/auth/login', {email, password});
  return {userID: user.id as string, token: accessToken as string};
}

const migrationRecord = async (s: TestStack) =>
  (await s.deps.pool.query('SELECT version, name, applied_at FROM public.schema_migrations ORDER BY version'))
    .rows;
const tablesIn = async (s: TestStack, schemaName: string) =>
  (
    await s.deps.pool.query<{name: string}>('SELECT tablename AS name FROM pg_tables WHERE schemaname = $1', [
      schemaName,
    ])
  ).rows.map(r => r.name);

describe('[OP1] starting again on existing data', () => {
  it('[OP1] with zero-cache’s schema present, applies no migration twice and keeps every row', async () => {
    let s = await start();
    const me = await signUp(s);
    const server = await api(s, 'POST', '/servers', {name: 'Before'}, me.token);
    const {rows} = await s.deps.pool.query<{id: string}>('SELECT id FROM rooms WHERE server_id = $1', [
      server.id,
    ]);
    const roomID = rows[0]!.id;
    const sent = await api(
      s,
      'POST',
      '/messages',
      {roomId: roomID, content: 'said before the restart'},
      me.token,
    );
    const record = await migrationRecord(s);
    // zero-cache's app schema, named like the role: what sent the old runner astray.
    await expect
      .poll(
        async () => (await s.deps.pool.query("SELECT 1 FROM pg_namespace WHERE nspname = 'chorus'")).rowCount,
      )
      .toBe(1);

    s = await start();

    expect(await migrationRecord(s)).toEqual(record);
    const chorusTables = await tablesIn(s, 'chorus');
    for (const ours of ['schema_migrations', 'users', 'messages']) expect(chorusTables).not.toContain(ours);
    // The same sign-in still works (the JWT key and the session were kept) and reads the message.
    const history = await api(s, 'GET', `/messages/room/${roomID}`, undefined, me.token);
    expect(history.messages.map((m: {id: string}) => m.id)).toEqual([sent.id]);
    await api(s, 'POST', '/messages', {roomId: roomID, content: 'said after'}, me.token);
    const count = await s.deps.pool.query(
      'SELECT count(*)::int AS n FROM public.messages WHERE room_id = $1',
      [roomID],
    );
    expect(count.rows[0].n).toBe(2);

    // And zero-cache, on its replica from the first run, syncs both.
    const zero = new Zero({
      schema,
      mutators,
      userID: me.userID,
      auth: me.token,
      context: {userID: me.userID, emailVerified: true, replica: true} as AuthContext | undefined,
      cacheURL: s.zeroCacheURL!,
      kvStore: 'mem',
    });
    try {
      await expect
        .poll(
          async () =>
            (await zero.run(queries.roomMessages({roomID, limit: 50}), {type: 'complete'})).map(
              m => m.content,
            ),
          {timeout: 20_000},
        )
        .toEqual(['said after', 'said before the restart']);
    } finally {
      await zero.close();
    }
  });

  it('[OP6] the data dir and its files are closed to others (as root, the dir is passable, not listable)', async () => {
    const s = stack ?? (await start());
    expect(s.env.CHORUS_DATA_DIR).toBe(dir);
    expect((await lstat(dir)).mode & 0o066).toBe(0);
    const names = await readdir(dir);
    expect(names).toEqual(expect.arrayContaining(['jwt-secret', 'zero-replica-chorus.db']));
    for (const name of names) {
      const stats = await lstat(path.join(dir, name));
      if (stats.isFile()) expect({name, others: stats.mode & 0o077}).toEqual({name, others: 0});
    }
    expect((await lstat(path.join(dir, 'pg'))).mode & 0o077).toBe(0);
  });
});
