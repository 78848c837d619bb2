import type {Pool} from 'pg';
import type {Storage} from './storage.ts';

/**
 * [FL6] Files that will never be used: uploads not completed within an
 * hour, refused ones after a day, and the files of messages deleted more
 * than a day ago (the grace a deleted message's files keep). Their objects
 * (and thumbnails) go from storage first, then their rows. Returns how many.
 */
export async function cleanFiles(pool: Pool, storage: Storage): Promise<number> {
  const {rows} = await pool.query<{id: string; s3_key: string; thumbnail_s3_key: string | null}>(
    `SELECT f.id, f.s3_key, f.thumbnail_s3_key FROM public.files f
       LEFT JOIN public.messages m ON m.id = f.message_id
      WHERE (f.status = 'pending' AND f.created_at < now() - interval '1 hour')
         OR (f.status = 'rejected' AND f.created_at < now() - interval '1 day')
         OR (m.deleted_at IS NOT NULL AND m.deleted_at < now() - interval '1 day')
      LIMIT 1000`,
  );
  let removed = 0;
  for (const file of rows) {
    // An object that never arrived is fine to delete too: S3 answers a delete of nothing with success.
    await storage.delete(file.s3_key);
    if (file.thumbnail_s3_key) await storage.delete(file.thumbnail_s3_key);
    removed += (await pool.query('DELETE FROM public.files WHERE id = $1', [file.id])).rowCount ?? 0;
  }
  return removed;
}
