import {spawn, type ChildProcess} from 'node:child_process';
import {randomUUID} from 'node:crypto';
import {mkdtemp, readdir, readFile, rm, writeFile} from 'node:fs/promises';
import {tmpdir} from 'node:os';
import path from 'node:path';
import {fileURLToPath} from 'node:url';
import {queries, schema, type AuthContext} from '@chorus/schema';
import {Zero} from '@rocicorp/zero';
import pg from 'pg';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {signAccessToken} from '@chorus/api/auth/tokens';
import {isRunning} from '@chorus/sync-server';
import {insertUser} from '../fixtures.ts';
import {freePort, freePortPair} from '../ports.ts';

// The fault suite: `npm start`'s process, for real, with each of its parts
// killed (SIGKILL) in the middle of a burst of posts. After each fault the
// stack must recover without a human, every post the API acknowledged must be
// in Postgres exactly once, and no process may be left behind.

const START = fileURLToPath(new URL('../../api/src/cli/start.ts', import.meta.url));

let dataDir: string;
let env: NodeJS.ProcessEnv;
let url: string;
let chorus: ChildProcess;
let output = '';
let pool: pg.Pool;
let token: string;
let userID: string;
let roomID: string;

function startChorus(): ChildProcess {
  const child = spawn(process.execPath, [START], {env, stdio: ['ignore', 'pipe', 'pipe']});
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  return child;
}

async function readiness(): Promise<{status: number; body: Record<string, string>} | undefined> {
  try {
    const res = await fetch(`${url}/readyz`, {signal: AbortSignal.timeout(3_000)});
    return {status: res.status, body: (await res.json()) as Record<string, string>};
  } catch {
    return undefined;
  }
}

async function waitReady(timeoutMs = 120_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if ((await readiness())?.status === 200) return;
    await new Promise(resolve => setTimeout(resolve, 250));
  }
  throw new Error(`Chorus did not become ready:\n${output.slice(-4000)}`);
}

const pidIn = async (file: string) => Number((await readFile(file, 'utf8')).split('\n')[0]);

/** Every process descended from `root` (children, their children, …). */
async function descendants(root: number): Promise<number[]> {
  const parents = new Map<number, number>();
  for (const name of await readdir('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const stat = await readFile(`/proc/${name}/stat`, 'utf8');
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      parents.set(Number(name), ppid);
    } catch {
      // gone meanwhile
    }
  }
  const found: number[] = [];
  const walk = (pid: number) => {
    for (const [child, parent] of parents) {
      if (parent === pid && !found.includes(child)) {
        found.push(child);
        walk(child);
      }
    }
  };
  walk(root);
  return found;
}

async function stillRunning(pids: number[], timeoutMs: number): Promise<number[]> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const alive: number[] = [];
    for (const pid of pids) if (await isRunning(pid)) alive.push(pid);
    if (alive.length === 0 || Date.now() > deadline) return alive;
    await new Promise(resolve => setTimeout(resolve, 250));
  }
}

/**
 * Posts messages with client-chosen ids, four at a time, until stopped. A post
 * that fails (refused connection, 503) is sent again with the same id, as the
 * client's outbox does; one that got a 2xx is acknowledged.
 */
function burst() {
  const acknowledged = new Set<string>();
  const statuses = new Map<number | string, number>();
  let stopped = false;
  const post = async (id: string, content: string) => {
    for (;;) {
      try {
        const res = await fetch(`${url}/api/v1/messages`, {
          method: 'POST',
          headers: {authorization: `Bearer ${token}`, 'content-type': 'application/json'},
          body: JSON.stringify({id, roomId: roomID, content}),
          signal: AbortSignal.timeout(10_000),
        });
        statuses.set(res.status, (statuses.get(res.status) ?? 0) + 1);
        await res.body?.cancel();
        if (res.ok) return acknowledged.add(id);
        if (res.status !== 503 && res.status !== 500 && res.status !== 502) {
          throw new Error(`post answered ${res.status}`);
        }
      } catch (err) {
        if ((err as Error).message.startsWith('post answered')) throw err;
        statuses.set('network', (statuses.get('network') ?? 0) + 1);
      }
      await new Promise(resolve => setTimeout(resolve, 200));
    }
  };
  const worker = async () => {
    while (!stopped) {
      const id = randomUUID();
      await post(id, `burst ${id}`);
    }
  };
  const workers = Array.from({length: 4}, worker);
  return {
    acknowledged,
    statuses,
    /** Lets each worker finish the post it is on (retrying it until it lands), then stops. */
    stop: async () => {
      stopped = true;
      await Promise.all(workers);
    },
  };
}

