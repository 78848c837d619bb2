import type {Pool} from 'pg';
import type {RateLimitResult} from '../http/rate-limit.ts';

const HOUR_MS = 60 * 60_000;

/**
 * [AG6] An agent's calls per hour, counted in Postgres so every API process
 * shares one count (a fixed window on the clock hour). Old windows are
 * removed as new ones start.
 */
export async function spendAgentCall(pool: Pool, agentID: string, perHour: number): Promise<RateLimitResult> {
  const now = Date.now();
  const windowStart = new Date(Math.floor(now / HOUR_MS) * HOUR_MS);
  const {rows} = await pool.query<{count: number}>(
    `INSERT INTO public.agent_rate_windows (agent_id, window_start, count) VALUES ($1, $2, 1)
     ON CONFLICT (agent_id, window_start) DO UPDATE SET count = public.agent_rate_windows.count + 1
     RETURNING count`,
    [agentID, windowStart],
  );
  const count = rows[0]!.count;
  if (count === 1) {
    void pool
      .query('DELETE FROM public.agent_rate_windows WHERE agent_id = $1 AND window_start < $2', [
        agentID,
        windowStart,
      ])
      .catch(() => {});
  }
  const resetSeconds = Math.max(1, Math.ceil((windowStart.getTime() + HOUR_MS - now) / 1000));
  const ok = count <= perHour;
  return {
    ok,
    limit: perHour,
    remaining: Math.max(0, perHour - count),
    resetSeconds,
    retryAfter: ok ? 0 : resetSeconds,
  };
}
