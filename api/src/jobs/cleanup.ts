import type {Pool} from 'pg';
import type {PgBoss} from 'pg-boss';
import {loginThrottleRule} from '../auth/limits.ts';
import {removeForgottenFailures} from '../auth/login-throttle.ts';
import {cleanFiles} from '../files/cleanup.ts';
import {removeEndedWindows} from '../http/rate-windows.ts';
import type {Storage} from '../files/storage.ts';
import {runJob, type JobObserver} from './observe.ts';

export const CLEANUP_QUEUE = 'maintenance.cleanup';

export type CleanupOptions = {
  /** Audit rows (`ai_agent_logs`) older than this go. */
  auditRetentionDays: number;
  /** Delivered webhook deliveries older than this go (failed ones stay for their owner). */
  deliveredRetentionDays?: number;
};

/**
 * [OP10] Removes what has served its time, in one pass:
 * - sessions that ended (signed out or expired) more than 2 days ago, with
 *   their refresh tokens. Not sooner: a token whose session row is gone is
 *   let through (`sessionEnded`), so a row may go only once every access
 *   token it issued has expired (their lifetime is at most a day);
 * - email tokens expired or used more than a day ago;
 * - rate-limit windows that have ended (every limit's, agents' too), and
 *   failed sign-ins forgotten by now (a day without another);
 * - agents' audit rows past the retention, and delivered webhook deliveries
 *   past theirs.
 * Returns how many rows of each went.
 */
export async function cleanUp(pool: Pool, options: CleanupOptions): Promise<Record<string, number>> {
  const run = async (sql: string, params: unknown[] = []) => (await pool.query(sql, params)).rowCount ?? 0;
  return {
    sessions: await run(
      `DELETE FROM public.auth_sessions
        WHERE coalesce(revoked_at, expires_at) < now() - interval '2 days' AND (revoked_at IS NOT NULL OR expires_at < now())`,
    ),
    emailTokens: await run(
      `DELETE FROM public.email_tokens WHERE coalesce(used_at, expires_at) < now() - interval '1 day'`,
    ),
    auditRows: await run(
      `DELETE FROM public.ai_agent_logs WHERE "timestamp" < now() - make_interval(days => $1)`,
      [options.auditRetentionDays],
    ),
    rateWindows: await removeEndedWindows(pool),
    loginFailures: await removeForgottenFailures(pool, loginThrottleRule.forgetSeconds),
    deliveries: await run(
      `DELETE FROM public.agent_webhook_deliveries
        WHERE status = 'delivered' AND created_at < now() - make_interval(days => $1)`,
      [options.deliveredRetentionDays ?? 30],
    ),
  };
}

/** Runs `cleanUp` every hour (a pg-boss schedule: one run however many processes), here when `work`. */
export async function scheduleCleanup(
  boss: PgBoss,
  pool: Pool,
  options: CleanupOptions & {
    work: boolean;
    storage?: Storage | undefined;
    log?: (line: string) => void;
    observer?: JobObserver | undefined;
  },
): Promise<void> {
  await boss.createQueue(CLEANUP_QUEUE, {retryLimit: 2, expireInSeconds: 600});
  await boss.schedule(CLEANUP_QUEUE, '23 * * * *');
  if (!options.work) return;
  await boss.work(CLEANUP_QUEUE, {pollingIntervalSeconds: 30}, async ([job]) => {
    if (!job) return;
    await runJob(options.observer, CLEANUP_QUEUE, job, async () => {
      const removed = await cleanUp(pool, options);
      // [FL6] Orphaned uploads and the files of long-deleted messages.
      if (options.storage) removed.files = await cleanFiles(pool, options.storage);
      const total = Object.values(removed).reduce((a, b) => a + b, 0);
      if (total) options.log?.(`cleanup: removed ${JSON.stringify(removed)}`);
    });
  });
}