/** Every acknowledged post is in Postgres, and no post is there twice. */
async function expectEachPostOnce(acknowledged: Set<string>) {
  const {rows} = await pool.query<{id: string; content: string}>(
    "SELECT id, content FROM messages WHERE room_id = $1 AND content LIKE 'burst %'",
    [roomID],
  );
  const ids = new Set(rows.map(r => r.id));
  const missing = [...acknowledged].filter(id => !ids.has(id));
  expect(missing, 'acknowledged posts missing from Postgres').toEqual([]);
  expect(new Set(rows.map(r => r.content)).size, 'a post stored twice').toBe(rows.length);
}

beforeAll(async () => {
  dataDir = await mkdtemp(path.join(tmpdir(), 'chorus-faults-'));
  const port = await freePort();
  const pgPort = await freePort();
  url = `http://127.0.0.1:${port}`;
  env = {
    ...process.env,
    NODE_ENV: 'production',
    CHORUS_DATA_DIR: dataDir,
    PORT: String(port),
    HOST: '127.0.0.1',
    PUBLIC_URL: url,
    EMBEDDED_PG_PORT: String(pgPort),
    ZERO_PORT: String(await freePortPair()),
    SES_LOCAL_PORT: String(await freePort()),
    S3_LOCAL_PORT: String(await freePort()),
    RATE_LIMIT_MULTIPLIER: '1000',
    DATABASE_URL: '',
    SES_ENDPOINT: '',
  };
  chorus = startChorus();
  await waitReady();

  pool = new pg.Pool({connectionString: `postgres://chorus:chorus@127.0.0.1:${pgPort}/chorus`, max: 2});
  pool.on('error', () => {});
  const user = await insertUser(pool);
  userID = user.userID;
  const jwtSecret = new TextEncoder().encode(
    (await readFile(path.join(dataDir, 'jwt-secret'), 'utf8')).trim(),
  );
  const auth = {
    jwtSecret,
    issuer: 'chorus',
    audience: 'chorus-api',
    accessTokenTTLSeconds: 3600,
    refreshTokenTTLDays: 1,
    secureCookies: false,
  };
  token = await signAccessToken(auth, {userID, sessionID: randomUUID(), emailVerified: true});
  const res = await fetch(`${url}/api/v1/servers`, {
    method: 'POST',
    headers: {authorization: `Bearer ${token}`, 'content-type': 'application/json'},
    body: JSON.stringify({name: 'Faults'}),
  });
  expect(res.status).toBe(201);
  const server = (await res.json()) as {id: string};
  roomID = (await pool.query<{id: string}>('SELECT id FROM rooms WHERE server_id = $1', [server.id])).rows[0]!
    .id;
}, 180_000);

afterAll(async () => {
  if (process.env.CHORUS_FAULTS_LOG) await writeFile(process.env.CHORUS_FAULTS_LOG, output);
  await pool?.end().catch(() => {});
  if (chorus && chorus.exitCode === null && chorus.signalCode === null) {
    const tree = await descendants(chorus.pid!);
    chorus.kill('SIGTERM');
    await stillRunning([chorus.pid!, ...tree], 30_000);
  }
  await rm(dataDir, {recursive: true, force: true});
}, 60_000);

