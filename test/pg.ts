import {randomBytes} from 'node:crypto';
import {migrate} from '@chorus/migrations';
import pg from 'pg';
import {inject} from 'vitest';

export type TestDatabase = {pool: pg.Pool; url: string; drop: () => Promise<void>};

/** A new database built by the real migrations, for one test file. */
export async function createTestDatabase(): Promise<TestDatabase> {
  const adminURL = inject('pgAdminURL');
  const name = `t_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({connectionString: adminURL});
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = adminURL.replace(/\/postgres$/, `/${name}`);
  const pool = new pg.Pool({connectionString: url, max: 10});
  await migrate(pool);
  return {
    pool,
    url,
    drop: async () => {
      await pool.end();
      const a = new pg.Client({connectionString: adminURL});
      await a.connect();
      await a.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await a.end();
    },
  };
}
