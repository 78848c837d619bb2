import type {BenchContext} from '../lib/context.ts';
import {seedMessages, seedRooms, seedServer, seedUsers} from '../lib/seed.ts';
import {summarize, type Summary} from '../lib/stats.ts';
import {waitForReplica} from './room-open.ts';

export type LocalSpeedResult = {
  messages: number;
  queries: Record<string, {rows: number; ms: Summary | undefined}>;
};

/**
 * [4] A client holding a room's 10,000 messages in its local replica answers
 * `zero.run(query)` (local, the default) for the room page's latest 100, the
 * whole room, and searches that match often, rarely and never.
 */
export async function localSpeed(ctx: BenchContext, options: {messages: number; repeat: number}) {
  const {stack} = ctx;
  const [writer, reader] = await seedUsers(stack.pool, 2, 'local');
  const serverID = await seedServer(stack.pool, [writer!, reader!], {name: 'Local'});
  const [roomID] = await seedRooms(stack.pool, serverID, 1, 'local');
  await seedMessages(stack.pool, roomID!, writer!, options.messages);
  await waitForReplica(ctx, reader!, roomID!, options.messages);
  const raw = await ctx.load.receivers[0]!.call<Record<string, {ms: number[]; rows: number}>>('localSpeed', {
    client: {userID: reader, token: await stack.token(reader!), serverID, roomID},
    cacheURL: stack.zeroCacheURL,
    limit: options.messages,
    repeat: options.repeat,
    // "roadmap": one message in five; "number 4242 ": one; "zebra": none (a full scan).
    searches: ['roadmap', 'number 4242 ', 'zebra'],
  });
  await ctx.load.closeClients();
  const queries: LocalSpeedResult['queries'] = {};
  for (const [name, {ms, rows}] of Object.entries(raw)) queries[name] = {rows, ms: summarize(ms)};
  return {messages: options.messages, queries} satisfies LocalSpeedResult;
}
