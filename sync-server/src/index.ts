import {spawn, type ChildProcess} from 'node:child_process';
import {rm, writeFile} from 'node:fs/promises';
import path from 'node:path';
import {fileURLToPath} from 'node:url';
import {stopStrayProcess} from './stray-process.ts';
import {lineSplitter, zeroCacheLogLine} from './log-lines.ts';

export {isRunning, readCommandLine, stopStrayProcess} from './stray-process.ts';

/** What Chorus needs to tell zero-cache. */
export type ZeroCacheConfig = {
  upstreamDB: string;
  /** The replica file lives in the data dir; delete it and zero-cache re-replicates. */
  dataDir: string;
  port: number;
  queryURL: string;
  mutateURL: string;
  appID: string;
  /**
   * Required: without one, zero-cache only starts in development mode, where
   * its inspector answers anyone with an empty password and runs queries
   * without the read permissions (issue #13).
   */
  adminPassword: string;
  /**
   * The only address zero-cache listens on (default 127.0.0.1). zero-cache
   * itself listens on every interface; see child-guard.ts.
   */
  listenHost?: string | undefined;
  /** Where to record the running zero-cache's pid, so a start after a crash can stop a stray one. */
  pidFile?: string | undefined;
  numSyncWorkers?: number | undefined;
  /**
   * CPU niceness for zero-cache and the workers it forks (0–19; see
   * child-guard.ts). Where it shares a machine with the API, a higher value
   * lets requests and the live fast lane go first.
   */
  nice?: number | undefined;
  /** Database for the client view records (default: upstreamDB). */
  cvrDB?: string | undefined;
  logLevel?: 'debug' | 'info' | 'warn' | 'error';
};

/** The environment zero-cache reads; exported so docker-compose users can see the same settings. */
export function zeroCacheEnv(config: ZeroCacheConfig): Record<string, string> {
  const env: Record<string, string> = {
    ZERO_UPSTREAM_DB: config.upstreamDB,
    ZERO_REPLICA_FILE: path.join(config.dataDir, `zero-replica-${config.appID}.db`),
    ZERO_PORT: String(config.port),
    ZERO_QUERY_URL: config.queryURL,
    ZERO_MUTATE_URL: config.mutateURL,
    ZERO_APP_ID: config.appID,
    ZERO_APP_PUBLICATIONS: 'chorus_zero',
    ZERO_ENABLE_CRUD_MUTATIONS: 'false',
    ZERO_LOG_LEVEL: config.logLevel ?? 'warn',
    ZERO_ENABLE_TELEMETRY: 'false',
    DO_NOT_TRACK: '1',
  };
  env.ZERO_ADMIN_PASSWORD = config.adminPassword;
  if (config.numSyncWorkers) env.ZERO_NUM_SYNC_WORKERS = String(config.numSyncWorkers);
  if (config.cvrDB) env.ZERO_CVR_DB = config.cvrDB;
  return env;
}

export type RunningZeroCache = {
  process: ChildProcess;
  url: string;
  /** Resolves when the process ends, however it ends, with how it ended ("code 1", "SIGKILL"). */
  exited: Promise<string>;
  stop: () => Promise<void>;
};

/**
 * Starts zero-cache as a child process on the Node that runs this code (Node
 * 24 from the `node` package under npm scripts) and waits until `/keepalive`
 * answers.
 */
export async function startZeroCache(
  config: ZeroCacheConfig,
  options: {onLog?: (line: string) => void; timeoutMs?: number} = {},
): Promise<RunningZeroCache> {
  // The package exports no bin path; cli.js sits beside its main entry.
  const main = fileURLToPath(import.meta.resolve('@rocicorp/zero'));
  const bin = path.join(path.dirname(main), 'cli.js');
  if (!config.adminPassword) throw new Error('zero-cache needs an admin password (ZERO_ADMIN_PASSWORD).');
  if (config.pidFile) await stopStrayProcess(config.pidFile, 'zero-cache', cmd => cmd.includes(bin));
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    ...zeroCacheEnv(config),
    // Never development mode, whatever the parent runs in: there the
    // inspector and /statz accept an empty admin password.
    NODE_ENV: 'production',
    CHORUS_ZERO_LISTEN_HOST: config.listenHost ?? '127.0.0.1',
    CHORUS_ZERO_NICE: config.nice ? String(config.nice) : '',
  };
  const guard = new URL('./child-guard.ts', import.meta.url).href;
  const child = spawn(process.execPath, ['--import', guard, bin], {env, stdio: ['ignore', 'pipe', 'pipe']});
  if (config.pidFile && child.pid) {
    const pidFile = config.pidFile;
    await writeFile(pidFile, `${child.pid}\n`, {mode: 0o600});
    child.once('exit', () => void rm(pidFile, {force: true}));
  }
  for (const stream of [child.stdout, child.stderr]) {
    const lines = lineSplitter(line => {
      const shown = zeroCacheLogLine(line);
      if (shown !== undefined) options.onLog?.(shown);
    });
    stream?.on('data', lines.push);
    stream?.on('end', lines.end);
  }

  const host = config.listenHost;
  const probeHost = !host || host === '::' || host === '0.0.0.0' ? '127.0.0.1' : host;
  const url = `http://${probeHost.includes(':') ? `[${probeHost}]` : probeHost}:${config.port}`;
  const ended = new Promise<string>(resolve =>
    child.once('exit', (code, signal) => resolve(signal ?? `code ${code}`)),
  );
  const exited = ended.then(how => {
    throw new Error(`zero-cache exited early (${how})`);
  });
  exited.catch(() => {});
  const deadline = Date.now() + (options.timeoutMs ?? 120_000);
  for (;;) {
    try {
      const res = await Promise.race([fetch(`${url}/keepalive`), exited]);
      if (res.ok) break;
    } catch (err) {
      if (child.exitCode !== null || child.signalCode !== null) throw err;
    }
    if (Date.now() > deadline) {
      child.kill('SIGTERM');
      throw new Error(`zero-cache did not answer on ${url} in time`);
    }
    await new Promise(r => setTimeout(r, 200));
  }
  return {
    process: child,
    url,
    exited: ended,
    stop: () =>
      new Promise<void>(resolve => {
        if (child.exitCode !== null || child.signalCode !== null) return resolve();
        const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
        child.once('exit', () => {
          clearTimeout(timer);
          resolve();
        });
        child.kill('SIGTERM');
      }),
  };
}
