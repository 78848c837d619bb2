import type {Pool} from 'pg';

/** One request counted `cost` times under `rule` and `key` (`rate-limit.ts` makes these). */
export type WindowHit = {rule: string; key: string; windowSeconds: number; cost: number};

/** A key's count in its current window after the hit, and when that window ends (epoch ms). */
export type WindowCount = {count: number; resetAt: number};

/**
 * Counts every hit in `public.rate_limit_windows` (migration 017) in one
 * statement, so every API process shares the counts, and answers for each
 * hit in the order given. A window starts with its key's first hit and lasts
 * `windowSeconds`; the first hit after it ends starts the next one in place.
 *
 * `now` is the caller's clock (epoch ms), as the windows' ends are: the
 * processes' clocks agree to far better than a window.
 *
 * One upsert updates each row under its lock, so hits at once from any
 * number of processes are each counted exactly once. The rows are locked in
 * (rule, key) order whatever the order of `hits`, so two requests counting
 * the same keys cannot deadlock; a key named twice is counted once with
 * both costs (Postgres refuses to update one row twice in one statement).
 */
export async function countHits(pool: Pool, hits: readonly WindowHit[], now: number): Promise<WindowCount[]> {
  const merged = new Map<string, WindowHit>();
  for (const hit of hits) {
    const id = windowID(hit);
    const seen = merged.get(id);
    merged.set(id, seen ? {...seen, cost: seen.cost + hit.cost} : hit);
  }
  const rows = [...merged.values()];
  const {rows: counted} = await pool.query<{rule: string; key: string; count: number; resets_at: Date}>(
    `INSERT INTO public.rate_limit_windows AS w (rule, key, resets_at, count)
     SELECT h.rule, h.key, $4::timestamptz + make_interval(secs => h.seconds), h.cost
       FROM unnest($1::text[], $2::text[], $3::float8[], $5::int[]) AS h (rule, key, seconds, cost)
      ORDER BY h.rule, h.key
     ON CONFLICT (rule, key) DO UPDATE SET
       count = CASE WHEN w.resets_at <= $4::timestamptz THEN excluded.count ELSE w.count + excluded.count END,
       resets_at = CASE WHEN w.resets_at <= $4::timestamptz THEN excluded.resets_at ELSE w.resets_at END
     RETURNING w.rule, w.key, w.count, w.resets_at`,
    [
      rows.map(h => h.rule),
      rows.map(h => h.key),
      rows.map(h => h.windowSeconds),
      new Date(now),
      rows.map(h => h.cost),
    ],
  );
  const byID = new Map(counted.map(r => [windowID(r), {count: r.count, resetAt: r.resets_at.getTime()}]));
  return hits.map(hit => {
    const count = byID.get(windowID(hit));
    if (!count) throw new Error(`rate limit ${hit.rule}: no count returned for ${hit.key}`);
    return count;
  });
}

/** Removes the windows that have ended; the hourly cleanup job calls it. */
export async function removeEndedWindows(pool: Pool): Promise<number> {
  return (await pool.query('DELETE FROM public.rate_limit_windows WHERE resets_at < now()')).rowCount ?? 0;
}

const windowID = (w: {rule: string; key: string}) => JSON.stringify([w.rule, w.key]);
