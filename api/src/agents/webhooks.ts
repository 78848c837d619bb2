import {randomUUID} from 'node:crypto';
import {mentionedNames, whereConversationMember, whereRoomReadable, zql, type Schema} from '@chorus/schema';
import type {Transaction} from '@rocicorp/zero';
import type {Pool} from 'pg';
import type {PgBoss} from 'pg-boss';
import {Webhook} from 'standardwebhooks';
import type {WebhookOutcome} from '../jobs/job-metrics.ts';
import {runJob, withOrigin, type JobObserver} from '../jobs/observe.ts';
import {webhookURLProblem, type WebhookURLPolicy} from './webhook-url.ts';

export const WEBHOOK_QUEUE = 'agent.webhook';
const TIMEOUT_MS = 10_000;
/** Most of a receiver's answer kept for the owner to read. */
const ERROR_TEXT_MAX = 500;

export type WebhookOptions = {
  policy: WebhookURLPolicy;
  /** Attempts after the first (default 6: about two minutes of backoff in all). */
  retryLimit?: number;
  /** Seconds before the first retry, doubled each time with jitter (default 4). */
  retryDelaySeconds?: number;
  log?: (line: string) => void;
  /** [OP8][OP12] Logs, counters (attempts by outcome) and traces of the delivery jobs. */
  observer?: JobObserver | undefined;
};

type Delivery = {
  id: string;
  agent_id: string;
  event_type: string;
  payload: unknown;
  attempts: number;
  webhook_url: string | null;
  webhook_secret: string | null;
  disabled_at: Date | null;
};

export type AttemptResult = {delivered: boolean; status: number | null; error: string | null; retry: boolean};

/** The running deployment's webhooks, for the server mutators (defined once, at module level). */
const registry: {active?: AgentWebhooks | undefined} = {};

/**
 * [AG8] Events to agents over signed webhooks. A message's deliveries are
 * rows written, and their pg-boss jobs queued, inside the message's own
 * transaction (`enqueueForMessage`): none for a write that rolled back, none
 * lost for one that committed. Each POST is signed per Standard Webhooks
 * (`webhook-id`, `webhook-timestamp`, `webhook-signature`, HMAC-SHA256 with
 * the agent's `whsec_` secret); 5xx, 408, 429, timeouts (10 s) and
 * connection errors are retried with exponential backoff; any other answer,
 * a redirect included (never followed), fails at once. After the last try
 * the row stays `failed`: the dead letter its owner sees and may replay.
 */
export class AgentWebhooks {
  readonly policy: WebhookURLPolicy;
  readonly observer: JobObserver | undefined;
  readonly #options: WebhookOptions;
  readonly #log: (line: string) => void;
  #boss: PgBoss | undefined;
  #pool: Pool | undefined;

  constructor(options: WebhookOptions) {
    this.#options = options;
    this.policy = options.policy;
    this.observer = options.observer;
    this.#log = options.log ?? (() => {});
  }

  /**
   * Creates the queue, starts its worker (unless `work` is false: a separate
   * worker process delivers), and becomes the deployment's webhooks.
   */
  async start(boss: PgBoss, pool: Pool, {work = true}: {work?: boolean} = {}): Promise<this> {
    this.#boss = boss;
    this.#pool = pool;
    await boss.createQueue(WEBHOOK_QUEUE, {
      retryLimit: this.#retryLimit,
      retryDelay: this.#options.retryDelaySeconds ?? 4,
      retryBackoff: true,
      retryDelayMax: 3600,
      expireInSeconds: 60,
      // A worker that dies mid-delivery stops its heartbeat: the job is taken again soon, not after the hour.
      heartbeatSeconds: 10,
      // Woken at once by a new delivery, not at the next poll.
      notify: true,
    });
    registry.active = this;
    if (!work) return this;
    // Up to 10 deliveries at once, fetched again at once while the queue is
    // full: one slow receiver does not hold the others back, and a burst of
    // messages to many agents goes out in parallel. Each job settles on its own.
    await boss.work<{deliveryID: string}>(
      WEBHOOK_QUEUE,
      {
        pollingIntervalSeconds: 0.5,
        notifyPollingIntervalSeconds: 2,
        batchSize: 10,
        burstWhenBatchFull: true,
        perJobResults: true,
      },
      async jobs =>
        Promise.all(
          jobs.map(job =>
            runJob(
              this.observer,
              WEBHOOK_QUEUE,
              job,
              async () => {
                const final = job.retryCount >= this.#retryLimit;
                const count = (outcome: WebhookOutcome) =>
                  this.observer?.metrics?.webhookAttempts.inc({outcome});
                try {
                  const result = await this.attempt(job.data.deliveryID, final);
                  // A failed job is retried by pg-boss, with backoff.
                  const retry = !result.delivered && result.retry && !final;
                  count(result.delivered ? 'delivered' : retry ? 'retried' : 'failed');
                  return {id: job.id, status: retry ? ('failed' as const) : ('completed' as const)};
                } catch (err) {
                  this.#log(`agent webhook ${job.data.deliveryID}: ${String(err)}`);
                  count(final ? 'failed' : 'retried');
                  return {id: job.id, status: 'failed' as const};
                }
              },
              result => result.status === 'failed',
            ),
          ),
        ),
    );
    registry.active = this;
    return this;
  }

