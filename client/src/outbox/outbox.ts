import {
  afterFailure,
  enqueue,
  isReadMark,
  isSend,
  keepsFailed,
  laneOf,
  newEntry,
  nextWake,
  replayable,
  retry,
  type Failure,
} from './machine.ts';
import {memoryStorage, openIdbStorage, type Changes, type OutboxStorage} from './storage.ts';
import {OUTBOX_CHANNEL, outboxLockName, type OutboxEntry, type OutboxWrite} from './types.ts';

/** How an entry reaches the server: through Zero (while it accepts writes) or REST. */
export type Transport = {
  /** Whether Zero takes writes now (connected, connecting, needs-auth); when not, Zero writes wait. */
  zeroAccepts(): boolean;
  /** Whether Zero is connected now, so the replica follows what the server commits. */
  zeroConnected(): boolean;
  /** Hands the entry to Zero; settles with the server's answer. */
  zero(entry: OutboxEntry): Promise<Failure | undefined>;
  /** Calls the entry's REST twin; settles with the answer. */
  rest(entry: OutboxEntry): Promise<Failure | undefined>;
};

export type OutboxOptions = {
  userID: string;
  transport: Transport;
  /** Told once when writes can be kept only in memory. */
  onNotDurable?: () => void;
  /** Told after each write is stored durably (to ask the service worker for a Background Sync). */
  onStored?: () => void;
  newID?: () => string;
  now?: () => number;
};

/** After a write did not reach the server (offline, a dropped push), try again this much later. */
const UNREACHED_RETRY_MS = 2000;

/**
 * [OB1–OB4] The signed-in person's durable outbox. Every write is stored
 * (IndexedDB, `storage.ts`) before anything else sees it; the one tab that
 * holds the person's Web Lock (the leader) hands entries to Zero or REST in
 * seq order per scope and deletes each once the server confirms it. Other
 * tabs only store and show: a single sender keeps each scope in order
 * (Zero pushes one client's mutations in order; two tabs' Zero clients
 * would race). Tabs tell each other about changes on a BroadcastChannel.
 */
export class Outbox {
  readonly userID: string;
  readonly #transport: Transport;
  readonly #newID: () => string;
  readonly #now: () => number;
  readonly #onNotDurable: (() => void) | undefined;
  readonly #onStored: (() => void) | undefined;
  readonly #inFlight = new Set<string>();
  readonly #listeners = new Set<(entries: readonly OutboxEntry[]) => void>();
  readonly #abort = new AbortController();
  #storage: Promise<OutboxStorage>;
  #channel: BroadcastChannel | undefined;
  #leader = false;
  #wake: ReturnType<typeof setTimeout> | undefined;
  #retryUnreached: ReturnType<typeof setTimeout> | undefined;
  #pumping: Promise<void> | undefined;
  #again = false;
  #refreshes = 0;

  constructor(options: OutboxOptions) {
    this.userID = options.userID;
    this.#transport = options.transport;
    this.#newID = options.newID ?? (() => crypto.randomUUID());
    this.#now = options.now ?? Date.now;
    this.#onNotDurable = options.onNotDurable;
    this.#onStored = options.onStored;
    this.#storage = openIdbStorage().catch(() => this.#fallBack());
    if (typeof BroadcastChannel !== 'undefined') {
      this.#channel = new BroadcastChannel(OUTBOX_CHANNEL);
      this.#channel.onmessage = (e: MessageEvent<{userID?: string}>) => {
        if (e.data?.userID !== this.userID) return;
        void this.#refresh();
        if (this.#leader) this.kick();
      };
    }
    void this.#refresh();
    this.#lead();
  }

