import type {Pool} from 'pg';
import type {RateLimitConfig} from '../http/rate-limit.ts';

/**
 * Slows down password guessing against one account: after `threshold` failed
 * sign-ins the address is locked for `baseSeconds`, doubling with every
 * further failure up to `maxSeconds`. A success forgets the count, and so does
 * a quiet `forgetSeconds` since the last failure.
 *
 * Keys are addresses whether or not an account uses them, so a lockout says
 * nothing about which accounts exist. The counts are in Postgres
 * (`public.login_failures`, migration 018), shared by every API process.
 */
export type LoginThrottleRule = {
  threshold: number;
  baseSeconds: number;
  maxSeconds: number;
  forgetSeconds: number;
};

export type LoginAttempt = {ok: true} | {ok: false; retryAfter: number};

// Past this many doublings every lock is `maxSeconds` anyway; the cap keeps 2^n finite.
const MAX_DOUBLINGS = 30;

export class LoginThrottle {
  readonly threshold: number;
  readonly #pool: Pool;
  readonly #rule: LoginThrottleRule;

  constructor(pool: Pool, rule: LoginThrottleRule, config: RateLimitConfig = {}) {
    this.#pool = pool;
    this.#rule = rule;
    this.threshold = Math.max(1, Math.ceil(rule.threshold * (config.multiplier ?? 1)));
  }

  /**
   * Call before checking the password. The attempt is counted as a failure
   * straight away (and forgotten by `succeeded`), so parallel guesses cannot
   * all slip in before the first of them is recorded: one upsert decides,
   * under the row's lock, whether the address is locked and counts it if not.
   */
  async attempt(key: string): Promise<LoginAttempt> {
    const now = Date.now();
    // The lock the row held before this attempt, from its failures and last failure.
    const locked = `f.failures >= $3 AND f.last_failure_at >= $2::timestamptz - make_interval(secs => $6)
      AND f.last_failure_at + make_interval(secs => least($5, $4 * 2 ^ least(f.failures - $3, ${MAX_DOUBLINGS})))
        > $2::timestamptz`;
    const {rows} = await this.#pool.query<{failures: number; last_failure_at: Date; counted: boolean}>(
      `INSERT INTO public.login_failures AS f (key, failures, last_failure_at, counted) VALUES ($1, 1, $2, true)
       ON CONFLICT (key) DO UPDATE SET
         counted = NOT (${locked}),
         failures = CASE WHEN ${locked} THEN f.failures
                         WHEN f.last_failure_at < $2::timestamptz - make_interval(secs => $6) THEN 1
                         ELSE f.failures + 1 END,
         last_failure_at = CASE WHEN ${locked} THEN f.last_failure_at ELSE $2::timestamptz END
       RETURNING f.failures, f.last_failure_at, f.counted`,
      [
        key,
        new Date(now),
        this.threshold,
        this.#rule.baseSeconds,
        this.#rule.maxSeconds,
        this.#rule.forgetSeconds,
      ],
    );
    const row = rows[0]!;
    if (row.counted) return {ok: true};
    const lockedUntil = row.last_failure_at.getTime() + this.#lockSeconds(row.failures) * 1000;
    return {ok: false, retryAfter: Math.max(1, Math.ceil((lockedUntil - now) / 1000))};
  }

  async succeeded(key: string): Promise<void> {
    await this.#pool.query('DELETE FROM public.login_failures WHERE key = $1', [key]);
  }

  #lockSeconds(failures: number): number {
    const doublings = Math.min(failures - this.threshold, MAX_DOUBLINGS);
    return Math.min(this.#rule.maxSeconds, this.#rule.baseSeconds * 2 ** doublings);
  }
}

/** Removes the failures forgotten by now (quiet for `forgetSeconds`); the hourly cleanup calls it. */
export async function removeForgottenFailures(pool: Pool, forgetSeconds: number): Promise<number> {
  const {rowCount} = await pool.query(
    'DELETE FROM public.login_failures WHERE last_failure_at < now() - make_interval(secs => $1)',
    [forgetSeconds],
  );
  return rowCount ?? 0;
}
