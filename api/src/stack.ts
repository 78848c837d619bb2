import {SessionLiveness} from './auth/session-liveness.ts';
import {startActivityPublisher} from './zero/activity-publisher.ts';
import {AblyLive} from './live/ably.ts';
import {liveEffects} from './live/effects.ts';
import {HUB_PATH, LiveHub} from './live/hub.ts';
import {Live} from './live/live.ts';
import {AgentWebhooks} from './agents/webhooks.ts';
import {scheduleCleanup} from './jobs/cleanup.ts';
import {DEFAULT_FILE_LIMITS} from './files/uploads.ts';
import {startLocalS3, Storage} from './files/storage.ts';
import {startThumbnails} from './files/thumbnails.ts';
import {scannerFromEnv, startScans} from './files/scan.ts';
import type {Server} from 'node:http';
import {mkdir} from 'node:fs/promises';
import path from 'node:path';
import {fileURLToPath} from 'node:url';
import {serve} from '@hono/node-server';
import {migrate} from '@chorus/migrations';
import {schema} from '@chorus/schema';
import {startZeroCache, type RunningZeroCache, type ZeroCacheConfig} from '@chorus/sync-server';
import {zeroNodePg} from '@rocicorp/zero/server/adapters/pg';
import pg from 'pg';
import {PgBoss} from 'pg-boss';
import {createApp} from './app.ts';
import {loadJwtSecret, loadZeroAdminPassword, oidcConfigFromEnv, parseEnv, type Env} from './config.ts';
import type {Deps} from './deps.ts';
import {proxyZeroWebSockets} from './http/zero-proxy.ts';
import {claimDataDir} from './infra/data-dir-lock.ts';
import {makeDataDirPrivate} from './infra/data-dir.ts';
import {prepareEmbeddedPostgres, type EmbeddedPg} from './infra/postgres.ts';
import {Supervisor} from './infra/supervisor.ts';
import {startLocalSes} from './infra/ses-local.ts';
import {createSesSender} from './mail/mailer.ts';
import {startMailQueue} from './mail/queue.ts';
import {JobMetrics} from './jobs/job-metrics.ts';
import type {JobObserver} from './jobs/observe.ts';
import {createLogger, lineLog, type Logger} from './telemetry/logger.ts';
import {startTracing} from './telemetry/tracing.ts';

export const CLIENT_DIST = fileURLToPath(new URL('../../client/dist/', import.meta.url));

export type StackOptions = {
  env?: NodeJS.ProcessEnv;
  /** Serve the built client from the API (false under `npm run dev`, where Vite serves it). */
  serveClient?: boolean;
  /** Start zero-cache (tests of the REST API alone skip it). */
  zeroCache?: boolean;
  ephemeralPostgres?: boolean;
  /** Extra settings for the embedded Postgres (see startEmbeddedPostgres). */
  postgresSettings?: Record<string, string>;
  /** Where log lines (JSON) go instead of stdout. */
  log?: (line: string) => void;
  /** The log format when `LOG_FORMAT` is unset (`npm start`: pretty; the API alone: json). */
  logFormat?: 'json' | 'pretty';
};

export type Stack = {
  url: string;
  env: Env;
  databaseURL: string;
  sesURL: string | undefined;
  zeroCacheURL: string | undefined;
  deps: Deps;
  stop: () => Promise<void>;
};

/**
 * Starts everything Chorus needs, using the embedded stand-ins for whatever
 * the environment does not point elsewhere: Postgres, migrations, local SES,
 * pg-boss, the API (serving the client) and zero-cache behind `/zero`.
 */
