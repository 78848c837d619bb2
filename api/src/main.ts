import {startStack} from './stack.ts';

/**
 * The API alone (for deployments that run each part separately): Postgres
 * from DATABASE_URL, mail via SES_ENDPOINT or real SES, zero-cache run
 * elsewhere (`npm start -w @chorus/sync-server`).
 */
const stack = await startStack({zeroCache: false, logFormat: 'json'});
stack.deps.logger?.info(`Chorus API listening at ${stack.url}`);
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => void stack.stop().then(() => process.exit(0)));
}
