import {escapeIdentifier, type PoolClient} from 'pg';
import type {Migration} from './migrate.ts';

type Recorded = {version: number; name: string};

/**
 * Makes sure `public.schema_migrations` is the one record of what has been
 * applied before migrate() trusts it. Applying migrations again next to data
 * kept elsewhere would start Chorus on empty tables, as if every message were
 * lost, so whatever cannot be explained stops the start with what to do:
 *
 * - Chorus's tables are in public but the record is not: refuse.
 * - Another schema has a record (same columns as ours) naming a migration that
 *   public's has not: Chorus's tables may have been created there; refuse.
 * - Another schema has a record that only repeats public's: the stray copy
 *   issue #13 left behind, removed by {@link removeStrayCopy}.
 *
 * Tables called `schema_migrations` with other columns belong to other tools
 * (Rails, golang-migrate) sharing the database and are left alone.
 */
export async function checkMigrationTable(
  client: PoolClient,
  migrations: Migration[],
  log: (line: string) => void,
): Promise<void> {
  const {rows} = await client.query<{schema: string}>(
    `SELECT n.nspname AS schema
       FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
      WHERE c.relname = 'schema_migrations' AND c.relkind IN ('r', 'p')
        AND ARRAY(SELECT attname::text FROM pg_attribute
                   WHERE attrelid = c.oid AND attnum > 0 AND NOT attisdropped ORDER BY attname)
            = ARRAY['applied_at', 'name', 'version']
      ORDER BY n.nspname`,
  );
  const elsewhere = rows.map(r => r.schema).filter(s => s !== 'public');
  const inPublic = rows.length > elsewhere.length;
  if (!inPublic && (await hasTable(client, 'public', 'users'))) {
    const moved = elsewhere[0] && escapeIdentifier(elsewhere[0]);
    throw new Error(
      "Chorus's tables are in schema public but its record of applied migrations, " +
        'public.schema_migrations, is missing' +
        (moved ? ` (there is one in schema ${moved})` : '') +
        ', so Chorus cannot tell which migrations have run and will not start. ' +
        (moved
          ? `If ${moved}.schema_migrations is Chorus's, move it back (ALTER TABLE ${moved}.schema_migrations SET SCHEMA public); otherwise restore`
          : 'Restore') +
        ' public.schema_migrations from a backup of this database, then start again.',
    );
  }
  const done = inPublic ? await recorded(client, 'public') : [];
  for (const schema of elsewhere) await removeStrayCopy(client, schema, done, migrations, log);
}

/**
 * Before issue #13 was fixed, a second start ran the migrations with the
 * default search_path, in which the `chorus` role's own schema (the one
 * zero-cache creates for its app id) comes first. It created
 * `chorus.schema_migrations` and applied 001 there (empty copies of the core
 * tables and a trigger function) before 002 failed on the existing
 * publication, and stopped. Nothing was ever written to those copies.
 *
 * They are dropped rather than ignored: they come first on the `chorus` role's
 * default search_path, so psql or a backup script connecting as that role
 * would read them and find no users and no messages at all. Only what the
 * recorded migrations create (by name), that public also has, and only while
 * empty; anything else refuses, so no row is ever dropped. One transaction.
 */
async function removeStrayCopy(
  client: PoolClient,
  schema: string,
  done: Recorded[],
  migrations: Migration[],
  log: (line: string) => void,
): Promise<void> {
  const q = escapeIdentifier(schema);
  const refuse = (why: string) =>
    new Error(
      `Schema ${q} has its own schema_migrations table besides public's: ${why}, so Chorus's ` +
        `tables may have been created in ${q} instead of public, and Chorus will not start. ` +
        `Find where your data is (compare SELECT count(*) FROM ${q}.messages with public.messages). ` +
        `If it is in ${q}, move those tables to public (ALTER TABLE ${q}.<table> SET SCHEMA public) ` +
        `with public.schema_migrations matching them; if ${q}'s copies hold nothing you need, ` +
        `drop them and ${q}.schema_migrations. Then start again.`,
    );
  const same = (a: Recorded) => (b: Recorded) => a.version === b.version && a.name === b.name;
  const copied = await recorded(client, schema);
  const unknown = copied.filter(r => !done.some(same(r)) || !migrations.some(same(r)));
  if (unknown.length) throw refuse(`it records ${unknown.map(r => r.name).join(', ')}, public's does not`);

  const replayed = migrations.filter(m => copied.some(same(m)));
  const tables: string[] = [];
  for (const table of createdNames(replayed, 'TABLE')) {
    if (!(await hasTable(client, schema, table)) || !(await hasTable(client, 'public', table))) continue;
    const {rows} = await client.query<{any: boolean}>(
      `SELECT EXISTS (SELECT 1 FROM ${q}.${escapeIdentifier(table)}) AS any`,
    );
    if (rows[0]?.any) throw refuse(`${q}.${escapeIdentifier(table)} holds rows`);
    tables.push(`${q}.${escapeIdentifier(table)}`);
  }
  const {rows: functions} = await client.query<{signature: string}>(
    `SELECT format('%I.%I(%s)', n.nspname, p.proname, pg_get_function_identity_arguments(p.oid)) AS signature
       FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace
      WHERE n.nspname = $1 AND p.proname = ANY($2)
        AND EXISTS (SELECT 1 FROM pg_proc o WHERE o.pronamespace = 'public'::regnamespace AND o.proname = p.proname)`,
    [schema, createdNames(replayed, 'FUNCTION')],
  );

  await client.query('BEGIN');
  try {
    // Tables first: their triggers use the functions.
    await client.query(`DROP TABLE ${[...tables, `${q}.schema_migrations`].join(', ')}`);
    for (const f of functions) await client.query(`DROP FUNCTION ${f.signature}`);
    await client.query('COMMIT');
  } catch (err) {
    await client.query('ROLLBACK');
    throw refuse(`removing its stray copies failed (${(err as Error).message})`);
  }
  const what = [...tables, ...functions.map(f => f.signature)];
  log(
    `migrations: removed the stray record of ${copied.map(r => r.name).join(', ') || 'nothing'} in schema ${q}` +
      (what.length ? ` and its empty copies ${what.join(', ')}` : '') +
      ', left by an earlier start that ran migrations outside public (issue #13); the data in public is untouched',
  );
}

/** The unqualified names a migration creates with `CREATE [OR REPLACE] TABLE|FUNCTION name`. */
function createdNames(migrations: Migration[], kind: 'TABLE' | 'FUNCTION'): string[] {
  const pattern = new RegExp(
    String.raw`\bCREATE\s+(?:OR\s+REPLACE\s+)?${kind}\s+(?:IF\s+NOT\s+EXISTS\s+)?([a-z_][a-z0-9_]*)\s*\(`,
    'gi',
  );
  return [
    ...new Set(
      migrations.flatMap(m => [...m.sql.matchAll(pattern)].map(match => (match[1] ?? '').toLowerCase())),
    ),
  ];
}

async function hasTable(client: PoolClient, schema: string, table: string): Promise<boolean> {
  const {rows} = await client.query<{found: boolean}>(
    `SELECT EXISTS (SELECT 1 FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
                     WHERE n.nspname = $1 AND c.relname = $2 AND c.relkind IN ('r', 'p')) AS found`,
    [schema, table],
  );
  return rows[0]?.found ?? false;
}

async function recorded(client: PoolClient, schema: string): Promise<Recorded[]> {
  const {rows} = await client.query<Recorded>(
    `SELECT version, name FROM ${escapeIdentifier(schema)}.schema_migrations ORDER BY version`,
  );
  return rows;
}