export async function startStack(options: StackOptions = {}): Promise<Stack> {
  const env = parseEnv(options.env);
  // [OP12] Every line through pino, with the request or job it was written for.
  const logger: Logger = createLogger({
    level: env.LOG_LEVEL,
    format: env.LOG_FORMAT ?? options.logFormat ?? 'json',
    name: 'api',
    write: options.log,
  });
  const log = lineLog(logger);
  const dataDir = path.resolve(env.CHORUS_DATA_DIR);
  const stops: (() => Promise<unknown>)[] = [];
  const stop = async () => {
    for (const fn of stops.reverse()) await fn().catch(err => log(`shutdown: ${String(err)}`));
    stops.length = 0;
  };

  try {
    // [OP13] Loaded only when OTEL_EXPORTER_OTLP_ENDPOINT is set; shut down last (flushes spans).
    const tracing = await startTracing(env, 'chorus-api');
    if (tracing) stops.push(() => tracing.shutdown());
    const jobMetrics = new JobMetrics();
    const observer: JobObserver = {logger, metrics: jobMetrics, tracing};
    // [OP2] Before anything that stops strays: a second start on the same
    // data must not take the running one's Postgres and zero-cache for them.
    if (!env.DATABASE_URL || options.zeroCache !== false) {
      await mkdir(dataDir, {recursive: true, mode: 0o700});
      const claim = await claimDataDir(dataDir);
      stops.push(() => claim.release());
    }
    let embedded: EmbeddedPg | undefined;
    let databaseURL = env.DATABASE_URL;
    if (!databaseURL) {
      log(`starting embedded Postgres in ${path.join(dataDir, 'pg')} …`);
      const launch = await prepareEmbeddedPostgres({
        dir: path.join(dataDir, 'pg'),
        port: env.EMBEDDED_PG_PORT,
        ephemeral: options.ephemeralPostgres,
        settings: options.postgresSettings,
        onLog: line => {
          if (/FATAL|PANIC|stray/.test(line)) log(`[postgres] ${line}`);
        },
      });
      // [OP3] A crashed Postgres is started again; meanwhile the API answers 503.
      const postgres = new Supervisor('embedded Postgres', launch, {log});
      embedded = await postgres.start();
      stops.push(() => postgres.stop());
      databaseURL = embedded.url();
    }
    // [OP6] After the embedded Postgres, which as root opens this directory to its `postgres` user.
    await makeDataDirPrivate(dataDir, log);

    // zero-cache creates a schema named after its app id (`chorus`), which is
    // also our role's name, so the default search_path (`"$user", public`)
    // would resolve unqualified names there first. Chorus's tables live in public.
    const pool = new pg.Pool({connectionString: databaseURL, max: 20, options: '-c search_path=public'});
    // An idle client dropped by the server (restart, shutdown) must not crash the process.
    pool.on('error', err => log(`postgres pool: ${err.message}`));
    // Nor may a checked-out one between two queries, which the pool does not
    // listen to: Postgres killed mid-transaction crashed the API. The query in
    // flight fails (503, see unavailable.ts) and the pool discards the client.
    pool.on('connect', client => client.on('error', () => {}));
    stops.push(() => pool.end());
    const applied = await migrate(pool, {log});
    if (applied.length) log(`applied migrations: ${applied.join(', ')}`);
    const sessions = await SessionLiveness.start(pool, {log});
    stops.push(() => sessions.stop());
    const activity = startActivityPublisher(pool, {log});
    stops.push(() => activity.stop());

    let sesURL = env.SES_ENDPOINT;
    if (!sesURL) {
      const ses = await startLocalSes(env.SES_LOCAL_PORT);
      stops.push(() => new Promise(resolve => ses.server.close(resolve)));
      sesURL = ses.url;
    }

    // [FL1] Files: R2 (or any S3) from the environment, else the embedded s3rver.
    let s3URL = env.S3_ENDPOINT;
    if (!s3URL) {
      const s3 = await startLocalS3({
        port: env.S3_LOCAL_PORT,
        directory: path.join(dataDir, 's3'),
        bucket: env.S3_BUCKET,
      });
      stops.push(() => s3.close());
      s3URL = s3.url;
    }
    const storage = storageFor(env, s3URL);

    const boss = new PgBoss({connectionString: databaseURL, ...BOSS_OPTIONS});
    boss.on('error', err => log(`pg-boss: ${String(err)}`));
    await boss.start();
    stops.push(() => boss.stop({graceful: true, timeout: 5_000}));
    // [OP7] Jobs run here unless a separate worker runs them (`worker.ts`).
    const work = env.CHORUS_WORKERS === 'inline';
    const mailer = await startMailQueue(boss, work ? mailSender(env, sesURL) : undefined, log, observer);

    // [AG8] Signed webhooks to agents, queued with the messages that cause them.
    const agentWebhooks = await agentWebhooksFor(env, log, observer).start(boss, pool, {work});
    // [OP10] Hourly removal of what has served its time.
    await scheduleCleanup(boss, pool, {
      auditRetentionDays: env.AUDIT_RETENTION_DAYS,
      work,
      storage,
      log,
      observer,
    });
    // [FL5] Thumbnails of images, made by a job once a file is ready.
    const queueThumbnail = await startThumbnails(boss, pool, storage, {work, log, observer});
    // [FL7] With a clamd configured, files are scanned before they can be downloaded.
    const scanner = scannerFromEnv(env);
    const queueScan =
      scanner &&
      (await startScans(boss, pool, storage, scanner, {work, onClean: queueThumbnail, log, observer}));
    stops.push(async () => agentWebhooks.stop());

    const publicURL = env.PUBLIC_URL ?? `http://localhost:${env.PORT}`;
    const auth = {
      jwtSecret: await loadJwtSecret({...env, CHORUS_DATA_DIR: dataDir}),
      issuer: env.JWT_ISSUER,
      audience: env.JWT_AUDIENCE,
      accessTokenTTLSeconds: env.ACCESS_TOKEN_TTL_SECONDS,
      refreshTokenTTLDays: env.REFRESH_TOKEN_TTL_DAYS,
      secureCookies: publicURL.startsWith('https:'),
    };
    const zqlDb = zeroNodePg(schema, pool);
    // [LV5][LV6] Live events: Ably with a key, else the embedded hub.
    const ably = env.ABLY_API_KEY ? new AblyLive(env.ABLY_API_KEY, log) : undefined;
    const hub = ably
      ? undefined
      : await new LiveHub(
          {pool, zqlDb, auth, sessions, log},
          async recipe => (await liveEffects(pool, recipe)).events,
        ).start();
    const live = new Live(pool, ably ?? hub!, log);
    stops.push(() => live.settled());
    const deps: Deps = {
      pool,
      zqlDb,
      auth,
      live,
      ably,
      agentWebhooks,
      metricsToken: env.METRICS_TOKEN,
      logger,
      tracing,
      jobMetrics,
      storage,
      onFileReady: queueThumbnail,
      scanFile: queueScan,
      fileLimits: {
        ...DEFAULT_FILE_LIMITS,
        maxBytes: env.FILE_MAX_BYTES,
        dailyBytes: env.FILE_DAILY_QUOTA_BYTES,
      },
      publicURL,
      mailer,
      clientDir: options.serveClient === false ? undefined : CLIENT_DIST,
      log,
      trustProxy: env.TRUST_PROXY,
      rateLimits: {multiplier: env.RATE_LIMIT_MULTIPLIER},
      oidc: oidcConfigFromEnv(env),
      clientConfig: {zeroDisconnectTimeoutMs: env.CLIENT_ZERO_DISCONNECT_TIMEOUT_MS},
      sessions,
      zeroAppID: env.ZERO_APP_ID,
      zeroCacheURL: `http://${env.ZERO_HOST.includes(':') ? `[${env.ZERO_HOST}]` : env.ZERO_HOST}:${env.ZERO_PORT}`,
    };
    const app = createApp(deps);
    const server = await new Promise<Server>((resolve, reject) => {
      const s = serve({fetch: app.fetch, port: env.PORT, hostname: env.HOST}, () => resolve(s as Server));
      (s as Server).once('error', reject);
    });
    stops.push(() => new Promise(resolve => server.close(() => resolve(undefined))));
    hub?.listen(server);
    // Before the server closes: the hub's sockets would hold it open.
    stops.push(() => live.publisher.stop());
    proxyZeroWebSockets(server, {
      port: env.ZERO_PORT,
      host: env.ZERO_HOST,
      auth: deps.auth,
      sessions,
      log,
      otherPaths: hub ? [HUB_PATH] : [],
    });

    let zero: RunningZeroCache | undefined;
    if (options.zeroCache !== false) {
      const cvrDB = env.ZERO_CVR_DB ?? (embedded ? await cvrDatabase(pool, embedded) : undefined);
      const config: ZeroCacheConfig = {
        upstreamDB: databaseURL,
        dataDir,
        port: env.ZERO_PORT,
        queryURL: `http://127.0.0.1:${env.PORT}/api/zero/query`,
        mutateURL: `http://127.0.0.1:${env.PORT}/api/zero/mutate`,
        appID: env.ZERO_APP_ID,
        // [Z3] Always a password, so the inspector and /statz answer no one without it.
        adminPassword: await loadZeroAdminPassword({...env, CHORUS_DATA_DIR: dataDir}),
        listenHost: env.ZERO_LISTEN_HOST,
        pidFile: path.join(dataDir, 'zero-cache.pid'),
        numSyncWorkers: env.ZERO_NUM_SYNC_WORKERS,
        nice: env.ZERO_CACHE_NICE,
        cvrDB,
      };
      // [OP3] A crashed zero-cache is started again with backoff.
      const zeroCache = new Supervisor(
        'zero-cache',
        () => startZeroCache(config, {onLog: line => log(`[zero-cache] ${line}`)}),
        {log},
      );
      zero = await zeroCache.start();
      // Stopped first: it holds connections to the API and to Postgres.
      stops.push(() => zeroCache.stop());
    }

    return {
      url: publicURL,
      env,
      databaseURL,
      sesURL,
      zeroCacheURL: zero?.url,
      deps,
      stop,
    };
  } catch (err) {
    await stop();
    throw err;
  }
}

