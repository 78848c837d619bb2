/**
 * [RL1] Pushes waiting for their person's write budget to come back.
 *
 * Zero 1.9's client has no answer to "not now": every failed push (a 4xx, a
 * 5xx zero-cache gave up retrying, a PushFailed body) puts its connection in
 * `error` until the app calls `connect()`. Meanwhile it refuses new writes
 * and rejects the server promise of every unconfirmed mutation, including
 * ones the API has already committed, so the app would report sent messages
 * as not sent. A push that waits instead only delays the confirmations; the
 * writes show at once on the client (they are optimistic) and land when the
 * window ends. zero-cache sends a client group's pushes one at a time and
 * gathers what comes meanwhile into the next, so a waiting push holds back
 * only that group.
 *
 * The waits are bounded: a few per person at once (one per client group: a
 * browser, a device), a few thousand in all, each no longer than the caller
 * stays connected.
 */
export class PushHolds {
  readonly #perPerson: number;
  readonly #total: number;
  readonly #held = new Map<string, number>();
  #count = 0;

  constructor(options: {perPerson?: number; total?: number} = {}) {
    this.#perPerson = options.perPerson ?? 4;
    this.#total = options.total ?? 5_000;
  }

  /**
   * Waits `seconds` for `userID`'s push, unless that person already has
   * their share waiting, the total is reached, or the caller goes away first.
   * True when it waited the whole time.
   */
  async wait(userID: string, seconds: number, signal: AbortSignal): Promise<boolean> {
    const held = this.#held.get(userID) ?? 0;
    if (held >= this.#perPerson || this.#count >= this.#total || signal.aborted) return false;
    this.#held.set(userID, held + 1);
    this.#count += 1;
    try {
      await new Promise<void>(resolve => {
        const done = () => {
          clearTimeout(timer);
          signal.removeEventListener('abort', done);
          resolve();
        };
        const timer = setTimeout(done, seconds * 1000);
        signal.addEventListener('abort', done, {once: true});
      });
      return !signal.aborted;
    } finally {
      this.#count -= 1;
      const left = (this.#held.get(userID) ?? 1) - 1;
      if (left > 0) this.#held.set(userID, left);
      else this.#held.delete(userID);
    }
  }
}
