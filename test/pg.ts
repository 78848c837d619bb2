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
  // As in api/src/stack.ts: Chorus's tables are in public, never in a schema named after the role.
  const pool = new pg.Pool({connectionString: url, max: 10, options: '-c search_path=public'});
  await migrate(pool);
  return {
    pool,
    url,
    drop: async () => {
      await pool.end();
      const a = new pg.Client({connectionString: adminURL});
      await a.connect();
      // pool.end() resolves before its connections have said goodbye; FORCE
      // would kill them mid-way and their 'error' event would go unhandled.
      for (let i = 0; i < 100; i++) {
        const {rows} = await a.query<{n: number}>(
          'SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = $1',
          [name],
        );
        if (rows[0]?.n === 0) break;
        await new Promise(resolve => setTimeout(resolve, 20));
      }
      await a.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await a.end();
    },
  };
}