/** [FL1] The files store: `S3_ENDPOINT` with its keys, or the embedded s3rver at `url`. */
export const storageFor = (env: Env, url: string) =>
  new Storage({
    endpoint: url,
    region: env.S3_ENDPOINT ? env.S3_REGION : 'us-east-1',
    bucket: env.S3_BUCKET,
    accessKeyId: env.S3_ACCESS_KEY_ID ?? 'S3RVER',
    secretAccessKey: env.S3_SECRET_ACCESS_KEY ?? 'S3RVER',
  });

/** pg-boss as every process runs it: jobs of a dead worker are noticed within seconds. */
export const BOSS_OPTIONS = {
  max: 4,
  useListenNotify: true,
  superviseIntervalSeconds: 5,
  monitorIntervalSeconds: 5,
} as const;

export const mailSender = (env: Env, sesURL: string | undefined) =>
  createSesSender({region: env.AWS_REGION, endpoint: sesURL, from: env.MAIL_FROM});

export const agentWebhooksFor = (env: Env, log: (line: string) => void, observer?: JobObserver) =>
  new AgentWebhooks({
    observer,
    policy: {
      requireHttps: env.NODE_ENV === 'production',
      allowPrivate: env.AGENT_WEBHOOKS_ALLOW_PRIVATE ?? !env.DATABASE_URL,
    },
    retryDelaySeconds: env.NODE_ENV === 'test' ? 1 : undefined,
    log,
  });

