import {readdir, readFile} from 'node:fs/promises';
import {fileURLToPath} from 'node:url';
import type {Pool, PoolClient} from 'pg';
import {checkMigrationTable} from './migration-table.ts';

const SQL_DIR = fileURLToPath(new URL('../sql/', import.meta.url));
const FILE_PATTERN = /^(\d{3})_[a-z0-9_]+\.sql$/;
// Any fixed number: every migrator of every Chorus process takes the same lock.
const MIGRATION_LOCK_ID = 7_460_221;

export type Migration = {version: number; name: string; sql: string};

export type MigrateOptions = {
  /** The folder of numbered `.sql` files (default: `migrations/sql`). */
  dir?: string;
  /** Where to say what the runner tidied up (a stray copy left by issue #13). */
  log?: (line: string) => void;
};

/** Reads the numbered `.sql` files in `migrations/sql`, in order. */
export async function loadMigrations(dir = SQL_DIR): Promise<Migration[]> {
  const names = (await readdir(dir)).filter(n => n.endsWith('.sql')).sort();
  const migrations: Migration[] = [];
  for (const name of names) {
    const match = FILE_PATTERN.exec(name);
    if (!match?.[1]) {
      throw new Error(`Migration file name must look like 001_name.sql: ${name}`);
    }
    const version = Number(match[1]);
    if (migrations.some(m => m.version === version)) {
      throw new Error(`Two migrations share version ${version}`);
    }
    migrations.push({version, name, sql: await readFile(dir + name, 'utf8')});
  }
  return migrations;
}

/**
 * Applies every migration not yet recorded in `public.schema_migrations`, each
 * in its own transaction, under an advisory lock so that concurrent starts are
 * safe. Forward-only: there are no down migrations. Returns the names applied.
 *
 * Chorus's tables live in schema `public` whatever the connection's
 * search_path: the role is called `chorus`, and so is the schema zero-cache
 * creates for its app id, so the default `"$user", public` would otherwise
 * find no record there and replay every migration into zero-cache's schema
 * (issue #13). A record found anywhere else stops the start (see
 * {@link checkMigrationTable}).
 */
export async function migrate(pool: Pool, options: MigrateOptions = {}): Promise<string[]> {
  const migrations = await loadMigrations(options.dir);
  const client = await pool.connect();
  try {
    await client.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK_ID]);
    await checkMigrationTable(client, migrations, options.log ?? (line => console.warn(line)));
    await client.query(`CREATE TABLE IF NOT EXISTS public.schema_migrations (
      version integer PRIMARY KEY,
      name text NOT NULL,
      applied_at timestamptz NOT NULL DEFAULT now()
    )`);
    const {rows} = await client.query<{version: number}>('SELECT version FROM public.schema_migrations');
    const done = new Set(rows.map(r => r.version));
    const applied: string[] = [];
    for (const m of migrations) {
      if (done.has(m.version)) continue;
      await applyOne(client, m);
      applied.push(m.name);
    }
    return applied;
  } finally {
    await client.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK_ID]).catch(() => {});
    client.release();
  }
}

async function applyOne(client: PoolClient, m: Migration): Promise<void> {
  await client.query('BEGIN');
  try {
    // The migrations name their objects without a schema; this puts them in
    // public for this transaction only, whatever the caller's pool says.
    await client.query('SET LOCAL search_path = public');
    await client.query(m.sql);
    await client.query('INSERT INTO public.schema_migrations (version, name) VALUES ($1, $2)', [
      m.version,
      m.name,
    ]);
    await client.query('COMMIT');
  } catch (err) {
    await client.query('ROLLBACK');
    throw new Error(`Migration ${m.name} failed: ${(err as Error).message}`, {cause: err});
  }
}
