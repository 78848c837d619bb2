import pg from 'pg';
import {PgBoss} from 'pg-boss';
import {parseEnv} from './config.ts';
import {scheduleCleanup} from './jobs/cleanup.ts';
import {startMailQueue} from './mail/queue.ts';
import {startThumbnails} from './files/thumbnails.ts';
import {agentWebhooksFor, BOSS_OPTIONS, mailSender, storageFor} from './stack.ts';

/**
 * [OP7] The job worker alone (`npm run start:worker`): sends queued mail and
 * delivers agent webhooks from Postgres (`DATABASE_URL`), as many processes
 * as needed beside API processes started with `CHORUS_WORKERS=off`. pg-boss
 * hands each job to one worker; a worker killed mid-job leaves it to be
 * taken again when its claim expires. On SIGTERM it finishes the jobs in
 * hand (or lets them go back) and exits.
 */
const env = parseEnv();
if (!env.DATABASE_URL) {
  console.error('The worker needs DATABASE_URL: the database the API uses.');
  process.exit(1);
}
const log = (line: string) => console.log(line);
const pool = new pg.Pool({connectionString: env.DATABASE_URL, max: 4, options: '-c search_path=public'});
pool.on('error', err => log(`postgres pool: ${err.message}`));
const boss = new PgBoss({connectionString: env.DATABASE_URL, ...BOSS_OPTIONS});
boss.on('error', err => log(`pg-boss: ${String(err)}`));
await boss.start();
await startMailQueue(boss, mailSender(env, env.SES_ENDPOINT), log);
const webhooks = await agentWebhooksFor(env, log).start(boss, pool);
// Files: the deployment's store, or the embedded one an API on this machine serves.
const storage = storageFor(env, env.S3_ENDPOINT ?? `http://127.0.0.1:${env.S3_LOCAL_PORT}`);
await scheduleCleanup(boss, pool, {auditRetentionDays: env.AUDIT_RETENTION_DAYS, work: true, storage, log});
await startThumbnails(boss, pool, storage, {work: true, log});
log('Chorus worker running: mail, agent webhooks, thumbnails and hourly cleanup');

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    void (async () => {
      webhooks.stop();
      await boss.stop({graceful: true, timeout: 8_000}).catch(() => {});
      await pool.end().catch(() => {});
      process.exit(0);
    })();
  });
}
