import type {Pool} from 'pg';
import type {PgBoss} from 'pg-boss';
import type {Env} from '../config.ts';
import {runJob, withOrigin, type JobObserver} from '../jobs/observe.ts';
import {clamdScanner, type Scanner} from './clamd.ts';
import type {Storage} from './storage.ts';

export const SCAN_QUEUE = 'file.scan';

/** [FL7] The configured virus scanner (`CLAMAV_HOST`, `CLAMAV_PORT`), or undefined: files are ready once checked. */
export function scannerFromEnv(env: Pick<Env, 'CLAMAV_HOST' | 'CLAMAV_PORT'>): Scanner | undefined {
  return env.CLAMAV_HOST ? clamdScanner({host: env.CLAMAV_HOST, port: env.CLAMAV_PORT}) : undefined;
}

/**
 * [FL7] Scans one completed file: clean makes it `ready` (and downloadable);
 * infected deletes its object first, then marks the row `infected` with what
 * was found. A file no longer `scanning` (scanned already, or deleted) is left
 * alone. A scanner that fails throws: the file stays `scanning`, never
 * downloadable, and the job is tried again.
 */
export async function scanFile(
  pool: Pool,
  storage: Storage,
  scanner: Scanner,
  fileID: string,
): Promise<'clean' | 'infected' | 'skipped'> {
  const {rows} = await pool.query<{s3_key: string; status: string}>(
    'SELECT s3_key, status FROM public.files WHERE id = $1',
    [fileID],
  );
  const file = rows[0];
  if (file?.status !== 'scanning') return 'skipped';
  const verdict = await scanner(storage.stream(file.s3_key));
  if (verdict.clean) {
    await pool.query(
      `UPDATE public.files SET status = 'ready', scanned_at = now() WHERE id = $1 AND status = 'scanning'`,
      [fileID],
    );
    return 'clean';
  }
  // The object goes before the row says so: a failed delete leaves the file `scanning`, to be tried again.
  await storage.delete(file.s3_key);
  await pool.query(
    `UPDATE public.files SET status = 'infected', scanned_at = now(), scan_finding = $2
      WHERE id = $1 AND status = 'scanning'`,
    [fileID, verdict.finding.slice(0, 200)],
  );
  return 'infected';
}

/**
 * The scan queue; its worker runs here when `work`, and a clean file is
 * handed to `onClean` (its thumbnail). Returns what queues a file's scan.
 */
export async function startScans(
  boss: PgBoss,
  pool: Pool,
  storage: Storage,
  scanner: Scanner,
  options: {
    work: boolean;
    onClean?: (fileID: string) => Promise<void>;
    log?: (line: string) => void;
    observer?: JobObserver | undefined;
  },
): Promise<(fileID: string) => Promise<void>> {
  // A clamd being restarted or updating its signatures is down for a while: keep trying for about an hour.
  await boss.createQueue(SCAN_QUEUE, {retryLimit: 10, retryDelay: 5, retryBackoff: true, notify: true});
  if (options.work) {
    await boss.work<{fileID: string}>(
      SCAN_QUEUE,
      {pollingIntervalSeconds: 0.5, notifyPollingIntervalSeconds: 2, batchSize: 1},
      async ([job]) => {
        if (!job) return;
        const {fileID} = job.data;
        await runJob(options.observer, SCAN_QUEUE, job, async () => {
          try {
            const outcome = await scanFile(pool, storage, scanner, fileID);
            if (outcome === 'infected') options.log?.(`scan ${fileID}: infected, deleted`);
            if (outcome === 'clean') await options.onClean?.(fileID);
          } catch (err) {
            options.log?.(`scan ${fileID}: ${String(err)}`);
            throw err;
          }
        });
      },
    );
  }
  return async fileID => {
    await boss.send(SCAN_QUEUE, withOrigin({fileID}, options.observer?.tracing));
  };
}
