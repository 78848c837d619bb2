import {API_NODE_FLAGS} from '@chorus/api/node-flags';
import {randomBytes} from 'node:crypto';
import {mkdtemp, rm} from 'node:fs/promises';
import {tmpdir} from 'node:os';
import path from 'node:path';
import type {AuthConfig} from '@chorus/api/config';
import {signAccessToken} from '@chorus/api/auth/tokens';
import pg from 'pg';
import {freePort, freePortPair} from '../../test/ports.ts';
import {Child} from './ipc.ts';
import {processTree, usage, type TreeUsage} from './procs.ts';

export type BenchStackOptions = {
  /** zero-cache sync workers (unset: zero-cache's default). */
  syncWorkers?: number | undefined;
  logFile: string;
  /** Postgres without fsync (the test suite's settings) instead of `npm start`'s durable one. */
  ephemeralPostgres?: boolean;
  /** Preload pg_stat_statements, for the delivery rows' statement statistics. */
  pgStats?: boolean;
  /** More environment for the stack and zero-cache (e.g. NODE_OPTIONS for profiling). */
  env?: NodeJS.ProcessEnv;
};

export type QuietOptions = {
  /** Give up after this long (the figure then says it did not settle). */
  timeoutMs?: number;
  /** Quiet: each of zero-cache and Postgres under this share of a core… */
  cores?: number;
  /** …over the last `windowMs`. */
  windowMs?: number;
};

export type Quiet = {
  waitedMs: number;
  /** False: the timeout came first. */
  quiet: boolean;
  /** Cores each used over the last window. */
  cores: {zeroCache: number; postgres: number};
};

type StackInfo = {
  url: string;
  zeroCacheURL: string;
  databaseURL: string;
  sesURL: string;
  apiPID: number;
  zeroCachePID: number | undefined;
};

export type BenchStack = StackInfo & {
  pool: pg.Pool;
  auth: AuthConfig;
  /** An access token for `userID`, as the API would issue after sign-in. */
  token: (userID: string) => Promise<string>;
  /** Memory and CPU of the API process, the zero-cache tree and the Postgres tree. */
  usage: () => {api: TreeUsage; zeroCache: TreeUsage; postgres: TreeUsage};
  /** The API process's own view of its memory (MB): V8 heap, external buffers, RSS. */
  apiMemory: () => Promise<{rssMB: number; heapUsedMB: number; heapTotalMB: number; externalMB: number}>;
  /** Waits until the stack is idle (connection work done), at most `timeoutMs`; returns the ms waited. */
  settle: (timeoutMs?: number) => Promise<number>;
  /** Waits until zero-cache and Postgres are each quiet; says how long that took. */
  quiet: (options?: QuietOptions) => Promise<Quiet>;
  stop: () => Promise<void>;
};

/**
 * Starts the whole stack in a child process on a fresh data dir and free
 * ports, in production mode (zero-cache with an admin password, durable
 * Postgres), with rate limits raised so that only the machine limits the load.
 */
