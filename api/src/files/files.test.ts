import {mkdtemp, rm} from 'node:fs/promises';
import {tmpdir} from 'node:os';
import path from 'node:path';
import {randomUUID} from 'node:crypto';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {freePort} from '../../../test/ports.ts';
import {restHarness, type Who} from '../../../test/rest-harness.ts';
import sharp from 'sharp';
import {createApp} from '../app.ts';
import {startLocalS3, Storage} from './storage.ts';
import {makeThumbnail} from './thumbnails.ts';
import {cleanFiles} from './cleanup.ts';

// Files against the embedded S3 (s3rver), SPEC FL1–FL4: the whole flow, an
// expired URL, oversize, a spoofed type, downloads only for readers.

const h = restHarness();
let s3: {url: string; close: () => Promise<void>};
let dir: string;

// A 1×1 PNG, and the start of a Windows program.
const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==',
  'base64',
);
const EXE = Buffer.concat([Buffer.from('MZ'), Buffer.alloc(62), Buffer.from('PE\0\0'), Buffer.alloc(200)]);
EXE.writeUInt32LE(64, 0x3c);

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'chorus-s3-'));
  s3 = await startLocalS3({port: await freePort(), directory: dir, bucket: 'chorus'});
  h.deps.storage = new Storage({
    endpoint: s3.url,
    region: 'us-east-1',
    bucket: 'chorus',
    accessKeyId: 'S3RVER',
    secretAccessKey: 'S3RVER',
  });
  h.deps.fileLimits = {maxBytes: 1024 * 1024, perMessage: 2, dailyBytes: 3 * 1024 * 1024};
});
afterAll(async () => {
  await s3.close();
  await rm(dir, {recursive: true, force: true});
});

async function upload(
  who: Who,
  roomId: string,
  name: string,
  body: Buffer,
  mimeType: string,
  declared = body.length,
) {
  const asked = await h.call(who, 'POST', '/files/upload/request', {
    fileName: name,
    fileSize: declared,
    mimeType,
    roomId,
  });
  expect(asked.status, JSON.stringify(asked.json)).toBe(201);
  const put = await fetch(asked.json.url, {
    method: 'PUT',
    headers: asked.json.headers,
    body: new Uint8Array(body),
  });
  expect(put.status).toBe(200);
  return asked.json.uploadId as string;
}

async function messageIn(who: Who, roomId: string) {
  const res = await h.call(who, 'POST', '/messages', {id: randomUUID(), roomId, content: 'see attached'});
  expect(res.status).toBe(201);
  return res.json.id as string;
}

