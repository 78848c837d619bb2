import {createRequire} from 'node:module';
import path from 'node:path';
import {fileURLToPath, pathToFileURL} from 'node:url';
import {LogContext} from '@rocicorp/logger';

/** Where Zero's build sits (the package exports none of zero-cache's own modules). */
const zeroOut = path.resolve(path.dirname(fileURLToPath(import.meta.resolve('@rocicorp/zero'))), '../..');
const fromZero = (file: string) => import(pathToFileURL(path.join(zeroOut, file)).href);

/** The app id and shard zero-cache runs with (`ZERO_APP_ID` chorus, shard 0), as a schema name. */
export const ZERO_SHARD = 'chorus_0';

/**
 * The upstream schema zero-cache makes at initial sync (`<appID>_<shard>`:
 * `clients` with each client's last mutation id, `mutations` with mutation
 * results), made by zero-cache's own code, so the push endpoint can be driven
 * in-process without a running zero-cache.
 */
export async function createZeroShard(url: string): Promise<void> {
  const [appID = '', shardNum] = ZERO_SHARD.split('_');
  const {ensureShardSchema} = await fromZero('zero-cache/src/services/change-source/pg/schema/init.js');
  // zero-cache talks to Postgres through its own client, `postgres`.
  const postgresPath = createRequire(path.join(zeroOut, '..', 'package.json')).resolve('postgres');
  const {default: postgres} = await import(pathToFileURL(postgresPath).href);
  const sql = postgres(url, {onnotice: () => {}});
  try {
    await ensureShardSchema(new LogContext('error'), sql, {
      appID,
      shardNum: Number(shardNum),
      publications: ['chorus_zero'],
    });
  } finally {
    await sql.end();
  }
}
