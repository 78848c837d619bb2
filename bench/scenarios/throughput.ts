import type {BenchContext} from '../lib/context.ts';
import {deliverySummary, type Delivery} from '../lib/load.ts';
import {seedRooms, seedServer, seedUsers} from '../lib/seed.ts';
import {round, sleep} from '../lib/stats.ts';

export type ThroughputStep = {
  offeredPerSecond: number;
  /** How long the step sent for. */
  seconds: number;
  /** Messages the server accepted per second over the step. */
  acceptedPerSecond: number;
  delivery: Delivery;
  /** Highest memory seen during the step (MB): VmRSS summed over each process tree, and PSS (shared pages split). */
  rssMB: {api: number; zeroCache: number; postgres: number};
  pssMB: {zeroCache: number; postgres: number};
  /** The API's V8 heap in use at the end of the step (MB). */
  apiHeapUsedMB: number;
  /** Cores used on average during the step. */
  cores: {api: number; zeroCache: number; postgres: number; loadGenerators: number};
};

export type ThroughputResult = {
  /** The receivers' queries (see ReceiverProfile). */
  profile: string;
  rooms: number;
  receiversPerRoom: number;
  senders: number;
  stepSeconds: number;
  minDeliveries?: number | undefined;
  p99LimitMs: number;
  steps: ThroughputStep[];
  /** The highest offered rate whose p99 stayed within the limit, with nothing lost. */
  sustained: ThroughputStep | undefined;
};

const SENDERS_PER_PROCESS = 5;

/**
 * [2] 50 rooms in one server, `receiversPerRoom` people watching each room
 * (with the room page's queries), senders spread over the rooms. The rate
 * steps up until p99 delivery passes `p99LimitMs` (or messages go missing).
 */
export async function throughput(
  ctx: BenchContext,
  options: {
    rooms: number;
    receiversPerRoom: number;
    rates: number[];
    stepMs: number;
    /**
     * A step lasts long enough for this many deliveries: a p99 over fewer
     * than 100 is the maximum, and one hiccup would end the ladder.
     */
    minDeliveries?: number;
    /** Idle time between connecting the receivers and the first step. */
    quietMs?: number;
    p99LimitMs: number;
  },
): Promise<ThroughputResult> {
  const {stack, load} = ctx;
  const senderCount = SENDERS_PER_PROCESS * load.senders.length;
  const people = await seedUsers(stack.pool, options.rooms * options.receiversPerRoom + senderCount, 'tp');
  const senders = people.slice(0, senderCount);
  const receivers = people.slice(senderCount);
  const joinedAt = Date.now() - 60 * 60_000;
  const serverID = await seedServer(stack.pool, [...senders, ...receivers], {name: 'Throughput', joinedAt});
  const rooms = await seedRooms(stack.pool, serverID, options.rooms);
  const tokens = await Promise.all(receivers.map(id => stack.token(id)));

  ctx.log(`  connecting ${receivers.length} receivers…`);
  await load.addReceivers(
    receivers.map((userID, i) => ({userID, token: tokens[i]!, serverID, roomID: rooms[i % rooms.length]!})),
    {cacheURL: stack.zeroCacheURL, profile: ctx.profile},
  );
  // Each sender process drives its own senders, each over its own share of the rooms.
  const plans = await Promise.all(
    load.senders.map(async (worker, w) => {
      const mine = senders.slice(w * SENDERS_PER_PROCESS, (w + 1) * SENDERS_PER_PROCESS);
      await worker.call('addSenders', {
        clients: await Promise.all(mine.map(async userID => ({userID, token: await stack.token(userID)}))),
        cacheURL: stack.zeroCacheURL,
      });
      const myRooms = rooms.filter((_, i) => i % load.senders.length === w);
      return myRooms.map((roomID, i) => ({sender: i % SENDERS_PER_PROCESS, roomID}));
    }),
  );
  await stack.settle();
  await load.send('send', plans, 5, 2000);
  // zero-cache finishes the new client groups' work (deferred CVR row writes) in
  // the background at little CPU, so `settle` cannot see it; measured right
  // away, the first step's p50 was 120–150 ms instead of ~45.
  await sleep(options.quietMs ?? 0);
  await stack.settle(5000);
  await load.clearArrivals();

  const steps: ThroughputStep[] = [];
  for (const rate of options.rates) {
    const stepMs = Math.max(
      options.stepMs,
      Math.ceil(((options.minDeliveries ?? 0) / (rate * options.receiversPerRoom)) * 1000),
    );
    ctx.log(`  ${rate} msg/s for ${stepMs / 1000} s`);
    const before = {...stack.usage(), load: load.usage()};
    const peak = {api: 0, zeroCache: 0, postgres: 0};
    const peakPss = {zeroCache: 0, postgres: 0};
    let sampling = true;
    const sampler = (async () => {
      while (sampling) {
        const u = stack.usage();
        peak.api = Math.max(peak.api, u.api.rssMB);
        peak.zeroCache = Math.max(peak.zeroCache, u.zeroCache.rssMB);
        peak.postgres = Math.max(peak.postgres, u.postgres.rssMB);
        peakPss.zeroCache = Math.max(peakPss.zeroCache, u.zeroCache.pssMB);
        peakPss.postgres = Math.max(peakPss.postgres, u.postgres.pssMB);
        await sleep(500);
      }
    })();
    const started = Date.now();
    const sent = await load.send('send', plans, rate, stepMs);
    const got = await load.gather(sent.sent, options.receiversPerRoom, 5000);
    sampling = false;
    await sampler;
    const elapsed = (Date.now() - started) / 1000;
    const after = {...stack.usage(), load: load.usage()};
    const cores = (k: 'api' | 'zeroCache' | 'postgres' | 'load') =>
      round((after[k].cpuSeconds - before[k].cpuSeconds) / elapsed);
    const step: ThroughputStep = {
      offeredPerSecond: rate,
      seconds: stepMs / 1000,
      acceptedPerSecond: round((sent.sent.length - sent.failed) / (stepMs / 1000 + sent.lateMs / 1000), 1),
      delivery: deliverySummary(got.zero, sent, options.receiversPerRoom),
      rssMB: peak,
      pssMB: peakPss,
      apiHeapUsedMB: (await stack.apiMemory()).heapUsedMB,
      cores: {
        api: cores('api'),
        zeroCache: cores('zeroCache'),
        postgres: cores('postgres'),
        loadGenerators: cores('load'),
      },
    };
    steps.push(step);
    const p99 = step.delivery.latency?.p99 ?? Infinity;
    ctx.log(`    p50 ${step.delivery.latency?.p50} ms, p99 ${p99} ms, missing ${step.delivery.missing}`);
    if (p99 > options.p99LimitMs || step.delivery.missing > 0 || sent.failed > 0) break;
    // Let a backlog drain so that each step starts from an idle server.
    await stack.settle(5000);
    await load.clearArrivals();
  }
  await load.closeClients();
  const within = steps.filter(
    s =>
      (s.delivery.latency?.p99 ?? Infinity) <= options.p99LimitMs &&
      s.delivery.missing === 0 &&
      s.delivery.failedSends === 0,
  );
  return {
    profile: ctx.profile,
    rooms: options.rooms,
    receiversPerRoom: options.receiversPerRoom,
    senders: senderCount,
    stepSeconds: options.stepMs / 1000,
    minDeliveries: options.minDeliveries,
    p99LimitMs: options.p99LimitMs,
    steps,
    sustained: within.at(-1),
  };
}