  stop(): void {
    if (registry.active === this) registry.active = undefined;
  }

  get boss(): PgBoss {
    if (!this.#boss) throw new Error('agent webhooks are not started');
    return this.#boss;
  }

  get #retryLimit() {
    return this.#options.retryLimit ?? 6;
  }

  /** Queues a delivery already written (a replay, a test event) outside any transaction. */
  async queue(deliveryID: string): Promise<void> {
    await this.#boss!.send(WEBHOOK_QUEUE, withOrigin({deliveryID}, this.observer?.tracing));
  }

  /**
   * One delivery attempt: signs and POSTs the payload, records the outcome.
   * `final`: no retry follows, so a retryable failure is recorded as failed.
   */
  async attempt(deliveryID: string, final = true): Promise<AttemptResult> {
    const pool = this.#pool!;
    const {rows} = await pool.query<Delivery>(
      `SELECT d.id, d.agent_id, d.event_type, d.payload, d.attempts, a.webhook_url, a.webhook_secret, a.disabled_at
         FROM public.agent_webhook_deliveries d JOIN public.ai_agents a ON a.user_id = d.agent_id
        WHERE d.id = $1`,
      [deliveryID],
    );
    const delivery = rows[0];
    if (!delivery) return {delivered: false, status: null, error: 'no such delivery', retry: false};
    const result = await this.#post(delivery);
    const failed = !result.delivered && (final || !result.retry);
    await pool.query(
      `UPDATE public.agent_webhook_deliveries
          SET attempts = attempts + 1, last_status = $2, last_error = $3,
              status = CASE WHEN $4 THEN 'delivered' WHEN $5 THEN 'failed' ELSE 'pending' END,
              delivered_at = CASE WHEN $4 THEN now() ELSE delivered_at END
        WHERE id = $1`,
      [deliveryID, result.status, result.error, result.delivered, failed],
    );
    if (failed)
      this.#log(`agent webhook ${deliveryID} failed for good: ${result.error ?? `HTTP ${result.status}`}`);
    return result;
  }

  async #post(delivery: Delivery): Promise<AttemptResult> {
    if (delivery.disabled_at || !delivery.webhook_url || !delivery.webhook_secret) {
      return {delivered: false, status: null, error: 'The agent has no webhook URL.', retry: false};
    }
    const problem = await webhookURLProblem(delivery.webhook_url, this.policy);
    if (problem) return {delivered: false, status: null, error: problem, retry: false};
    const body = JSON.stringify(delivery.payload);
    const sentAt = new Date();
    const signature = new Webhook(delivery.webhook_secret).sign(delivery.id, sentAt, body);
    try {
      const res = await fetch(delivery.webhook_url, {
        method: 'POST',
        body,
        redirect: 'manual',
        signal: AbortSignal.timeout(TIMEOUT_MS),
        headers: {
          'content-type': 'application/json',
          'user-agent': 'Chorus-Webhooks/1',
          'webhook-id': delivery.id,
          'webhook-timestamp': String(Math.floor(sentAt.getTime() / 1000)),
          'webhook-signature': signature,
        },
      });
      const text = res.ok ? '' : (await res.text().catch(() => '')).slice(0, ERROR_TEXT_MAX);
      if (res.ok) {
        await res.body?.cancel().catch(() => {});
        return {delivered: true, status: res.status, error: null, retry: false};
      }
      const retry = res.status >= 500 || res.status === 408 || res.status === 429;
      const redirect = res.status >= 300 && res.status < 400;
      return {
        delivered: false,
        status: res.status,
        error: redirect
          ? `Redirected (HTTP ${res.status}); redirects are not followed.`
          : text || `HTTP ${res.status}`,
        retry,
      };
    } catch (err) {
      const timeout = (err as Error).name === 'TimeoutError';
      const cause = (err as {cause?: {code?: string}}).cause?.code;
      return {
        delivered: false,
        status: null,
        error: timeout
          ? `No answer within ${TIMEOUT_MS / 1000} s.`
          : `Cannot connect${cause ? ` (${cause})` : ''}.`,
        retry: true,
      };
    }
  }

  /** Writes a delivery row outside any transaction (test events, replays). */
  async record(agentID: string, eventType: string, payload: unknown): Promise<string> {
    const id = randomUUID();
    await this.#pool!.query(
      'INSERT INTO public.agent_webhook_deliveries (id, agent_id, event_type, payload) VALUES ($1, $2, $3, $4)',
      [id, agentID, eventType, payload],
    );
    return id;
  }
}

