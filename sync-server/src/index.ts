import {spawn, type ChildProcess} from 'node:child_process';
import path from 'node:path';
import {fileURLToPath} from 'node:url';

/** What Chorus needs to tell zero-cache. */
export type ZeroCacheConfig = {
  upstreamDB: string;
  /** The replica file lives in the data dir; delete it and zero-cache re-replicates. */
  dataDir: string;
  port: number;
  queryURL: string;
  mutateURL: string;
  appID: string;
  adminPassword?: string | undefined;
  numSyncWorkers?: number | undefined;
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
  if (config.adminPassword) env.ZERO_ADMIN_PASSWORD = config.adminPassword;
  if (config.numSyncWorkers) env.ZERO_NUM_SYNC_WORKERS = String(config.numSyncWorkers);
  if (config.cvrDB) env.ZERO_CVR_DB = config.cvrDB;
  return env;
}

export type RunningZeroCache = {process: ChildProcess; url: string; stop: () => Promise<void>};

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
  const env: NodeJS.ProcessEnv = {...process.env, ...zeroCacheEnv(config)};
  // Without an admin password zero-cache refuses to start unless in development.
  if (!config.adminPassword) env.NODE_ENV = 'development';
  const child = spawn(process.execPath, [bin], {env, stdio: ['ignore', 'pipe', 'pipe']});
  const forward = (chunk: Buffer) => {
    for (const line of chunk.toString().split('\n')) if (line.trim()) options.onLog?.(line);
  };
  child.stdout?.on('data', forward);
  child.stderr?.on('data', forward);

  const url = `http://127.0.0.1:${config.port}`;
  const exited = new Promise<never>((_, reject) =>
    child.once('exit', code => reject(new Error(`zero-cache exited early with code ${code}`))),
  );
  exited.catch(() => {});
  const deadline = Date.now() + (options.timeoutMs ?? 120_000);
  for (;;) {
    try {
      const res = await Promise.race([fetch(`${url}/keepalive`), exited]);
      if (res.ok) break;
    } catch (err) {
      if (child.exitCode !== null) throw err;
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
    stop: () =>
      new Promise<void>(resolve => {
        if (child.exitCode !== null) return resolve();
        const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
        child.once('exit', () => {
          clearTimeout(timer);
          resolve();
        });
        child.kill('SIGTERM');
      }),
  };
}
