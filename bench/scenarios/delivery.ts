import {dmChannel, roomChannel} from '@chorus/schema';
import type {BenchContext} from '../lib/context.ts';
import {
  deliverySummary,
  earliest,
  lagBehind,
  slowestMessages,
  type Delivery,
  type MessageTrace,
} from '../lib/load.ts';
import {seedConversation, seedRooms, seedServer, seedUsers} from '../lib/seed.ts';
import type {Quiet} from '../lib/stack.ts';
import {round, sleep, summarize, type Summary} from '../lib/stats.ts';
import {cpuDelta} from '../lib/procs.ts';
import {typingFanOut, type TypingResult} from './typing.ts';

export type DeliveryResult = {
  profile: string;
  /** Where the messages went: a server's room, or a 1:1 direct conversation (`dm`). */
  place?: 'room' | 'dm';
  receivers: number;
  ratePerSecond: number;
  durationSeconds: number;
  baselineSeconds: number;
  /** ms from `new Zero` to every receiver query complete and its hub socket attached. */
  connect: Summary | undefined;
  /** What a person sees first: per receiver and message, the earlier of `live` and `replica`. */
  seen: Delivery;
  /** The fast lane alone: the hub's `message.created`. */
  live: Delivery;
  /** Zero: the receiver's `roomMessages` (or `conversationMessages`) view lists the row. */
  replica: Delivery;
  /** replica − seen, per receiver and message (ms): how far Zero lags behind what was shown. */
  replicaLag: Summary | undefined;
  baseline: Delivery;
  /** seen latency / baseline latency. */
  ratio: {p50: number; p99: number} | undefined;
  /** How long the row waited for zero-cache and Postgres to be quiet: after connecting, after the warm-up. */
  settled: {connected: Quiet; warmedUp: Quiet};
  /** Typing fan-out on the same receivers (when asked for). */
  typing?: TypingResult;
  /** CPU seconds per process tree while Chorus delivered (not the baseline). */
  cpuSeconds: {api: number; zeroCache: number; postgres: number; loadGenerators: number};
  /** The messages the slowest receiver saw latest, with where their time went (what the p99 is made of). */
  slowest: MessageTrace[];
  /** Postgres transactions committed per message sent (the insert, zero-cache's CVR updates, read marks). */
  pgCommitsPerMessage: number;
  /** `--pg-stats`: the statements Postgres spent most time on while Chorus delivered. */
  pgStatements?: PgStatement[];
};

export type PgStatement = {
  database: string;
  calls: number;
  totalMs: number;
  meanMs: number;
  rows: number;
  query: string;
};

/** Postgres's costliest statements since the last reset (pg_stat_statements, all databases). */
async function topStatements(ctx: BenchContext, limit = 8): Promise<PgStatement[]> {
  const {rows} = await ctx.stack.pool.query<PgStatement>(
    `SELECT d.datname AS database, s.calls::int AS calls,
            round(s.total_exec_time::numeric, 1)::float AS "totalMs",
            round((s.total_exec_time / s.calls)::numeric, 3)::float AS "meanMs",
            s.rows::int AS rows,
            left(regexp_replace(s.query, '\\s+', ' ', 'g'), 140) AS query
       FROM pg_stat_statements s JOIN pg_database d ON d.oid = s.dbid
      ORDER BY s.total_exec_time DESC LIMIT $1`,
    [limit],
  );
  return rows;
}

async function pgCommits(ctx: BenchContext): Promise<number> {
  const {rows} = await ctx.stack.pool.query<{n: string}>(
    'SELECT sum(xact_commit)::bigint AS n FROM pg_stat_database',
  );
  return Number(rows[0]?.n ?? 0);
}

/**
 * Messages sent before each row's measurement and not counted: they warm the
 * row's new pipelines and, on the first row of a run, the API's and
 * zero-cache's code, so that a row's figure does not depend on what ran before.
 */
const WARM_UP_MS = 4000;

/** Says how long a row waited for quiet, and whether it came. */
function logQuiet(ctx: BenchContext, what: string, q: Quiet) {
  const cores = `zero-cache ${q.cores.zeroCache}, Postgres ${q.cores.postgres} cores`;
  ctx.log(
    q.quiet
      ? `  ${what}: quiet after ${round(q.waitedMs / 1000, 1)} s (${cores})`
      : `  ${what}: NOT quiet after ${round(q.waitedMs / 1000, 1)} s (${cores}); measuring anyway`,
  );
}

/**
 * [1] and [7]: one sender posts `rate` messages/s into a room watched by N
 * receivers, first through Chorus (the real `message.send` mutator; each
 * receiver's materialized `roomMessages` query and its hub socket on the
 * room's live channel, issue 17), then through the baseline (Postgres
 * insert, then a `ws` broadcast) with the same N, rate and duration.
 *
 * Each row stands alone: it measures only once zero-cache and Postgres are
 * quiet (the previous row's clients gone, this row's hydrated, the warm-up
 * messages synced), and says how long that took.
 */