/**
 * The embedded default's database for zero-cache's client view records, with
 * `synchronous_commit` off. zero-cache commits each connected client group's
 * record before it tells that client about a change, so in a busy room these
 * commits are most of Postgres's work, and waiting for each one's WAL flush
 * delays every delivery. A crash can lose the last moments of these records,
 * never data: a client whose record went back in time is re-synced from
 * scratch by zero-cache. Messages and everything else stay fully durable.
 */
async function cvrDatabase(pool: pg.Pool, embedded: EmbeddedPg): Promise<string> {
  const name = 'chorus_zero_cvr';
  const {rowCount} = await pool.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
  if (!rowCount) await pool.query(`CREATE DATABASE ${name}`);
  await pool.query(`ALTER DATABASE ${name} SET synchronous_commit = off`);
  const cvr = new pg.Client({connectionString: embedded.url(name)});
  await cvr.connect();
  try {
    // zero-cache updates a client group's queries with `UPDATE queries … FROM
    // json_to_recordset($1)`. Planned for the function's default estimate of
    // 100 rows, that is a hash join over a sequential scan of every connected
    // client's queries, so each flush cost grew with the number of clients
    // (0.6 ms at 200). Its batches are a handful of rows: estimated as such,
    // the update is an index lookup. This database is zero-cache's alone.
    await cvr.query('ALTER FUNCTION pg_catalog.json_to_recordset(json) ROWS 1');
  } finally {
    await cvr.end();
  }
  return embedded.url(name);
}
