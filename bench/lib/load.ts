import os from 'node:os';
import {Child} from './ipc.ts';
import {usage} from './procs.ts';
import type {Arrival, ClientSpec, Lane, ReceiverProfile} from './zero-clients.ts';
import {summarize, type Summary} from './stats.ts';

const WORKER = new URL('./client-worker.ts', import.meta.url);

type SendResult = {sent: [string, number][]; failed: number; lateMs: number};

/** One receiver's first arrival of one message (or typing event) on one lane. */
export type Landed = {id: string; at: number; serverAt: number; publishedAt?: number | undefined};
/** A lane's arrivals by receiver and message: `worker:receiver:id`. */
export type LaneArrivals = Map<string, Landed>;

/**
 * The load generators: `receivers` child processes hosting receiving clients
 * and one more for the sender(s), so neither the runner nor one event loop
 * holding hundreds of clients is what the latency measures.
 */
export class LoadGenerators {
  readonly receivers: Child[];
  /**
   * The receivers' hub sockets, beside (not in) the processes holding their
   * Zero clients: `live[i]` pairs with `receivers[i]`. A browser tab
   * processes its own Zero poke; a process holding 50 clients processes 50
   * at once, all poked together, and a hub frame landing then waited behind
   * them (≈100 ms for every receiver of that message).
   */
  readonly live: Child[];
  readonly senders: Child[];

  /**
   * `nice`: the load generators' niceness. They stand for other people's
   * devices, which in use take no CPU from the server; here they share its
   * two cores, and at the server's priority they took it from the API and
   * Postgres in the middle of a delivery.
   */
  constructor(receiverProcesses: number, senderProcesses = 1, nice = 0) {
    const spawn = (name: string) => {
      const child = new Child(WORKER, {name});
      if (nice && child.process.pid) os.setPriority(child.process.pid, nice);
      return child;
    };
    this.receivers = Array.from({length: receiverProcesses}, (_, i) => spawn(`receivers-${i}`));
    this.live = Array.from({length: receiverProcesses}, (_, i) => spawn(`live-${i}`));
    this.senders = Array.from({length: senderProcesses}, (_, i) => spawn(`sender-${i}`));
  }

  /** CPU and memory of the load generators themselves (they share the machine with the stack). */
  usage() {
    return usage(this.all.map(w => w.process.pid!).filter(Boolean));
  }

  get all() {
    return [...this.receivers, ...this.live, ...this.senders];
  }

  /** Spreads Zero receivers round-robin over the processes; returns each one's ms to a complete answer. */
  async addReceivers(
    clients: ClientSpec[],
    options: {cacheURL: string; profile: ReceiverProfile; concurrency?: number},
  ): Promise<number[]> {
    const parts = this.receivers.map((_, i) => clients.filter((__, j) => j % this.receivers.length === i));
    // A receiver's number in its process is its place in that process's part.
    const zeroOnly = parts.map(part => part.map(({liveChannel: _, ...spec}) => spec));
    const [ready] = await Promise.all([
      Promise.all(
        this.receivers.map((w, i) =>
          zeroOnly[i]!.length
            ? w.call<number[]>('addReceivers', {clients: zeroOnly[i], concurrency: 8, ...options})
            : Promise.resolve([]),
        ),
      ),
      Promise.all(
        this.live.map((w, i) => {
          const clients = parts[i]!.map((spec, index) => ({spec, index})).filter(c => c.spec.liveChannel);
          return clients.length ? w.call('addLiveReceivers', {clients, concurrency: 8}) : undefined;
        }),
      ),
    ]);
    return ready.flat();
  }

  async addBaselineReceivers(url: string, roomIDs: string[]) {
    await Promise.all(
      this.receivers.map((w, i) =>
        w.call('addBaselineReceivers', {
          url,
          roomIDs: roomIDs.filter((_, j) => j % this.receivers.length === i),
        }),
      ),
    );
  }

  /** Drops the arrivals recorded so far (history, warm-up). */
  async clearArrivals() {
    await Promise.all([...this.receivers, ...this.live].map(w => w.call('collect')));
  }

  /**
   * Waits until every sent message (or typing event) reached all its
   * `expectedPerMessage` receivers on each of `lanes`, or `graceMs` passed;
   * returns each lane's arrivals. Anything not in `sent` (warm-up, history)
   * is left out.
   */
  async gather(
    sent: [string, number][],
    expectedPerMessage: number,
    graceMs: number,
    lanes: readonly Lane[] = ['zero'],
  ): Promise<Record<Lane, LaneArrivals>> {
    const ids = new Set(sent.map(([id]) => id));
    const got: Record<Lane, LaneArrivals> = {
      zero: new Map(),
      live: new Map(),
      typing: new Map(),
      ws: new Map(),
    };
    const expected = sent.length * expectedPerMessage;
    const deadline = Date.now() + graceMs;
    for (;;) {
      // `live[i]`'s receivers are `receivers[i]`'s: one key for both lanes.
      const batches = await Promise.all(
        this.receivers.map(async (w, i) => [
          ...(await w.call<Arrival[]>('collect')),
          ...(await this.live[i]!.call<Arrival[]>('collect')),
        ]),
      );
      batches.forEach((batch, worker) => {
        for (const [id, receiver, at, serverAt, lane, publishedAt] of batch) {
          const key = `${worker}:${receiver}:${id}`;
          if (ids.has(id) && !got[lane].has(key)) got[lane].set(key, {id, at, serverAt, publishedAt});
        }
      });
      if (lanes.every(l => got[l].size >= expected) || Date.now() > deadline) break;
      await new Promise(r => setTimeout(r, 250));
    }
    return got;
  }

