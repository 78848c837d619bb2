import {randomUUID} from 'node:crypto';
import {queries, schema, type AuthContext} from '@chorus/schema';
import {Zero} from '@rocicorp/zero';
import type {BenchContext} from '../lib/context.ts';
import {seedMessages, seedRooms, seedServer, seedUsers} from '../lib/seed.ts';
import {now, round, sleep, summarize, type Summary} from '../lib/stats.ts';

export type RoomOpenResult = {
  messages: number;
  /** ms from COMMIT of the seed to zero-cache serving the newest seeded message. */
  replicationMs: number;
  cold: {rows: Summary | undefined; complete: Summary | undefined};
  reopen: {rows: Summary | undefined; complete: Summary | undefined};
  returning: {rows: Summary | undefined; complete: Summary | undefined};
};

/** Polls through a throwaway client until zero-cache serves `roomID`'s newest message `newestID`. */
export async function waitForReplica(ctx: BenchContext, userID: string, roomID: string, count: number) {
  const zero = new Zero({
    schema,
    userID,
    auth: await ctx.stack.token(userID),
    context: {userID, emailVerified: true, replica: true} as AuthContext | undefined,
    cacheURL: ctx.stack.zeroCacheURL,
    kvStore: 'mem',
    logLevel: 'error',
  });
  try {
    const start = now();
    for (let i = 0; i < 1200; i++) {
      const rows = await zero.run(queries.roomMessages({roomID, limit: 1}), {type: 'complete'});
      if (rows[0]?.content.startsWith(`Message number ${count} `)) return now() - start;
      await sleep(100);
    }
    throw new Error('zero-cache never served the seeded messages');
  } finally {
    await zero.close();
  }
}

/**
 * [3] A room with 100,000 messages in Postgres (seeded by SQL). Cold: a new
 * client (empty store) asks for the latest 50 and waits for `complete`.
 * Reopen: the same client opens the room again. Returning: a new client on
 * the store a previous client left behind (a reload with IndexedDB).
 */
export async function roomOpen(ctx: BenchContext, options: {messages: number; repeat: number}) {
  const {stack} = ctx;
  const [writer, reader] = await seedUsers(stack.pool, 2, 'open');
  const serverID = await seedServer(stack.pool, [writer!, reader!], {name: 'Archive'});
  const [roomID] = await seedRooms(stack.pool, serverID, 1, 'archive');
  ctx.log(`  seeding ${options.messages} messages…`);
  await seedMessages(stack.pool, roomID!, writer!, options.messages);
  const replicationMs = await waitForReplica(ctx, reader!, roomID!, options.messages);
  await stack.settle();

  const worker = ctx.load.receivers[0]!;
  const token = await stack.token(reader!);
  type Timing = {rowsMs: number; completeMs: number};
  const samples = {cold: [] as Timing[], reopen: [] as Timing[], returning: [] as Timing[]};
  for (let i = 0; i < options.repeat; i++) {
    const base = {
      userID: reader,
      token,
      roomID,
      cacheURL: stack.zeroCacheURL,
      storageKey: randomUUID(),
      limit: 50,
    };
    samples.cold.push(await worker.call<Timing>('openRoom', {...base, mode: 'cold'}));
    // Let the store persist what it received before the next client reads it.
    await sleep(1500);
    samples.reopen.push(await worker.call<Timing>('openRoom', {...base, mode: 'reopen'}));
    await sleep(200);
    samples.returning.push(await worker.call<Timing>('openRoom', {...base, mode: 'returning'}));
  }
  await ctx.load.closeClients();
  const sum = (list: Timing[]) => ({
    rows: summarize(list.map(s => s.rowsMs)),
    complete: summarize(list.map(s => s.completeMs)),
  });
  return {
    messages: options.messages,
    replicationMs: round(replicationMs),
    cold: sum(samples.cold),
    reopen: sum(samples.reopen),
    returning: sum(samples.returning),
  } satisfies RoomOpenResult;
}
