import {mkdir} from 'node:fs/promises';
import path from 'node:path';
import {z} from 'zod';
import {startZeroCache} from './index.ts';

/**
 * Runs zero-cache alone, configured by the environment (for deployments that
 * run each part separately; `npm start` launches it for you).
 */
const env = z
  .object({
    ZERO_UPSTREAM_DB: z.url(),
    CHORUS_DATA_DIR: z.string().default('.data'),
    ZERO_PORT: z.coerce.number().int().default(4848),
    API_URL: z.url().default('http://127.0.0.1:3000'),
    ZERO_APP_ID: z.string().default('chorus'),
    // Required: without it zero-cache's inspector and /statz would need no password.
    ZERO_ADMIN_PASSWORD: z.string().min(16, {
      message: 'ZERO_ADMIN_PASSWORD is required (at least 16 characters; use 32 random hex digits).',
    }),
    /** Where to listen: loopback unless the API runs on another host (docker-compose sets `::`). */
    ZERO_LISTEN_HOST: z.string().default('127.0.0.1'),
    ZERO_NUM_SYNC_WORKERS: z.coerce.number().int().min(1).optional(),
    /** CPU niceness (0–19): alone on its machine, 0; beside the API, higher lets the API go first. */
    ZERO_CACHE_NICE: z.coerce.number().int().min(0).max(19).default(0),
  })
  .parse(process.env);
await mkdir(env.CHORUS_DATA_DIR, {recursive: true, mode: 0o700});

const zero = await startZeroCache(
  {
    upstreamDB: env.ZERO_UPSTREAM_DB,
    dataDir: env.CHORUS_DATA_DIR,
    port: env.ZERO_PORT,
    queryURL: `${env.API_URL}/api/zero/query`,
    mutateURL: `${env.API_URL}/api/zero/mutate`,
    appID: env.ZERO_APP_ID,
    adminPassword: env.ZERO_ADMIN_PASSWORD,
    listenHost: env.ZERO_LISTEN_HOST,
    pidFile: path.join(env.CHORUS_DATA_DIR, 'zero-cache.pid'),
    numSyncWorkers: env.ZERO_NUM_SYNC_WORKERS,
    nice: env.ZERO_CACHE_NICE,
    logLevel: 'info',
  },
  {onLog: line => console.log(line)},
);
console.log(`zero-cache listening at ${zero.url}`);
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => void zero.stop().then(() => process.exit(0)));
}
