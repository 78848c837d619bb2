import {mkdtemp, rm} from 'node:fs/promises';
import {tmpdir} from 'node:os';
import path from 'node:path';
import type {TestProject} from 'vitest/node';
import {startEmbeddedPostgres} from '@chorus/api/infra/postgres';
import {freePort} from './ports.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    pgAdminURL: string;
  }
}

/** One embedded Postgres for the unit run; each test file makes its own database in it. */
export default async function setup(project: TestProject) {
  const dir = await mkdtemp(path.join(tmpdir(), 'chorus-test-pg-'));
  const pg = await startEmbeddedPostgres({
    dir: path.join(dir, 'pg'),
    port: await freePort(),
    ephemeral: true,
  });
  project.provide('pgAdminURL', pg.url('postgres'));
  return async () => {
    await pg.stop();
    await rm(dir, {recursive: true, force: true});
  };
}
