import {schema} from '@chorus/schema';
import type {Deps} from '@chorus/api/deps';
import {zeroNodePg} from '@rocicorp/zero/server/adapters/pg';
import type {Pool} from 'pg';
import {testAuthConfig} from './auth-config.ts';

/**
 * `createApp`'s dependencies for a test on `pool` (a database from
 * `createTestDatabase`): real Postgres and Zero, test token settings, and a
 * mailer that refuses, for routes that send no mail. `overrides` puts in what
 * a test needs besides (a real mail queue, rate limits, a log).
 */
export function testDeps(pool: Pool, overrides: Partial<Deps> = {}): Deps {
  return {
    pool,
    zqlDb: zeroNodePg(schema, pool),
    auth: testAuthConfig(),
    publicURL: 'http://chorus.test',
    mailer: {send: () => Promise.reject(new Error('these routes send no mail'))},
    ...overrides,
  };
}