export async function startBenchStack(options: BenchStackOptions): Promise<BenchStack> {
  const dir = await mkdtemp(path.join(tmpdir(), 'chorus-bench-'));
  const zeroPort = await freePortPair();
  const taken = new Set([zeroPort, zeroPort + 1]);
  const pick = async () => {
    for (;;) {
      const p = await freePort();
      if (!taken.has(p)) return (taken.add(p), p);
    }
  };
  const port = await pick();
  const jwtSecret = randomBytes(32).toString('hex');
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    NODE_ENV: 'production',
    CHORUS_DATA_DIR: dir,
    PORT: String(port),
    HOST: '127.0.0.1',
    PUBLIC_URL: `http://127.0.0.1:${port}`,
    EMBEDDED_PG_PORT: String(await pick()),
    ZERO_PORT: String(zeroPort),
    SES_LOCAL_PORT: String(await pick()),
    S3_LOCAL_PORT: String(await pick()),
    ZERO_APP_ID: 'chorus_bench',
    ZERO_ADMIN_PASSWORD: randomBytes(16).toString('hex'),
    JWT_SECRET: jwtSecret,
    ACCESS_TOKEN_TTL_SECONDS: '86400',
    RATE_LIMIT_MULTIPLIER: '1000000',
    DATABASE_URL: '',
    SES_ENDPOINT: '',
    BENCH_STACK_LOG: options.logFile,
    BENCH_EPHEMERAL_PG: options.ephemeralPostgres ? '1' : '0',
    BENCH_PG_STATS: options.pgStats ? '1' : '0',
    ...options.env,
  };
  if (options.syncWorkers) env.ZERO_NUM_SYNC_WORKERS = String(options.syncWorkers);
  else delete env.ZERO_NUM_SYNC_WORKERS;

  const child = new Child(new URL('./stack-child.ts', import.meta.url), {
    env,
    // The API runs with the flags `npm start` gives it.
    execArgv: [...process.execArgv, ...API_NODE_FLAGS],
    name: 'stack',
    outputFile: options.logFile,
  });
  const info = await child.call<StackInfo>('info').catch(async (err: Error) => {
    await child.stop();
    await rm(dir, {recursive: true, force: true});
    throw new Error(`the stack did not start (see ${options.logFile}): ${err.message}`);
  });
  const pool = new pg.Pool({connectionString: info.databaseURL, max: 8});
  pool.on('error', () => {});
  const auth: AuthConfig = {
    jwtSecret: new TextEncoder().encode(jwtSecret),
    issuer: 'chorus',
    audience: 'chorus-api',
    accessTokenTTLSeconds: 86_400,
    refreshTokenTTLDays: 30,
    secureCookies: false,
  };
  const stackUsage = () => {
    const all = processTree(info.apiPID);
    const zero = info.zeroCachePID ? processTree(info.zeroCachePID) : [];
    const postgres = all.filter(pid => pid !== info.apiPID && !zero.includes(pid));
    return {
      api: usage([info.apiPID]),
      zeroCache: usage(zero),
      postgres: usage(postgres),
    };
  };
  return {
    ...info,
    pool,
    auth,
    // A real signed-in session per token, as sign-in makes: the API checks it on every request.
    token: async userID => {
      const {rows} = await pool.query<{id: string}>(
        `INSERT INTO auth_sessions (user_id, expires_at) VALUES ($1, now() + interval '1 day') RETURNING id`,
        [userID],
      );
      return signAccessToken(auth, {userID, sessionID: rows[0]!.id, emailVerified: true});
    },
    usage: stackUsage,
    apiMemory: () => child.call('memory'),
    settle: async (timeoutMs = 20_000) => {
      const start = Date.now();
      const busy = () => {
        const u = stackUsage();
        return u.api.cpuSeconds + u.zeroCache.cpuSeconds + u.postgres.cpuSeconds;
      };
      let last = busy();
      while (Date.now() - start < timeoutMs) {
        await new Promise(r => setTimeout(r, 500));
        const current = busy();
        // Under a tenth of a core for half a second: hydration and CVR writes are done.
        if (current - last < 0.05) break;
        last = current;
      }
      return Date.now() - start;
    },
    quiet: async ({timeoutMs = 60_000, cores = 0.05, windowMs = 1000} = {}) => {
      // Sampled every 250 ms and judged over a sliding window: CPU time comes
      // in 10 ms ticks, too coarse for a short window at a twentieth of a core.
      const sample = () => {
        const u = stackUsage();
        return {t: Date.now(), zeroCache: u.zeroCache.cpuSeconds, postgres: u.postgres.cpuSeconds};
      };
      const start = Date.now();
      const samples = [sample()];
      for (;;) {
        await new Promise(r => setTimeout(r, 250));
        const last = sample();
        samples.push(last);
        while (samples.length > 2 && last.t - samples[1]!.t >= windowMs) samples.shift();
        const first = samples[0]!;
        const seconds = (last.t - first.t) / 1000;
        const used = {
          zeroCache: Math.round(((last.zeroCache - first.zeroCache) / seconds) * 100) / 100,
          postgres: Math.round(((last.postgres - first.postgres) / seconds) * 100) / 100,
        };
        const full = last.t - first.t >= windowMs;
        const quiet = full && used.zeroCache <= cores && used.postgres <= cores;
        if (quiet || last.t - start >= timeoutMs) return {waitedMs: last.t - start, quiet, cores: used};
      }
    },
    stop: async () => {
      await pool.end();
      await child.call('stop').catch(() => {});
      await child.stop();
      await rm(dir, {recursive: true, force: true});
    },
  };
}