export async function delivery(
  ctx: BenchContext,
  options: {
    receivers: number;
    rate: number;
    durationMs: number;
    baselineMs?: number | undefined;
    /** `dm`: one receiver, in a 1:1 conversation with the sender (DM1), watching it as the DM page does. */
    place?: 'room' | 'dm';
    /** Then the sender types on the same receivers: `typing.start` at `rate`/s for `durationMs`. */
    typing?: {rate: number; durationMs: number} | undefined;
  },
): Promise<DeliveryResult> {
  const {stack, load} = ctx;
  const n = options.receivers;
  const [sender, ...people] = await seedUsers(stack.pool, n + 1, `d${n}`);
  const joinedAt = Date.now() - 60 * 60_000;
  const serverID = await seedServer(stack.pool, [sender!, ...people], {name: `Delivery ${n}`, joinedAt});
  const [roomID, baselineRoomID] = await seedRooms(stack.pool, serverID, 2);
  const dm = options.place === 'dm';
  if (dm && n !== 1) throw new Error('a DM delivery has one receiver');
  const conversationID = dm ? await seedConversation(stack.pool, sender!, people[0]!) : undefined;
  const place = conversationID ? {conversationID} : {roomID: roomID!};
  const liveChannel = conversationID ? dmChannel(conversationID) : roomChannel(serverID, roomID!);
  const tokens = await Promise.all(people.map(id => stack.token(id)));
  const senderToken = await stack.token(sender!);

  ctx.log(`  connecting ${n} receivers…`);
  const connect = await load.addReceivers(
    people.map((userID, i) => ({
      userID,
      token: tokens[i]!,
      serverID,
      roomID: roomID!,
      apiURL: stack.url,
      liveChannel,
      ...(conversationID ? {conversationID} : {}),
    })),
    {cacheURL: stack.zeroCacheURL, profile: ctx.profile},
  );
  await load.senders[0]!.call('addSenders', {
    clients: [{userID: sender, token: senderToken}],
    cacheURL: stack.zeroCacheURL,
  });
  // The sender's page is on the channel too (and types there, below).
  await load.senders[0]!.call('addTypist', {
    apiURL: stack.url,
    token: senderToken,
    channel: liveChannel,
    tabs: 2,
  });
  // Connection work (hydration, CVR writes) must be over before timing, and
  // the new pipelines warmed up by messages that are not counted.
  const connected = await stack.quiet();
  logQuiet(ctx, 'connected', connected);
  const via = ctx.send === 'rest' ? {restURL: stack.url} : {};
  await load.senders[0]!.call('send', {
    plan: [{sender: 0, ...place}],
    rate: options.rate,
    durationMs: WARM_UP_MS,
    ...via,
  });
  const warmedUp = await stack.quiet({timeoutMs: 30_000});
  logQuiet(ctx, 'warmed up', warmedUp);
  await load.clearArrivals();

  ctx.log(`  chorus: ${options.rate} msg/s for ${options.durationMs / 1000} s`);
  const before = {...stack.usage(), load: load.usage()};
  const commitsBefore = await pgCommits(ctx);
  if (ctx.pgStats) {
    await ctx.stack.pool.query('CREATE EXTENSION IF NOT EXISTS pg_stat_statements');
    await ctx.stack.pool.query('SELECT pg_stat_statements_reset()');
  }
  const sent = await load.senders[0]!.call<{sent: [string, number][]; failed: number}>('send', {
    plan: [{sender: 0, ...place}],
    rate: options.rate,
    durationMs: options.durationMs,
    ...via,
  });
  const got = await load.gather(sent.sent, n, 10_000, ['zero', 'live']);
  const after = {...stack.usage(), load: load.usage()};
  // Backends publish their counters about once a second.
  await sleep(1500);
  const commitsPerMessage = round((await pgCommits(ctx)) - commitsBefore) / Math.max(1, sent.sent.length);
  const seenBy = earliest(got.live, got.zero);
  const seen = deliverySummary(seenBy, sent, n);
  const pgStatements = ctx.pgStats ? await topStatements(ctx) : undefined;
  const typing = options.typing && (await typingFanOut(ctx, {receivers: n, ...options.typing}));
  await load.closeClients();

  ctx.log(`  baseline: same receivers and rate`);
  await load.addBaselineReceivers(
    ctx.baselineURL,
    Array.from({length: n}, () => baselineRoomID!),
  );
  await load.senders[0]!.call('addBaselineSender', {url: ctx.baselineURL});
  await sleep(500);
  await load.clearArrivals();
  const baseSent = await load.senders[0]!.call<{sent: [string, number][]; failed: number}>('baselineSend', {
    plan: [{sender: 0, roomID: baselineRoomID}],
    rate: options.rate,
    durationMs: options.baselineMs ?? options.durationMs,
    userID: sender,
  });
  const baseGot = await load.gather(baseSent.sent, n, 5_000, ['ws']);
  const baseline = deliverySummary(baseGot.ws, baseSent, n);
  await load.closeClients();

  const c = seen.latency;
  const b = baseline.latency;
  return {
    profile: ctx.profile,
    place: dm ? 'dm' : 'room',
    receivers: n,
    ratePerSecond: options.rate,
    durationSeconds: options.durationMs / 1000,
    baselineSeconds: (options.baselineMs ?? options.durationMs) / 1000,
    connect: summarize(connect),
    seen,
    live: deliverySummary(got.live, sent, n),
    replica: deliverySummary(got.zero, sent, n),
    replicaLag: summarize(lagBehind(got.zero, seenBy)),
    slowest: slowestMessages(seenBy, got.live, sent),
    baseline,
    ratio: c && b ? {p50: round(c.p50 / b.p50, 1), p99: round(c.p99 / b.p99, 1)} : undefined,
    cpuSeconds: cpuDelta(before, after),
    pgCommitsPerMessage: round(commitsPerMessage, 1),
    pgStatements,
    settled: {connected, warmedUp},
    ...(typing ? {typing} : {}),
  };
}
