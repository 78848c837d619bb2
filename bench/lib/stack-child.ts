import {appendFileSync, readFileSync} from 'node:fs';
import {startStack} from '@chorus/api/stack';
import {processTree} from './procs.ts';
import {serveParent} from './ipc.ts';

/**
 * Child process: the Chorus stack exactly as `npm start` runs it (embedded
 * Postgres, migrations, local SES, pg-boss, the API serving the built client,
 * zero-cache), configured by the environment the runner passes. It runs
 * apart from the runner so that the API's CPU and memory are its own.
 */

const logFile = process.env.BENCH_STACK_LOG;
const log = (line: string) => {
  if (logFile) appendFileSync(logFile, `${new Date().toISOString()} ${line}\n`);
};

// Durable Postgres (fsync on) as `npm start` runs it, unless the runner asks for the test settings.
const stack = await startStack({
  serveClient: true,
  log,
  ephemeralPostgres: process.env.BENCH_EPHEMERAL_PG === '1',
  postgresSettings:
    process.env.BENCH_PG_STATS === '1'
      ? {shared_preload_libraries: 'pg_stat_statements', 'pg_stat_statements.track': 'all'}
      : undefined,
});

const cmdline = (pid: number) => {
  try {
    return readFileSync(`/proc/${pid}/cmdline`, 'utf8');
  } catch {
    return '';
  }
};
const zeroCachePID = processTree(process.pid).find(
  pid => pid !== process.pid && cmdline(pid).includes('@rocicorp') && cmdline(pid).includes('cli.js'),
);

serveParent(
  {
    info: () => ({
      url: stack.url,
      zeroCacheURL: stack.zeroCacheURL,
      databaseURL: stack.databaseURL,
      sesURL: stack.sesURL,
      apiPID: process.pid,
      zeroCachePID,
    }),
    memory: () => {
      const m = process.memoryUsage();
      const mb = (bytes: number) => Math.round(bytes / 104857.6) / 10;
      return {
        rssMB: mb(m.rss),
        heapUsedMB: mb(m.heapUsed),
        heapTotalMB: mb(m.heapTotal),
        externalMB: mb(m.external),
      };
    },
    stop: async () => {
      await stack.stop();
    },
  },
  {onDisconnect: () => stack.stop()},
);
