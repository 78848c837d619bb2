import type {RateLimitConfig} from '../http/rate-limit.ts';

/**
 * Slows down password guessing against one account: after `threshold` failed
 * sign-ins the address is locked for `baseSeconds`, doubling with every
 * further failure up to `maxSeconds`. A success forgets the count, and so does
 * a quiet `forgetSeconds` since the last failure.
 *
 * Keys are addresses whether or not an account uses them, so a lockout says
 * nothing about which accounts exist. In memory only: a restart forgets it.
 */
export type LoginThrottleRule = {
  threshold: number;
  baseSeconds: number;
  maxSeconds: number;
  forgetSeconds: number;
};

type Entry = {failures: number; lockedUntil: number; lastFailureAt: number};

export type LoginAttempt = {ok: true} | {ok: false; retryAfter: number};

const MAX_KEYS = 100_000;

export class LoginThrottle {
  readonly threshold: number;
  readonly #rule: LoginThrottleRule;
  readonly #entries = new Map<string, Entry>();
  #nextSweepAt = 0;

  constructor(rule: LoginThrottleRule, config: RateLimitConfig = {}) {
    this.#rule = rule;
    this.threshold = Math.max(1, Math.ceil(rule.threshold * (config.multiplier ?? 1)));
  }

  /**
   * Call before checking the password. The attempt is counted as a failure
   * straight away (and forgotten by `succeeded`), so parallel guesses cannot
   * all slip in before the first of them is recorded.
   */
  attempt(key: string): LoginAttempt {
    const now = Date.now();
    this.#sweep(now);
    let entry = this.#entries.get(key);
    if (entry && now - entry.lastFailureAt > this.#rule.forgetSeconds * 1000) entry = undefined;
    if (entry && entry.lockedUntil > now) {
      return {ok: false, retryAfter: Math.ceil((entry.lockedUntil - now) / 1000)};
    }
    entry ??= {failures: 0, lockedUntil: 0, lastFailureAt: now};
    entry.failures += 1;
    entry.lastFailureAt = now;
    if (entry.failures >= this.threshold) {
      const seconds = Math.min(
        this.#rule.maxSeconds,
        this.#rule.baseSeconds * 2 ** (entry.failures - this.threshold),
      );
      entry.lockedUntil = now + seconds * 1000;
    }
    this.#entries.set(key, entry);
    return {ok: true};
  }

  succeeded(key: string): void {
    this.#entries.delete(key);
  }

  #sweep(now: number) {
    if (now < this.#nextSweepAt && this.#entries.size < MAX_KEYS) return;
    this.#nextSweepAt = now + 60_000;
    for (const [key, entry] of this.#entries) {
      const quiet = now - entry.lastFailureAt > this.#rule.forgetSeconds * 1000;
      if (quiet && entry.lockedUntil <= now) this.#entries.delete(key);
    }
    for (const key of this.#entries.keys()) {
      if (this.#entries.size < MAX_KEYS) break;
      this.#entries.delete(key);
    }
  }
}
