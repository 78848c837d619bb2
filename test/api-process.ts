import {spawn, type ChildProcess} from 'node:child_process';
import {randomUUID} from 'node:crypto';
import {mkdtemp, rm} from 'node:fs/promises';
import {tmpdir} from 'node:os';
import path from 'node:path';
import {fileURLToPath} from 'node:url';
import type pg from 'pg';
import {signAccessToken} from '@chorus/api/auth/tokens';
import {testAuthConfig} from './auth-config.ts';
import {freePort, freePortPair} from './ports.ts';

const MAIN = fileURLToPath(new URL('../api/src/main.ts', import.meta.url));

/** One real API process (`api/src/main.ts`, as `npm run start:api` runs it). */
export type APIProcess = {
  child: ChildProcess;
  port: number;
  /** `http://127.0.0.1:<port>` */
  url: string;
  /** Everything it wrote to stdout and stderr so far. */
  output: () => string;
  exited: Promise<number | null>;
  /** SIGTERM, then waits for it to exit and removes its data dir. */
  stop: () => Promise<void>;
};

/**
 * Starts the API alone on an existing database, as a deployment runs each of
 * several API processes, and resolves once it listens. `env` adds to or
 * overrides the defaults (a fixed `JWT_SECRET`, so tokens from `tokenFor`
 * work on every process given the same one; `RATE_LIMIT_MULTIPLIER`=1000).
 */
export async function startAPIProcess(
  databaseURL: string,
  env: Record<string, string> = {},
): Promise<APIProcess> {
  const dir = await mkdtemp(path.join(tmpdir(), 'chorus-api-'));
  const port = await freePort();
  const child = spawn(process.execPath, [MAIN], {
    env: {
      ...process.env,
      NODE_ENV: 'test',
      DATABASE_URL: databaseURL,
      CHORUS_DATA_DIR: dir,
      PORT: String(port),
      HOST: '127.0.0.1',
      PUBLIC_URL: `http://127.0.0.1:${port}`,
      JWT_SECRET: TEST_JWT_SECRET,
      SES_LOCAL_PORT: String(await freePort()),
      S3_LOCAL_PORT: String(await freePort()),
      ZERO_PORT: String(await freePortPair()),
      RATE_LIMIT_MULTIPLIER: '1000',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const chunks: string[] = [];
  child.stdout?.on('data', (d: Buffer) => chunks.push(d.toString()));
  child.stderr?.on('data', (d: Buffer) => chunks.push(d.toString()));
  const output = () => chunks.join('');
  const exited = new Promise<number | null>(resolve => child.once('exit', code => resolve(code)));
  let gone = false;
  void exited.then(() => (gone = true));
  const deadline = Date.now() + 30_000;
  while (!output().includes('Chorus API listening')) {
    if (gone || Date.now() > deadline) {
      child.kill('SIGKILL');
      await rm(dir, {recursive: true, force: true});
      throw new Error(`the API did not start:\n${output()}`);
    }
    await new Promise(r => setTimeout(r, 100));
  }
  return {
    child,
    port,
    url: `http://127.0.0.1:${port}`,
    output,
    exited,
    stop: async () => {
      if (!gone) child.kill('SIGTERM');
      await exited;
      await rm(dir, {recursive: true, force: true});
    },
  };
}

/** The `JWT_SECRET` every process of `startAPIProcess` signs with unless told otherwise. */
export const TEST_JWT_SECRET = 'x'.repeat(48);

/** An access token of a new, live session of `userID`, good on every process started with `secret`. */
export async function tokenFor(pool: pg.Pool, userID: string, secret = TEST_JWT_SECRET): Promise<string> {
  const {rows} = await pool.query<{id: string}>(
    `INSERT INTO public.auth_sessions (user_id, expires_at) VALUES ($1, now() + interval '1 day') RETURNING id`,
    [userID],
  );
  return signAccessToken(testAuthConfig({jwtSecret: new TextEncoder().encode(secret)}), {
    userID,
    sessionID: rows[0]?.id ?? randomUUID(),
    emailVerified: true,
  });
}
