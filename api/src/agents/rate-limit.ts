import type {Pool} from 'pg';
import {RateLimiter, type RateLimitResult} from '../http/rate-limit.ts';

/**
 * [AG6] Spends one of an agent's calls for the hour, counted in Postgres
 * with every other rate limit (`http/rate-limit.ts`), so every API process
 * shares one count. Each agent has a limit of its own, so the limiter is
 * made per call; it holds nothing but the rule.
 */
export async function spendAgentCall(pool: Pool, agentID: string, perHour: number): Promise<RateLimitResult> {
  return new RateLimiter(pool, {name: 'agents.calls', limit: perHour, windowSeconds: 3600}).hit(
    `agent:${agentID}`,
  );
}
