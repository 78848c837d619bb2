import {defineConfig} from 'vitest/config';

// Two cores: unit files run in parallel against one embedded Postgres (a fresh
// database each); browser and sync tests start whole stacks, one at a time.
export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'unit',
          include: [
            '{schema,migrations,api,sync-server,client}/src/**/*.test.{ts,tsx}',
            'examples/**/*.test.ts',
            'deploy/**/*.test.ts',
          ],
          globalSetup: ['test/pg-global-setup.ts'],
          testTimeout: 30_000,
          hookTimeout: 60_000,
          maxWorkers: 2,
        },
      },
      {
        test: {
          name: 'e2e',
          include: ['test/e2e/**/*.test.ts'],
          testTimeout: 180_000,
          hookTimeout: 180_000,
          fileParallelism: false,
          // One retry for browser tests: a real stack and Chromium on 2 shared cores
          // occasionally miss a deadline. A retried failure still fails the run.
          retry: 1,
        },
      },
    ],
  },
});
