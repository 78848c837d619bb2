import {mkdtemp, rm} from 'node:fs/promises';
import {tmpdir} from 'node:os';
import path from 'node:path';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {testDeps} from '../../../test/deps.ts';
import {createTestDatabase, type TestDatabase} from '../../../test/pg.ts';
import {freePort} from '../../../test/ports.ts';
import {createApp} from '../app.ts';
import {startLocalS3, Storage} from '../files/storage.ts';

// [OP5] /readyz names each part the API needs and whether it answers: the
// files bucket is one of them (a real s3rver here, as R2 in production).

let db: TestDatabase;
let s3: {url: string; close: () => Promise<void>};
let dir: string;

const storageAt = (endpoint: string, bucket = 'chorus') =>
  new Storage({endpoint, region: 'us-east-1', bucket, accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER'});

beforeAll(async () => {
  db = await createTestDatabase();
  dir = await mkdtemp(path.join(tmpdir(), 'chorus-readyz-'));
  s3 = await startLocalS3({port: await freePort(), directory: dir, bucket: 'chorus'});
});
afterAll(async () => {
  await s3.close();
  await db.drop();
  await rm(dir, {recursive: true, force: true});
});

async function readyz(storage: Storage) {
  const res = await createApp(testDeps(db.pool, {storage})).request('/readyz');
  return {status: res.status, retryAfter: res.headers.get('retry-after'), body: await res.json()};
}

describe('[OP5] /readyz and the files bucket', () => {
  it('is ready when Postgres and the bucket answer', async () => {
    expect(await readyz(storageAt(s3.url))).toEqual({
      status: 200,
      retryAfter: null,
      body: {status: 'ready', postgres: 'up', storage: 'up'},
    });
  });

  it('is not ready, and says storage is down, when the store does not answer', async () => {
    const closed = `http://127.0.0.1:${await freePort()}`;
    const started = Date.now();
    expect(await readyz(storageAt(closed))).toEqual({
      status: 503,
      retryAfter: '5',
      body: {status: 'unavailable', postgres: 'up', storage: 'down'},
    });
    expect(Date.now() - started).toBeLessThan(5_000);
  });

  it('is not ready when the bucket is not there', async () => {
    const {status, body} = await readyz(storageAt(s3.url, 'no-such-bucket'));
    expect(status).toBe(503);
    expect(body.storage).toBe('down');
  });
});
