import type {Server} from 'node:http';
import {serve} from '@hono/node-server';
import {Hono} from 'hono';
import pg from 'pg';
import {PgBoss} from 'pg-boss';
import {parseEnv} from './config.ts';
import {createMetrics} from './http/metrics.ts';
import {scheduleCleanup} from './jobs/cleanup.ts';
import {JobMetrics} from './jobs/job-metrics.ts';
import type {JobObserver} from './jobs/observe.ts';
import {startMailQueue} from './mail/queue.ts';
import {startThumbnails} from './files/thumbnails.ts';
import {scannerFromEnv, startScans} from './files/scan.ts';
import {agentWebhooksFor, BOSS_OPTIONS, mailSender, storageFor} from './stack.ts';
import {createLogger, lineLog} from './telemetry/logger.ts';
import {startTracing} from './telemetry/tracing.ts';

/**
 * [OP7] The job worker alone (`npm run start:worker`): sends queued mail and
 * delivers agent webhooks from Postgres (`DATABASE_URL`), as many processes
 * as needed beside API processes started with `CHORUS_WORKERS=off`. pg-boss
 * hands each job to one worker; a worker killed mid-job leaves it to be
 * taken again when its claim expires. On SIGTERM it finishes the jobs in
 * hand (or lets them go back) and exits.
 * [OP8] With `WORKER_METRICS_PORT`, it serves its own `/metrics` (the jobs and
 * webhook attempts it ran) and `/healthz`.
 */
const env = parseEnv();
const logger = createLogger({level: env.LOG_LEVEL, format: env.LOG_FORMAT ?? 'json', name: 'worker'});
const log = lineLog(logger);
if (!env.DATABASE_URL) {
  logger.fatal('The worker needs DATABASE_URL: the database the API uses.');
  process.exit(1);
}
const tracing = await startTracing(env, 'chorus-worker');
const jobMetrics = new JobMetrics();
const observer: JobObserver = {logger, metrics: jobMetrics, tracing};
const pool = new pg.Pool({connectionString: env.DATABASE_URL, max: 4, options: '-c search_path=public'});
pool.on('error', err => log(`postgres pool: ${err.message}`));
const boss = new PgBoss({connectionString: env.DATABASE_URL, ...BOSS_OPTIONS});
boss.on('error', err => log(`pg-boss: ${String(err)}`));
await boss.start();
await startMailQueue(boss, mailSender(env, env.SES_ENDPOINT), log, observer);
const webhooks = await agentWebhooksFor(env, log, observer).start(boss, pool);
// Files: the deployment's store, or the embedded one an API on this machine serves.
const storage = storageFor(env, env.S3_ENDPOINT ?? `http://127.0.0.1:${env.S3_LOCAL_PORT}`);
await scheduleCleanup(boss, pool, {
  auditRetentionDays: env.AUDIT_RETENTION_DAYS,
  work: true,
  storage,
  log,
  observer,
});
const queueThumbnail = await startThumbnails(boss, pool, storage, {work: true, log, observer});
const scanner = scannerFromEnv(env);
if (scanner) {
  await startScans(boss, pool, storage, scanner, {work: true, onClean: queueThumbnail, log, observer});
}

let server: Server | undefined;
if (env.WORKER_METRICS_PORT) {
  const app = new Hono();
  app.get('/healthz', async c => {
    await pool.query('SELECT 1');
    return c.json({status: 'ok'});
  });
  app.route('/', createMetrics({pool, jobMetrics, metricsToken: env.METRICS_TOKEN}).routes);
  server = serve({fetch: app.fetch, port: env.WORKER_METRICS_PORT, hostname: env.HOST}) as Server;
}
log(
  `Chorus worker running: mail, agent webhooks, thumbnails${scanner ? ', virus scans' : ''} and hourly cleanup${
    env.WORKER_METRICS_PORT ? `; /metrics on port ${env.WORKER_METRICS_PORT}` : ''
  }`,
);

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    void (async () => {
      webhooks.stop();
      await boss.stop({graceful: true, timeout: 8_000}).catch(() => {});
      server?.close();
      await pool.end().catch(() => {});
      await tracing?.shutdown().catch(() => {});
      process.exit(0);
    })();
  });
}
