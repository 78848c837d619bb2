import {dmChannel, roomChannel, zql} from '@chorus/schema';
import type {MiddlewareHandler} from 'hono';
import type {Deps} from '../deps.ts';
import {ProblemError} from '../http/problem.ts';
import {tooManyRequests} from '../http/rate-limit.ts';
import {AGENT_KEY_PREFIX, hashAgentKey} from './keys.ts';
import {spendAgentCall} from './rate-limit.ts';
import {agentByKeyHash, type Agent, type AgentScope} from './store.ts';

// [AG5] The agent gateway's own middleware chain: key → rate limit → audit → scope.

/** What a call leaves in the audit log (`ai_agent_logs`) [AG7]. */
export type Audit = {
  action: string;
  roomID?: string;
  conversationID?: string;
  details?: Record<string, unknown>;
};

export type AgentEnv = {Variables: {agent: Agent; audit: Audit}};

/** [AG5] `Authorization: Bearer chorus_ak_…` of an enabled agent, else 401. */
export function keyAuth(deps: Deps): MiddlewareHandler<AgentEnv> {
  return async (c, next) => {
    const key = /^Bearer (.+)$/i.exec(c.req.header('authorization') ?? '')?.[1]?.trim();
    if (!key?.startsWith(AGENT_KEY_PREFIX) || key.length > 200) {
      throw new ProblemError(401, 'Unauthorized', 'Send an agent key: Authorization: Bearer chorus_ak_….', {
        headers: {'www-authenticate': 'Bearer'},
      });
    }
    const agent = await agentByKeyHash(deps.pool, hashAgentKey(key));
    if (!agent) {
      throw new ProblemError(
        401,
        'Unauthorized',
        'This agent key is not valid (rotated, or the agent was deleted).',
        {
          headers: {'www-authenticate': 'Bearer'},
        },
      );
    }
    c.set('agent', agent);
    await next();
  };
}

/** [AG6] The agent's hourly budget, shared by every API process, with `RateLimit-*` on every answer. */
export function agentRateLimit(deps: Deps): MiddlewareHandler<AgentEnv> {
  return async (c, next) => {
    const agent = c.get('agent');
    const spent = await spendAgentCall(deps.pool, agent.id, agent.rateLimitPerHour);
    const headers = {
      'RateLimit-Limit': String(spent.limit),
      'RateLimit-Remaining': String(spent.remaining),
      'RateLimit-Reset': String(spent.resetSeconds),
    };
    if (!spent.ok) {
      const err = tooManyRequests(
        spent.retryAfter,
        `This agent made its ${spent.limit} calls for this hour. Try again in ${Math.ceil(spent.retryAfter / 60)} minutes.`,
      );
      Object.assign(err.headers, headers);
      throw err;
    }
    await next();
    for (const [name, value] of Object.entries(headers)) c.res.headers.set(name, value);
  };
}

/** [AG7] Every call, allowed or not, is a row of `ai_agent_logs`: action, place, details, outcome. */
export function audit(deps: Deps): MiddlewareHandler<AgentEnv> {
  return async (c, next) => {
    const entry: Audit = {action: `${c.req.method} ${c.req.path.replace(/^\/api\/agent\/v1/, '')}`};
    c.set('audit', entry);
    await next();
    const status = c.res.status;
    const outcome =
      status < 400 ? 'ok' : status === 401 || status === 403 || status === 404 ? 'denied' : 'error';
    if (outcome === 'ok' && c.req.method !== 'GET') announceActive(deps, c.get('agent').id, entry);
    await deps.pool.query(
      `INSERT INTO public.ai_agent_logs (agent_id, room_id, conversation_id, action, details, outcome, status)
       VALUES ($1, $2, $3, $4, $5, $6, $7)`,
      [
        c.get('agent').id,
        entry.roomID ?? null,
        entry.conversationID ?? null,
        entry.action.slice(0, 50),
        entry.details ?? null,
        outcome,
        status,
      ],
    );
  };
}

/** When each agent last said it was active in each place (this process), to say it at most once a minute. */
const lastActive = new Map<string, number>();
const ACTIVE_EVERY_MS = 60_000;

/**
 * [AG7] `agent.active` on the room's or conversation's channel after an
 * agent's write there, at most once a minute per agent and place: the seed's
 * event, which clients may use to show that an agent is at work.
 */
function announceActive(deps: Deps, agentID: string, entry: Audit) {
  const place = entry.roomID ?? entry.conversationID;
  if (!deps.live || !place) return;
  const key = `${agentID}:${place}`;
  const now = Date.now();
  if ((lastActive.get(key) ?? 0) > now - ACTIVE_EVERY_MS) return;
  lastActive.set(key, now);
  if (lastActive.size > 10_000) lastActive.clear();
  void (async () => {
    let channel: string | undefined;
    if (entry.roomID) {
      const room = await deps.zqlDb.run(zql.rooms.where('id', entry.roomID).one());
      if (room) channel = roomChannel(room.serverID, room.id);
    } else if (entry.conversationID) {
      channel = dmChannel(entry.conversationID);
    }
    if (!channel) return;
    const data = {
      agentID,
      roomID: entry.roomID ?? null,
      conversationID: entry.conversationID ?? null,
      action: entry.action,
    };
    deps.live?.publisher.publish([{channel, name: 'agent.active', data, at: now}]);
  })().catch(() => {});
}

/** [AG5] 403 naming the scope this key lacks. */
export function requireScope(scope: AgentScope): MiddlewareHandler<AgentEnv> {
  return async (c, next) => {
    if (!c.get('agent').scopes.includes(scope)) {
      throw new ProblemError(
        403,
        'Forbidden',
        `This agent lacks the ${scope} scope. Its owner can add it on the agents page.`,
        {
          field: 'scope',
        },
      );
    }
    await next();
  };
}

/** Adds to what this call leaves in the audit log (its action, place and details). */
export function note(c: {get: (k: 'audit') => Audit}, patch: Partial<Audit>) {
  Object.assign(c.get('audit'), patch);
}
