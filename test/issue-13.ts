import {loadMigrations} from '@chorus/migrations';
import type pg from 'pg';

/**
 * Leaves what a second start left before issue #13 was fixed, given a pool
 * with the `chorus` role's default search_path and zero-cache's `chorus`
 * schema present: the old runner made `schema_migrations` there outside any
 * transaction, then applied 001 and recorded it in one (empty copies of the
 * core tables, a trigger function); 002 then failed on the existing
 * publication and the start stopped.
 */
export async function leaveIssue13Copy(plain: pg.Pool): Promise<void> {
  const [core] = await loadMigrations();
  if (!core) throw new Error('no migrations');
  const client = await plain.connect();
  try {
    await client.query(`CREATE TABLE IF NOT EXISTS schema_migrations (
      version integer PRIMARY KEY, name text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now())`);
    await client.query('BEGIN');
    await client.query(core.sql);
    await client.query('INSERT INTO schema_migrations (version, name) VALUES ($1, $2)', [
      core.version,
      core.name,
    ]);
    await client.query('COMMIT');
    const {rows} = await client.query("SELECT to_regclass('chorus.users') IS NOT NULL AS copied");
    if (!rows[0]?.copied) throw new Error('the copy did not land in schema chorus: is the role `chorus`?');
  } finally {
    client.release();
  }
}
