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
    ZERO_ADMIN_PASSWORD: z.string().optional(),
    ZERO_NUM_SYNC_WORKERS: z.coerce.number().int().min(1).optional(),
  })
  .parse(process.env);

const zero = await startZeroCache(
  {
    upstreamDB: env.ZERO_UPSTREAM_DB,
    dataDir: env.CHORUS_DATA_DIR,
    port: env.ZERO_PORT,
    queryURL: `${env.API_URL}/api/zero/query`,
    mutateURL: `${env.API_URL}/api/zero/mutate`,
    appID: env.ZERO_APP_ID,
    adminPassword: env.ZERO_ADMIN_PASSWORD,
    numSyncWorkers: env.ZERO_NUM_SYNC_WORKERS,
    logLevel: 'info',
  },
  {onLog: line => console.log(line)},
);
console.log(`zero-cache listening at ${zero.url}`);
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => void zero.stop().then(() => process.exit(0)));
}