/**
 * [AG8] Inside a new message's transaction: one delivery (row and job) for
 * every agent with a webhook that may read the message by the read rules
 * (R1, DM2), its author excepted. No-op without running webhooks (tests of
 * the rules alone) and on a client.
 */
export async function enqueueForMessage(tx: Transaction<Schema>, messageID: string): Promise<void> {
  const webhooks = registry.active;
  if (!webhooks || tx.location !== 'server') return;
  const db = tx.dbTransaction;
  // Agents that could hear of it: a webhook, enabled, not the author, in its
  // server or conversation. First, so a message where there are none (most)
  // costs this one query.
  const candidates = [
    ...(await db.query(
      `SELECT a.user_id AS id, u.username, a.webhook_events AS events
         FROM public.messages m
         JOIN public.ai_agents a
           ON a.webhook_url IS NOT NULL AND a.disabled_at IS NULL AND a.user_id IS DISTINCT FROM m.user_id
         JOIN public.users u ON u.id = a.user_id
        WHERE m.id = $1
          AND (EXISTS (SELECT 1 FROM public.rooms r JOIN public.user_servers s ON s.server_id = r.server_id
                        WHERE r.id = m.room_id AND s.user_id = a.user_id)
            OR EXISTS (SELECT 1 FROM public.direct_conversation_members c
                        WHERE c.conversation_id = m.conversation_id AND c.user_id = a.user_id))`,
      [messageID],
    )),
  ] as {id: string; username: string; events: 'all' | 'mentions'}[];
  if (!candidates.length) return;
  const [message] = [
    ...(await db.query(
      `SELECT m.id, m.room_id, m.conversation_id, m.user_id, m.content, m.parent_message_id, m.created_at,
              r.server_id, r.name AS room_name, u.username, u.user_type
         FROM public.messages m
         LEFT JOIN public.rooms r ON r.id = m.room_id
         LEFT JOIN public.users u ON u.id = m.user_id
        WHERE m.id = $1`,
      [messageID],
    )),
  ] as {
    id: string;
    room_id: string | null;
    conversation_id: string | null;
    user_id: string | null;
    content: string;
    parent_message_id: string | null;
    created_at: Date;
    server_id: string | null;
    room_name: string | null;
    username: string | null;
    user_type: string | null;
  }[];
  if (!message) return;
  const mentioned = new Set(mentionedNames(message.content).map(n => n.toLowerCase()));
  const boss = webhooks.boss;
  for (const agent of candidates) {
    // [AG8] An agent that hears only of mentions and DMs skips the rest.
    const mentionsMe = mentioned.has(agent.username.toLowerCase());
    if (agent.events === 'mentions' && !mentionsMe && !message.conversation_id) continue;
    // The read rules themselves decide, as for people.
    const readable = message.room_id
      ? await tx.run(whereRoomReadable(zql.rooms.where('id', message.room_id), agent.id).one())
      : await tx.run(
          whereConversationMember(
            zql.directConversations.where('id', message.conversation_id!),
            agent.id,
          ).one(),
        );
    if (!readable) continue;
    const deliveryID = randomUUID();
    const payload = {
      type: 'message.created',
      timestamp: new Date().toISOString(),
      data: {
        message: {
          id: message.id,
          roomId: message.room_id,
          conversationId: message.conversation_id,
          serverId: message.server_id,
          parentId: message.parent_message_id,
          content: message.content,
          createdAt: new Date(message.created_at).toISOString(),
          author: message.user_id
            ? {id: message.user_id, username: message.username, userType: message.user_type}
            : null,
        },
        room: message.room_id
          ? {id: message.room_id, name: message.room_name, serverId: message.server_id}
          : null,
        mentioned: mentionsMe,
      },
    };
    await db.query(
      `INSERT INTO public.agent_webhook_deliveries (id, agent_id, event_type, payload) VALUES ($1, $2, $3, $4)`,
      [deliveryID, agent.id, 'message.created', payload],
    );
    await boss.send(
      WEBHOOK_QUEUE,
      // [OP12] With the id of the request that wrote the message (a REST post, a Zero push).
      withOrigin({deliveryID}, webhooks.observer?.tracing),
      {db: {executeSql: async (text, values) => ({rows: [...(await db.query(text, values ?? []))]})}},
    );
  }
}
