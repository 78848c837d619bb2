import {mkdtemp, rm} from 'node:fs/promises';
import {tmpdir} from 'node:os';
import path from 'node:path';
import type {Deps} from '@chorus/api/deps';
import {startLocalS3, Storage} from '@chorus/api/files/storage';
import {afterAll, beforeAll} from 'vitest';
import {freePort} from './ports.ts';

/**
 * The embedded S3 (s3rver) for a test file, in a directory of its own, set as
 * `deps.storage` of the harness (registered after it, so its deps exist).
 * Registers the file's beforeAll/afterAll.
 */
export function localS3(harness: {deps: Deps}) {
  let dir = '';
  let s3: {url: string; close: () => Promise<void>} | undefined;
  let storage: Storage | undefined;
  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'chorus-s3-'));
    s3 = await startLocalS3({port: await freePort(), directory: dir, bucket: 'chorus'});
    storage = new Storage({
      endpoint: s3.url,
      region: 'us-east-1',
      bucket: 'chorus',
      accessKeyId: 'S3RVER',
      secretAccessKey: 'S3RVER',
    });
    harness.deps.storage = storage;
  });
  afterAll(async () => {
    await s3?.close();
    if (dir) await rm(dir, {recursive: true, force: true});
  });
  return {
    get storage(): Storage {
      if (!storage) throw new Error('localS3: the store starts in beforeAll');
      return storage;
    },
  };
}