describe('[FL1][FL3][FL4] files', () => {
  it('request, PUT straight to storage, complete, then download by a reader (302 to a short-lived URL)', async () => {
    const {owner, member, stranger, server} = await h.community();
    const uploadId = await upload(member, server.generalRoomID, 'dot "1".png', PNG, 'image/png');
    const messageId = await messageIn(member, server.generalRoomID);
    const done = await h.call(member, 'POST', '/files/upload/complete', {uploadId, messageId});
    expect(done.json).toMatchObject({
      id: uploadId,
      messageId,
      mimeType: 'image/png',
      status: 'ready',
      fileSize: PNG.length,
    });

    const res = await h.app.request(`/api/v1/files/${uploadId}/download`, {
      headers: {authorization: `Bearer ${owner.token}`},
    });
    expect(res.status).toBe(302);
    const location = res.headers.get('location')!;
    expect(location).toContain('X-Amz-Expires=300');
    const file = await fetch(location);
    expect(Buffer.from(await file.arrayBuffer())).toEqual(PNG);
    expect(file.headers.get('content-disposition')).toContain(`filename="dot _1_.png"`);
    // [FL4] A page asks for the same URL as JSON (an <img> cannot send the token).
    const asJSON = await h.app.request(`/api/v1/files/${uploadId}/download`, {
      headers: {authorization: `Bearer ${owner.token}`, accept: 'application/json'},
    });
    expect(asJSON.status).toBe(200);
    const {url} = (await asJSON.json()) as {url: string};
    expect(Buffer.from(await (await fetch(url)).arrayBuffer())).toEqual(PNG);
    // The page may PUT to storage and show what it holds: its origin is in the CSP
    // (of an app made with storage; the harness's was made before it started).
    const page = await createApp(h.deps).request('/api/v1/health');
    const csp = page.headers.get('content-security-policy')!;
    expect(csp).toMatch(new RegExp(`connect-src [^;]*${s3.url}`));
    expect(csp).toMatch(new RegExp(`media-src [^;]*${s3.url}`));
    // A stranger gets what a missing file gets.
    const theirs = await h.call(stranger, 'GET', `/files/${uploadId}/download`);
    const missing = await h.call(stranger, 'GET', `/files/${randomUUID()}/download`);
    h.expectProblem(theirs, 404);
    expect(theirs.json).toEqual(missing.json);
    // Completing again is the same answer; someone else's upload is not theirs to complete.
    expect((await h.call(member, 'POST', '/files/upload/complete', {uploadId, messageId})).status).toBe(200);
    h.expectProblem(
      await h.call(owner, 'POST', '/files/upload/complete', {uploadId, messageId}),
      404,
      'uploadId',
    );
  });

  it('refuses oversize (announced or real), a program named .png, a spoofed image, and a room one cannot write in', async () => {
    const {member, stranger, server} = await h.community();
    h.expectProblem(
      await h.call(member, 'POST', '/files/upload/request', {
        fileName: 'big.bin',
        fileSize: 2 * 1024 * 1024,
        mimeType: 'application/octet-stream',
        roomId: server.generalRoomID,
      }),
      413,
      'fileSize',
    );
    h.expectProblem(
      await h.call(stranger, 'POST', '/files/upload/request', {
        fileName: 'x.png',
        fileSize: 10,
        mimeType: 'image/png',
        roomId: server.generalRoomID,
      }),
      404,
    );
    h.expectProblem(
      await h.call(member, 'POST', '/files/upload/request', {
        fileName: 'run.exe',
        fileSize: 10,
        mimeType: 'application/x-msdownload',
        roomId: server.generalRoomID,
      }),
      415,
      'mimeType',
    );
    // A program called a PNG: refused when completed, and gone from storage.
    const exe = await upload(member, server.generalRoomID, 'cat.png', EXE, 'image/png');
    const messageId = await messageIn(member, server.generalRoomID);
    h.expectProblem(
      await h.call(member, 'POST', '/files/upload/complete', {uploadId: exe, messageId}),
      415,
      'uploadId',
    );
    expect(await h.deps.storage!.size(`files/${exe}`)).toBeUndefined();
    // Text that says it is an image.
    const fake = await upload(
      member,
      server.generalRoomID,
      'fake.png',
      Buffer.from('just text'),
      'image/png',
    );
    h.expectProblem(await h.call(member, 'POST', '/files/upload/complete', {uploadId: fake, messageId}), 415);
    // More bytes arrived than were announced (the local store does not enforce the signed length).
    const liar = await upload(
      member,
      server.generalRoomID,
      'a.txt',
      Buffer.from('0123456789'),
      'text/plain',
      4,
    );
    h.expectProblem(await h.call(member, 'POST', '/files/upload/complete', {uploadId: liar, messageId}), 413);
    const {rows} = await h.pool.query('SELECT status FROM files WHERE id = ANY($1::uuid[])', [
      [exe, fake, liar],
    ]);
    expect(rows.map(r => r.status)).toEqual(['rejected', 'rejected', 'rejected']);
  });

  it('an expired upload URL is refused by the store; a message carries at most its limit of files', async () => {
    const {member, server} = await h.community();
    const asked = await h.call(member, 'POST', '/files/upload/request', {
      fileName: 'late.txt',
      fileSize: 4,
      mimeType: 'text/plain',
      roomId: server.generalRoomID,
    });
    // The same URL, its expiry moved into the past (s3rver checks expiry, not signatures).
    const url = new URL(asked.json.url);
    url.searchParams.set('X-Amz-Date', '20200101T000000Z');
    const late = await fetch(url, {method: 'PUT', headers: asked.json.headers, body: 'late'});
    expect(late.status).toBe(403);

    const messageId = await messageIn(member, server.generalRoomID);
    for (let i = 0; i < 2; i++) {
      const id = await upload(member, server.generalRoomID, `n${i}.txt`, Buffer.from('note'), 'text/plain');
      expect((await h.call(member, 'POST', '/files/upload/complete', {uploadId: id, messageId})).status).toBe(
        200,
      );
    }
    const third = await upload(member, server.generalRoomID, 'n3.txt', Buffer.from('note'), 'text/plain');
    h.expectProblem(
      await h.call(member, 'POST', '/files/upload/complete', {uploadId: third, messageId}),
      409,
      'messageId',
    );
  });

  it('keeps a daily quota per person', async () => {
    const {member, server} = await h.community();
    const ask = () =>
      h.call(member, 'POST', '/files/upload/request', {
        fileName: 'chunk.bin',
        fileSize: 1024 * 1024,
        mimeType: 'application/octet-stream',
        roomId: server.generalRoomID,
      });
    for (let i = 0; i < 3; i++) expect((await ask()).status).toBe(201);
    const over = await ask();
    h.expectProblem(over, 429);
    expect(over.headers.get('retry-after')).toBe('3600');
  });

  it('[FL5] an image gets a WebP thumbnail beside it, oriented, sized, and stripped of its EXIF', async () => {
    const {member, owner, server} = await h.community();
    const ready: string[] = [];
    h.deps.onFileReady = async id => void ready.push(id);
    try {
      const photo = await sharp({create: {width: 1200, height: 800, channels: 3, background: '#3366aa'}})
        .jpeg()
        .withExif({IFD0: {Make: 'Chorus Test Camera', Copyright: 'secret place'}})
        .toBuffer();
      expect((await sharp(photo).metadata()).exif).toBeDefined();
      const uploadId = await upload(member, server.generalRoomID, 'photo.jpg', photo, 'image/jpeg');
      const messageId = await messageIn(member, server.generalRoomID);
      expect((await h.call(member, 'POST', '/files/upload/complete', {uploadId, messageId})).status).toBe(
        200,
      );
      expect(ready).toEqual([uploadId]);

      expect(await makeThumbnail(h.pool, h.deps.storage!, uploadId)).toBe(true);
      const {rows} = await h.pool.query(
        'SELECT thumbnail_s3_key, thumbnail_width, thumbnail_height FROM files WHERE id = $1',
        [uploadId],
      );
      expect(rows[0]).toEqual({
        thumbnail_s3_key: `thumbs/${uploadId}.webp`,
        thumbnail_width: 480,
        thumbnail_height: 320,
      });
      const res = await h.app.request(`/api/v1/files/${uploadId}/download?thumbnail=1`, {
        headers: {authorization: `Bearer ${owner.token}`},
      });
      const thumb = Buffer.from(await (await fetch(res.headers.get('location')!)).arrayBuffer());
      const meta = await sharp(thumb).metadata();
      expect(meta).toMatchObject({format: 'webp', width: 480, height: 320});
      expect(meta.exif).toBeUndefined();
      expect(thumb.includes(Buffer.from('secret place'))).toBe(false);
      // Not an image: no thumbnail.
      const text = await upload(member, server.generalRoomID, 'a.txt', Buffer.from('words'), 'text/plain');
      await h.call(member, 'POST', '/files/upload/complete', {uploadId: text, messageId});
      expect(await makeThumbnail(h.pool, h.deps.storage!, text)).toBe(false);
    } finally {
      h.deps.onFileReady = undefined;
    }
  });

  it('[FL6] cleanup removes uploads never completed within an hour and the files of long-deleted messages, objects first', async () => {
    const {member, server} = await h.community();
    const orphan = await upload(
      member,
      server.generalRoomID,
      'orphan.txt',
      Buffer.from('left'),
      'text/plain',
    );
    const fresh = await upload(member, server.generalRoomID, 'fresh.txt', Buffer.from('new'), 'text/plain');
    const kept = await upload(member, server.generalRoomID, 'kept.txt', Buffer.from('kept'), 'text/plain');
    const gone = await upload(member, server.generalRoomID, 'gone.txt', Buffer.from('gone'), 'text/plain');
    const keptMessage = await messageIn(member, server.generalRoomID);
    const goneMessage = await messageIn(member, server.generalRoomID);
    await h.call(member, 'POST', '/files/upload/complete', {uploadId: kept, messageId: keptMessage});
    await h.call(member, 'POST', '/files/upload/complete', {uploadId: gone, messageId: goneMessage});
    await h.call(member, 'DELETE', `/messages/${goneMessage}`);
    await h.pool.query(`UPDATE files SET created_at = now() - interval '2 hours' WHERE id = $1`, [orphan]);
    await h.pool.query(`UPDATE messages SET deleted_at = now() - interval '2 days' WHERE id = $1`, [
      goneMessage,
    ]);

    expect(await cleanFiles(h.pool, h.deps.storage!)).toBe(2);
    const {rows} = await h.pool.query<{id: string}>('SELECT id FROM files WHERE id = ANY($1::uuid[])', [
      [orphan, fresh, kept, gone],
    ]);
    expect(rows.map(r => r.id).sort()).toEqual([fresh, kept].sort());
    expect(await h.deps.storage!.size(`files/${orphan}`)).toBeUndefined();
    expect(await h.deps.storage!.size(`files/${gone}`)).toBeUndefined();
    expect(await h.deps.storage!.size(`files/${kept}`)).toBe(4);
  });
});
