import {randomUUID} from 'node:crypto';
import sharp from 'sharp';
import type {BenchContext} from '../lib/context.ts';
import {seedRooms, seedServer, seedUsers} from '../lib/seed.ts';
import type {BenchStack} from '../lib/stack.ts';
import {now, round, sleep, summarize, type Summary} from '../lib/stats.ts';

export type FilesResult = {
  uploads: number;
  bytes: number;
  /** Each step of the round trip, ms: request → PUT → complete, and the whole. */
  request: Summary | undefined;
  put: Summary | undefined;
  complete: Summary | undefined;
  roundTrip: Summary | undefined;
  /** `complete`'s answer → the row has its thumbnail (key and size), ms: the job's queueing and sharp. */
  thumbnail: Summary | undefined;
  /** Thumbnails not there within the wait. */
  thumbnailsMissing: number;
};

export type FilesOptions = {uploads: number; thumbnailWaitMs: number};

/** A photo-like PNG (noise, stored uncompressed) of about 5 MB: 1300×1300 RGB. */
async function fiveMegabytes(): Promise<Buffer> {
  const side = 1300;
  const pixels = Buffer.alloc(side * side * 3);
  for (let i = 0; i < pixels.length; i++) pixels[i] = (i * 2654435761) >>> 24;
  return sharp(pixels, {raw: {width: side, height: side, channels: 3}})
    .png({compressionLevel: 0})
    .toBuffer();
}

/**
 * Issue 19: the upload round trip of a 5 MB image as the browser makes it
 * (request a presigned PUT, PUT to the embedded S3, complete: the API checks
 * the object's size and sniffs its type), one at a time, and how long after
 * completing its thumbnail is on the row (the pg-boss job, sharp, the
 * thumbnail stored): from there Zero syncs it like any row.
 */
export async function files(ctx: BenchContext, options: FilesOptions): Promise<FilesResult> {
  const {stack} = ctx;
  const [userID] = await seedUsers(stack.pool, 1, 'files');
  const serverID = await seedServer(stack.pool, [userID!], {name: 'files'});
  const [roomID] = await seedRooms(stack.pool, serverID, 1, 'files');
  const token = await stack.token(userID!);
  const body = await fiveMegabytes();
  const steps = {request: [] as number[], put: [] as number[], complete: [] as number[], all: [] as number[]};
  const thumbnails: number[] = [];
  let missing = 0;
  ctx.log(`  ${options.uploads} uploads of ${round(body.length / 1e6, 1)} MB`);
  for (let i = 0; i < options.uploads; i++) {
    const messageId = randomUUID();
    await call(stack, token, 'POST', '/messages', {id: messageId, roomId: roomID, content: `file ${i}`});
    const t0 = now();
    const ticket = (await call(stack, token, 'POST', '/files/upload/request', {
      fileName: `photo-${i}.png`,
      fileSize: body.length,
      mimeType: 'image/png',
      roomId: roomID,
    })) as {uploadId: string; url: string; headers: Record<string, string>};
    const t1 = now();
    const put = await fetch(ticket.url, {method: 'PUT', headers: ticket.headers, body: new Uint8Array(body)});
    if (!put.ok) throw new Error(`PUT: ${put.status}`);
    await put.arrayBuffer();
    const t2 = now();
    await call(stack, token, 'POST', '/files/upload/complete', {uploadId: ticket.uploadId, messageId});
    const t3 = now();
    steps.request.push(t1 - t0);
    steps.put.push(t2 - t1);
    steps.complete.push(t3 - t2);
    steps.all.push(t3 - t0);
    const deadline = t3 + options.thumbnailWaitMs;
    for (;;) {
      const {rows} = await stack.pool.query<{done: boolean}>(
        'SELECT thumbnail_s3_key IS NOT NULL AS done FROM files WHERE id = $1',
        [ticket.uploadId],
      );
      if (rows[0]?.done) {
        thumbnails.push(now() - t3);
        break;
      }
      if (now() > deadline) {
        missing++;
        break;
      }
      await sleep(5);
    }
  }
  const result: FilesResult = {
    uploads: options.uploads,
    bytes: body.length,
    request: summarize(steps.request),
    put: summarize(steps.put),
    complete: summarize(steps.complete),
    roundTrip: summarize(steps.all),
    thumbnail: summarize(thumbnails),
    thumbnailsMissing: missing,
  };
  ctx.log(
    `  round trip p50 ${result.roundTrip?.p50} ms (PUT ${result.put?.p50} ms); thumbnail p50 ${result.thumbnail?.p50} ms`,
  );
  return result;
}

async function call(stack: BenchStack, token: string, method: string, path: string, body?: unknown) {
  const res = await fetch(`${stack.url}/api/v1${path}`, {
    method,
    headers: {authorization: `Bearer ${token}`, 'content-type': 'application/json'},
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  if (!res.ok) throw new Error(`${method} ${path}: ${res.status} ${text}`);
  return text ? (JSON.parse(text) as unknown) : undefined;
}
