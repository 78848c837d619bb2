import {Child} from './ipc.ts';
import {usage} from './procs.ts';
import type {ClientSpec, ReceiverProfile} from './zero-clients.ts';
import {summarize, type Summary} from './stats.ts';

const WORKER = new URL('./client-worker.ts', import.meta.url);

type SendResult = {sent: [string, number][]; failed: number; lateMs: number};
type Arrival = [string, number, number, number];

/**
 * The load generators: `receivers` child processes hosting receiving clients
 * and one more for the sender(s), so neither the runner nor one event loop
 * holding hundreds of clients is what the latency measures.
 */
export class LoadGenerators {
  readonly receivers: Child[];
  readonly senders: Child[];

  constructor(receiverProcesses: number, senderProcesses = 1) {
    const spawn = (name: string) => new Child(WORKER, {name});
    this.receivers = Array.from({length: receiverProcesses}, (_, i) => spawn(`receivers-${i}`));
    this.senders = Array.from({length: senderProcesses}, (_, i) => spawn(`sender-${i}`));
  }

  /** CPU and memory of the load generators themselves (they share the machine with the stack). */
  usage() {
    return usage(this.all.map(w => w.process.pid!).filter(Boolean));
  }

  get all() {
    return [...this.receivers, ...this.senders];
  }

  /** Spreads Zero receivers round-robin over the processes; returns each one's ms to a complete answer. */
  async addReceivers(
    clients: ClientSpec[],
    options: {cacheURL: string; profile: ReceiverProfile; concurrency?: number},
  ): Promise<number[]> {
    const parts = this.receivers.map((_, i) => clients.filter((__, j) => j % this.receivers.length === i));
    const ready = await Promise.all(
      this.receivers.map((w, i) =>
        parts[i]!.length
          ? w.call<number[]>('addReceivers', {clients: parts[i], concurrency: 8, ...options})
          : Promise.resolve([]),
      ),
    );
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
    await Promise.all(this.receivers.map(w => w.call('collect')));
  }

  /**
   * Waits until every sent message reached all its `expectedPerMessage`
   * receivers or `graceMs` passed; returns latencies (ms) and how many
   * deliveries never came.
   */
  async gather(sent: [string, number][], expectedPerMessage: number, graceMs: number) {
    const sentAt = new Map(sent);
    const latencies: number[] = [];
    // Split at the server's clock: sender → API mutator, and API mutator → receiver.
    const toServer: number[] = [];
    const fromServer: number[] = [];
    const expected = sent.length * expectedPerMessage;
    const deadline = Date.now() + graceMs;
    for (;;) {
      const batches = await Promise.all(this.receivers.map(w => w.call<Arrival[]>('collect')));
      for (const batch of batches) {
        for (const [id, , at, createdAt] of batch) {
          const t = sentAt.get(id);
          if (t === undefined) continue;
          latencies.push(at - t);
          toServer.push(createdAt - t);
          fromServer.push(at - createdAt);
        }
      }
      if (latencies.length >= expected || Date.now() > deadline) break;
      await new Promise(r => setTimeout(r, 250));
    }
    return {latencies, toServer, fromServer, missing: Math.max(0, expected - latencies.length)};
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
  /** Sender's call → receiver's view shows the row (ms). */
  latency: Summary | undefined;
  /** Sender's call → the server-side mutator (or the baseline's insert) took its timestamp. */
  toServer: Summary | undefined;
  /** That timestamp → receiver's view shows the row: commit, replication, sync, poke, client. */
  fromServer: Summary | undefined;
  sent: number;
  failedSends: number;
  /** Deliveries that never came within the grace period. */
  missing: number;
};

export function deliverySummary(
  got: {latencies: number[]; toServer: number[]; fromServer: number[]; missing: number},
  sends: {sent: unknown[]; failed: number},
): Delivery {
  return {
    latency: summarize(got.latencies),
    toServer: summarize(got.toServer),
    fromServer: summarize(got.fromServer),
    sent: sends.sent.length,
    failedSends: sends.failed,
    missing: got.missing,
  };
}