describe('the fault suite', () => {
  it('[OP2] a second start on the same data is refused and leaves the running one alone', async () => {
    const pgPID = await pidIn(path.join(dataDir, 'pg', 'postmaster.pid'));
    const zeroPID = await pidIn(path.join(dataDir, 'zero-cache.pid'));
    const second = spawn(process.execPath, [START], {env: {...env, PORT: String(await freePort())}});
    let said = '';
    second.stderr?.on('data', (chunk: Buffer) => (said += chunk.toString()));
    const code = await new Promise<number | null>(resolve => second.once('exit', resolve));
    expect(code).not.toBe(0);
    expect(said).toMatch(/already running on .* Stop it first/);
    expect(await isRunning(pgPID)).toBe(true);
    expect(await isRunning(zeroPID)).toBe(true);
    expect((await readiness())?.status).toBe(200);
  });

  it('[OP3][OP5] zero-cache killed mid-burst is restarted; /readyz says so meanwhile', async () => {
    const before = await pidIn(path.join(dataDir, 'zero-cache.pid'));
    const load = burst();
    await new Promise(resolve => setTimeout(resolve, 500));
    process.kill(before, 'SIGKILL');
    await expect.poll(async () => (await readiness())?.body.zeroCache, {timeout: 10_000}).toBe('down');
    await waitReady(60_000);
    await load.stop();
    expect(await pidIn(path.join(dataDir, 'zero-cache.pid'))).not.toBe(before);
    expect(load.acknowledged.size).toBeGreaterThan(0);
    await expectEachPostOnce(load.acknowledged);
  });

  it('[OP3][OP4] Postgres killed mid-burst is restarted; posts meanwhile get 503 and land when retried', async () => {
    const before = await pidIn(path.join(dataDir, 'pg', 'postmaster.pid'));
    const load = burst();
    await new Promise(resolve => setTimeout(resolve, 500));
    process.kill(before, 'SIGKILL');
    // While it is down the API says so: 503 with Retry-After, never a bare 500.
    await expect
      .poll(
        async () => {
          const res = await fetch(`${url}/healthz`).catch(() => undefined);
          return res && {status: res.status, retryAfter: res.headers.get('retry-after')};
        },
        {timeout: 10_000, interval: 50},
      )
      .toEqual({status: 503, retryAfter: '5'});
    await waitReady(60_000);
    await load.stop();
    expect(load.statuses.get(500) ?? 0).toBe(0);
    await expectEachPostOnce(load.acknowledged);
  });

  it('[OP2] the whole app killed mid-burst leaves no process behind, and starts again on its data', async () => {
    const tree = await descendants(chorus.pid!);
    expect(tree.length).toBeGreaterThan(2); // Postgres, zero-cache and its workers, the reaper
    const load = burst();
    await new Promise(resolve => setTimeout(resolve, 500));
    chorus.kill('SIGKILL');
    const left = await stillRunning(tree, 20_000);
    expect(left, `still running after the app was killed:\n${output.slice(-2000)}`).toEqual([]);

    chorus = startChorus();
    await waitReady();
    await load.stop();
    await expectEachPostOnce(load.acknowledged);
  });

  it('[OP3] after every fault, sync works: a client sees a new post and the latest acknowledged ones', async () => {
    const id = randomUUID();
    const res = await fetch(`${url}/api/v1/messages`, {
      method: 'POST',
      headers: {authorization: `Bearer ${token}`, 'content-type': 'application/json'},
      body: JSON.stringify({id, roomId: roomID, content: 'after the faults'}),
    });
    expect(res.status).toBe(201);
    const zero = new Zero({
      schema,
      userID,
      auth: token,
      context: {userID, emailVerified: true, replica: true} as AuthContext | undefined,
      cacheURL: `${url}/zero`,
      kvStore: 'mem',
    });
    try {
      await expect
        .poll(
          async () =>
            (await zero.run(queries.roomMessages({roomID, limit: 20}), {type: 'complete'})).some(
              m => m.id === id,
            ),
          {timeout: 60_000, interval: 500},
        )
        .toBe(true);
    } finally {
      await zero.close();
    }
  });

  it('[OP2] stopping leaves no process behind', async () => {
    const tree = await descendants(chorus.pid!);
    chorus.kill('SIGTERM');
    expect(await stillRunning([chorus.pid!, ...tree], 30_000)).toEqual([]);
  });
});