  /** Called with the person's entries whenever they change (in any tab). */
  subscribe(listener: (entries: readonly OutboxEntry[]) => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  /** [OB1] Records the write, then (in the leader) hands it over. Resolves once it is stored. */
  async write(write: OutboxWrite): Promise<OutboxEntry> {
    const entry = await this.#update((entries, seq) => {
      const made = enqueue(
        entries,
        newEntry(write, {id: this.#newID(), userID: this.userID, seq, now: this.#now()}),
        this.#inFlight,
      );
      return {changes: {put: [made.put], remove: made.remove}, result: made.put};
    });
    if ((await this.#storage).durable) this.#onStored?.();
    this.#changed();
    return entry;
  }

  /** Sends a failed write again. */
  async retry(id: string): Promise<void> {
    await this.#update(entries => {
      const e = entries.find(x => x.id === id);
      return {changes: e ? {put: [retry(e, this.#now())]} : {}, result: undefined};
    });
    this.#changed();
  }

  /** Forgets a write that will not be sent (its text should be copied first). */
  async discard(id: string): Promise<void> {
    await this.#update(() => ({changes: {remove: [id]}, result: undefined}));
    this.#changed();
  }

  /** Replays what is due, if this tab leads: on start, on reconnect, on a dropped write. */
  kick(): void {
    if (!this.#leader || this.#abort.signal.aborted) return;
    if (this.#pumping) {
      this.#again = true;
      return;
    }
    this.#pumping = this.#pump().finally(() => {
      this.#pumping = undefined;
      if (this.#again) {
        this.#again = false;
        this.kick();
      }
    });
  }

  dispose(): void {
    this.#abort.abort();
    clearTimeout(this.#wake);
    clearTimeout(this.#retryUnreached);
    this.#channel?.close();
    void this.#storage.then(s => s.close());
    this.#listeners.clear();
  }

  get isLeader(): boolean {
    return this.#leader;
  }

  async #pump(): Promise<void> {
    const storage = await this.#storage;
    const entries = await storage.list(this.userID);
    const now = this.#now();
    for (const entry of replayable(entries, this.userID, this.#inFlight, now)) {
      // While Zero refuses writes they wait here, pending, for the reconnect.
      if (!isReadMark(entry) && !this.#transport.zeroAccepts()) continue;
      // [OB5] Sends go by REST, but only while Zero is connected: one
      // confirmed while the replica cannot follow would vanish on a reload
      // until it can; waiting here, it stays shown (and kept) as "Sending…".
      if (isSend(entry) && !this.#transport.zeroConnected()) continue;
      const rest = laneOf(entry) === 'rest';
      this.#inFlight.add(entry.id);
      const answer = rest ? this.#transport.rest(entry) : this.#transport.zero(entry);
      void answer.then(
        failure => this.#settle(entry.id, failure),
        (err: unknown) => this.#settle(entry.id, {type: 'offline', message: String(err)}),
      );
    }
    clearTimeout(this.#wake);
    const wake = nextWake(entries, this.userID, now);
    if (wake !== undefined) this.#wake = setTimeout(() => this.kick(), wake - now);
  }

  async #settle(id: string, failure: Failure | undefined): Promise<void> {
    try {
      await this.#update(entries => {
        const e = entries.find(x => x.id === id);
        // Discarded meanwhile: nothing to record.
        if (!e) return {changes: {}, result: undefined};
        // [OB1] Only the server's confirmation takes an entry out.
        if (!failure) return {changes: {remove: [id]}, result: undefined};
        const after = afterFailure(e, failure, this.#now());
        if (after.state === 'failed' && !keepsFailed(after))
          return {changes: {remove: [id]}, result: undefined};
        return {changes: {put: [after]}, result: undefined};
      });
    } finally {
      this.#inFlight.delete(id);
    }
    this.#changed(false);
    if (failure?.type === 'offline') this.#retryLater();
    // [OB5] A confirmed send lets its scope's later writes go.
    else this.kick();
  }

  /**
   * A write did not reach the server: a REST call failed with no network, or
   * Zero dropped it while it looked connected. Not again at once (a REST
   * write would spin while offline), but shortly; with no network at all,
   * the browser's `online` event (and Zero connecting) kick the replay
   * instead. Its own timer: `#pump` replaces the backoff timer each time.
   */
  #retryLater(): void {
    if (this.#retryUnreached !== undefined) return;
    if (typeof navigator !== 'undefined' && navigator.onLine === false) return;
    this.#retryUnreached = setTimeout(() => {
      this.#retryUnreached = undefined;
      this.kick();
    }, UNREACHED_RETRY_MS);
  }

  /** [OB4] Only the holder of this person's lock replays; the service worker asks for it too. */
  #lead(): void {
    const locks = typeof navigator !== 'undefined' ? navigator.locks : undefined;
    if (!locks) {
      // No Web Locks (old browsers): every tab replays. The server's
      // idempotence keeps that to one effect per write, though a scope's
      // order may then interleave between tabs.
      this.#leader = true;
      this.kick();
      return;
    }
    locks
      .request(outboxLockName(this.userID), {signal: this.#abort.signal}, async () => {
        this.#leader = true;
        this.kick();
        // Held until this outbox is disposed (sign-out, another person, tab closed).
        await new Promise<void>(resolve => this.#abort.signal.addEventListener('abort', () => resolve()));
        this.#leader = false;
      })
      .catch(() => {});
  }

  async #update<T>(
    decide: (entries: OutboxEntry[], nextSeq: number) => {changes: Changes; result: T},
  ): Promise<T> {
    const storage = await this.#storage;
    try {
      return await storage.update(this.userID, decide);
    } catch (err) {
      if (!storage.durable) throw err;
      // Quota exceeded, or the database went away: keep going in memory.
      const memory = await this.#fallBack(await storage.list(this.userID).catch(() => []));
      return memory.update(this.userID, decide);
    }
  }

  async #fallBack(carry: readonly OutboxEntry[] = []): Promise<OutboxStorage> {
    const memory = memoryStorage();
    await memory.update(this.userID, () => ({changes: {put: [...carry]}, result: undefined}));
    this.#storage = Promise.resolve(memory);
    this.#onNotDurable?.();
    return memory;
  }

  #changed(kick = true): void {
    void this.#refresh();
    this.#channel?.postMessage({userID: this.userID});
    if (kick) this.kick();
  }

  async #refresh(): Promise<void> {
    // Lists can finish out of order: only the latest one is published.
    const turn = ++this.#refreshes;
    const entries = await (await this.#storage).list(this.userID);
    if (this.#abort.signal.aborted || turn !== this.#refreshes) return;
    for (const listener of this.#listeners) listener(entries);
  }
}