  /** Every sender process posts `rate / senders` messages/s for `durationMs`; resolves with all sends. */
  async send(
    cmd: 'send' | 'baselineSend',
    plans: {sender: number; roomID: string}[][],
    rate: number,
    durationMs: number,
    extra: Record<string, unknown> = {},
  ): Promise<SendResult> {
    const results = await Promise.all(
      this.senders.map((w, i) =>
        w.call<SendResult>(cmd, {plan: plans[i], rate: rate / this.senders.length, durationMs, ...extra}),
      ),
    );
    return {
      sent: results.flatMap(r => r.sent),
      failed: results.reduce((s, r) => s + r.failed, 0),
      lateMs: Math.max(...results.map(r => r.lateMs)),
    };
  }

  async closeClients() {
    await Promise.all(this.all.map(w => w.call('closeAll')));
  }

  async stop() {
    await Promise.all(this.all.map(w => w.stop()));
  }
}

export type Delivery = {
  /** Sender's call → receiver has it (its view shows the row, or the event came), ms. */
  latency: Summary | undefined;
  /** Sender's call → the API's clock on it (the server mutator's `createdAt`, the baseline's insert, a typing event's `at`). */
  toServer: Summary | undefined;
  /** That time → receiver has it: commit, replication or the hub, sync, poke, client. */
  fromServer: Summary | undefined;
  sent: number;
  failedSends: number;
  /** Deliveries that never came within the grace period. */
  missing: number;
  /**
   * The fast lane's `fromServer` in two: `createdAt` → the API published
   * the event (mutator, commit, reading the row back), and → the receiver
   * (the hub's fan-out, the receiving process's event loop).
   */
  published?: {commit: Summary | undefined; fanOut: Summary | undefined};
};

/** Latencies of one lane's arrivals against the send times. */
export function deliverySummary(
  arrivals: LaneArrivals,
  sends: {sent: [string, number][]; failed: number},
  expectedPerMessage: number,
): Delivery {
  const sentAt = new Map(sends.sent);
  const latencies: number[] = [];
  const toServer: number[] = [];
  const fromServer: number[] = [];
  const commit: number[] = [];
  const fanOut: number[] = [];
  for (const {id, at, serverAt, publishedAt} of arrivals.values()) {
    const t = sentAt.get(id)!;
    latencies.push(at - t);
    toServer.push(serverAt - t);
    fromServer.push(at - serverAt);
    if (publishedAt === undefined) continue;
    commit.push(publishedAt - serverAt);
    fanOut.push(at - publishedAt);
  }
  return {
    ...(commit.length ? {published: {commit: summarize(commit), fanOut: summarize(fanOut)}} : {}),
    latency: summarize(latencies),
    toServer: summarize(toServer),
    fromServer: summarize(fromServer),
    sent: sends.sent.length,
    failedSends: sends.failed,
    missing: Math.max(0, sends.sent.length * expectedPerMessage - arrivals.size),
  };
}

/** What a person sees first: per receiver and message, the earlier of the two lanes. */
export function earliest(a: LaneArrivals, b: LaneArrivals): LaneArrivals {
  const out = new Map(a);
  for (const [key, landed] of b) {
    const other = out.get(key);
    if (!other || landed.at < other.at) out.set(key, landed);
  }
  return out;
}

/** ms by which `later` brought each delivery after `seen` did (deliveries on both). */
export function lagBehind(later: LaneArrivals, seen: LaneArrivals): number[] {
  const lags: number[] = [];
  for (const [key, landed] of later) {
    const first = seen.get(key);
    if (first) lags.push(landed.at - first.at);
  }
  return lags;
}

/** One message's way to its receivers, for the slowest ones: where its time went. */
export type MessageTrace = {
  id: string;
  /** Sender's call → the API's clock on it (ms). */
  toServer: number;
  /** The API's clock → the hub event's stamp (commit, reading the row back). */
  commit: number | undefined;
  /** Hub stamp → receivers' frames: median and slowest. */
  fanOut: {p50: number; max: number} | undefined;
  /** Sender's call → seen, slowest receiver. */
  seenMax: number;
};

/** The `count` messages whose slowest receiver saw them latest, slowest first. */
export function slowestMessages(
  seen: LaneArrivals,
  live: LaneArrivals,
  sends: {sent: [string, number][]},
  count = 5,
): MessageTrace[] {
  const sentAt = new Map(sends.sent);
  const byID = new Map<string, {seen: Landed[]; live: Landed[]}>();
  const of = (id: string) => byID.get(id) ?? byID.set(id, {seen: [], live: []}).get(id)!;
  for (const landed of seen.values()) of(landed.id).seen.push(landed);
  for (const landed of live.values()) of(landed.id).live.push(landed);
  const traces: MessageTrace[] = [];
  for (const [id, {seen: s, live: l}] of byID) {
    const t = sentAt.get(id);
    if (t === undefined || !s.length) continue;
    const fan = l.filter(x => x.publishedAt !== undefined).map(x => x.at - x.publishedAt!);
    fan.sort((a, b) => a - b);
    const first = l[0] ?? s[0]!;
    traces.push({
      id,
      toServer: Math.round(first.serverAt - t),
      commit: first.publishedAt === undefined ? undefined : Math.round(first.publishedAt - first.serverAt),
      fanOut: fan.length ? {p50: Math.round(fan[fan.length >> 1]!), max: Math.round(fan.at(-1)!)} : undefined,
      seenMax: Math.round(Math.max(...s.map(x => x.at)) - t),
    });
  }
  return traces.sort((a, b) => b.seenMax - a.seenMax).slice(0, count);
}
