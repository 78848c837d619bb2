import type {Pool} from 'pg';
import type {PgBoss} from 'pg-boss';
import sharp from 'sharp';
import {runJob, withOrigin, type JobObserver} from '../jobs/observe.ts';
import type {Storage} from './storage.ts';

export const THUMBNAIL_QUEUE = 'file.thumbnail';
/** The longest side of a thumbnail, in pixels. */
const SIZE = 480;
/** Images larger than this many pixels are not decoded (a decompression bomb). */
const MAX_PIXELS = 100_000_000;

const IMAGE = /^image\/(png|jpeg|gif|webp|avif|tiff)$/;

/**
 * [FL5] A WebP thumbnail of an image file, beside the original
 * (`thumbs/{id}.webp`): oriented by its EXIF, then stripped of every bit of
 * metadata (camera, GPS), at most 480 px on its longer side. Records its key
 * and size on the row, so clients can reserve the space before it loads.
 */
export async function makeThumbnail(pool: Pool, storage: Storage, fileID: string): Promise<boolean> {
  const {rows} = await pool.query<{s3_key: string; mime_type: string; status: string}>(
    'SELECT s3_key, mime_type, status FROM public.files WHERE id = $1',
    [fileID],
  );
  const file = rows[0];
  if (!file || file.status !== 'ready' || !IMAGE.test(file.mime_type)) return false;
  const original = await storage.read(file.s3_key);
  // `rotate()` applies the EXIF orientation; sharp writes no metadata unless asked to.
  const {data, info} = await sharp(original, {limitInputPixels: MAX_PIXELS, animated: false})
    .rotate()
    .resize({width: SIZE, height: SIZE, fit: 'inside', withoutEnlargement: true})
    .webp({quality: 78})
    .toBuffer({resolveWithObject: true});
  const key = `thumbs/${fileID}.webp`;
  await storage.put(key, data, 'image/webp');
  await pool.query(
    `UPDATE public.files SET thumbnail_s3_key = $2, thumbnail_width = $3, thumbnail_height = $4 WHERE id = $1`,
    [fileID, key, info.width, info.height],
  );
  return true;
}

/** The thumbnail queue; its worker runs here when `work`. Returns what queues a file's thumbnail. */
export async function startThumbnails(
  boss: PgBoss,
  pool: Pool,
  storage: Storage,
  options: {work: boolean; log?: (line: string) => void; observer?: JobObserver | undefined},
): Promise<(fileID: string) => Promise<void>> {
  await boss.createQueue(THUMBNAIL_QUEUE, {retryLimit: 3, retryDelay: 5, retryBackoff: true, notify: true});
  if (options.work) {
    await boss.work<{fileID: string}>(
      THUMBNAIL_QUEUE,
      {pollingIntervalSeconds: 0.5, notifyPollingIntervalSeconds: 2, batchSize: 1},
      async ([job]) => {
        if (!job) return;
        await runJob(options.observer, THUMBNAIL_QUEUE, job, async () => {
          try {
            await makeThumbnail(pool, storage, job.data.fileID);
          } catch (err) {
            options.log?.(`thumbnail ${job.data.fileID}: ${String(err)}`);
            throw err;
          }
        });
      },
    );
  }
  return async fileID => {
    await boss.send(THUMBNAIL_QUEUE, withOrigin({fileID}, options.observer?.tracing));
  };
}
