import {randomUUID} from 'node:crypto';
import {idSchema} from '@chorus/schema';
import {Hono} from 'hono';
import {z} from 'zod';
import {requireAuth, type AuthEnv} from '../auth/middleware.ts';
import {usernameSchema} from '../auth/schemas.ts';
import type {Deps} from '../deps.ts';
import {ProblemError, validationProblem} from '../http/problem.ts';
import {jsonBody, param} from '../http/validate.ts';
import {record} from '../live/after-commit.ts';
import {httpURLSchema} from '../routes/users.ts';
import {inTransaction} from '../zero/run.ts';
import {newAgentKey, newWebhookSecret} from './keys.ts';
import {AGENT_SCOPES, agentByID, agentsOf, type Agent} from './store.ts';
import {webhookURLProblem} from './webhook-url.ts';

/** [AG1] Agents one person may own. */
export const AGENTS_PER_OWNER = 25;

const scopesSchema = z
  .array(z.enum(AGENT_SCOPES, {message: `Scopes are ${AGENT_SCOPES.join(', ')}.`}))
  .max(AGENT_SCOPES.length)
  .transform(s => [...new Set(s)]);

const webhookURLSchema = z
  .string()
  .trim()
  .max(2048, {message: 'Use a link of at most 2048 characters.'})
  .nullable();

export const agentCreateBodySchema = z.strictObject({
  name: usernameSchema,
  pictureUrl: httpURLSchema.nullable().optional(),
  webhookUrl: webhookURLSchema.optional(),
  webhookEvents: z.enum(['all', 'mentions'], {message: 'webhookEvents is all or mentions.'}).optional(),
  scopes: scopesSchema,
  rateLimitPerHour: z.number().int().min(1).max(100_000).optional(),
});

export const agentUpdateBodySchema = agentCreateBodySchema.partial();

/**
 * `/api/v1/agents`: people create and manage their AI agents [AG1]–[AG3].
 * The key is in the answer to creation and rotation only, never again.
 */
export function agentRoutes(deps: Deps) {
  const app = new Hono<AuthEnv>();
  app.use('*', requireAuth(deps));

  async function checkWebhookURL(url: string | null | undefined) {
    if (!url) return;
    const problem = await webhookURLProblem(
      url,
      deps.agentWebhooks?.policy ?? {requireHttps: true, allowPrivate: false},
    );
    if (problem) throw new ProblemError(400, 'Invalid input', problem, {field: 'webhookUrl'});
  }

  /** [AG1] The caller's own agent, else 404 (the same for someone else's as for none). */
  async function mine(ownerID: string, id: string): Promise<Agent> {
    const agent = await agentByID(deps.pool, id);
    if (!agent || agent.ownerID !== ownerID) {
      throw new ProblemError(404, 'Not Found', 'You have no agent with that id.');
    }
    return agent;
  }

  app.post('/', async c => {
    const body = await jsonBody(c, agentCreateBodySchema);
    const session = c.get('session');
    if (!session.emailVerified) {
      throw new ProblemError(403, 'Forbidden', 'Verify your email address before creating agents.');
    }
    await checkWebhookURL(body.webhookUrl);
    const id = randomUUID();
    const key = newAgentKey();
    const secret = body.webhookUrl ? newWebhookSecret() : null;
    const client = await deps.pool.connect();
    try {
      await client.query('BEGIN');
      // Serialises one owner's creations, so the limit holds under concurrency.
      await client.query('SELECT pg_advisory_xact_lock(hashtextextended($1, 0))', [
        `agents:${session.userID}`,
      ]);
      const {rows} = await client.query<{n: number; human: boolean}>(
        `SELECT (SELECT count(*)::int FROM public.ai_agents WHERE created_by = $1 AND disabled_at IS NULL) AS n,
                (SELECT user_type = 'human' FROM public.users WHERE id = $1) AS human`,
        [session.userID],
      );
      if (!rows[0]?.human) throw new ProblemError(403, 'Forbidden', 'Agents cannot create agents.');
      if (rows[0].n >= AGENTS_PER_OWNER) {
        throw new ProblemError(
          403,
          'Forbidden',
          `You have ${AGENTS_PER_OWNER} agents, the most one person may have. Delete one first.`,
        );
      }
      await client.query(
        `INSERT INTO public.users (id, username, picture_url, user_type) VALUES ($1, $2, $3, 'ai_agent')`,
        [id, body.name, body.pictureUrl ?? null],
      );
      await client.query(
        `INSERT INTO public.ai_agents
           (user_id, api_key_hash, key_prefix, webhook_url, webhook_secret, scopes, rate_limit_per_hour, created_by,
            webhook_events)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
        [
          id,
          key.hash,
          key.prefix,
          body.webhookUrl ?? null,
          secret,
          body.scopes,
          body.rateLimitPerHour ?? 100,
          session.userID,
          body.webhookEvents ?? 'all',
        ],
      );
      await client.query('COMMIT');
    } catch (err) {
      await client.query('ROLLBACK').catch(() => {});
      const {code, constraint} = err as {code?: string; constraint?: string};
      if (code === '23505' && constraint === 'users_username_lower_key') {
        throw new ProblemError(409, 'Conflict', 'That name is taken. Choose another one.', {field: 'name'});
      }
      throw err;
    } finally {
      client.release();
    }
    const agent = (await agentByID(deps.pool, id))!;
    return c.json({...agentJSON(agent), apiKey: key.key, ...(secret ? {webhookSecret: secret} : {})}, 201, {
      'cache-control': 'no-store',
    });
  });

  app.get('/', async c => {
    const agents = await agentsOf(deps.pool, c.get('session').userID);
    return c.json({agents: agents.map(agentJSON)});
  });

  app.get('/:id', async c => {
    const agent = await mine(c.get('session').userID, param('id', c.req.param('id'), idSchema));
    return c.json(agentJSON(agent));
  });

  app.patch('/:id', async c => {
    const id = param('id', c.req.param('id'), idSchema);
    const body = await jsonBody(c, agentUpdateBodySchema);
    const agent = await mine(c.get('session').userID, id);
    if (agent.disabledAt) throw new ProblemError(409, 'Conflict', 'This agent is deleted.');
    await checkWebhookURL(body.webhookUrl);
    let secret: string | undefined;
    try {
      await deps.pool.query(
        `UPDATE public.users SET username = coalesce($2, username),
                picture_url = CASE WHEN $3::boolean THEN $4 ELSE picture_url END, updated_at = now()
          WHERE id = $1`,
        [id, body.name ?? null, body.pictureUrl !== undefined, body.pictureUrl ?? null],
      );
    } catch (err) {
      const {code, constraint} = err as {code?: string; constraint?: string};
      if (code === '23505' && constraint === 'users_username_lower_key') {
        throw new ProblemError(409, 'Conflict', 'That name is taken. Choose another one.', {field: 'name'});
      }
      throw err;
    }
    if (body.webhookUrl !== undefined) {
      // A first webhook gets a signing secret (shown now, once).
      const {rows} = await deps.pool.query<{webhook_secret: string | null}>(
        'SELECT webhook_secret FROM public.ai_agents WHERE user_id = $1',
        [id],
      );
      if (body.webhookUrl && !rows[0]?.webhook_secret) secret = newWebhookSecret();
    }
    await deps.pool.query(
      `UPDATE public.ai_agents SET
         webhook_url = CASE WHEN $2::boolean THEN $3 ELSE webhook_url END,
         webhook_secret = coalesce($4, webhook_secret),
         scopes = coalesce($5, scopes),
         rate_limit_per_hour = coalesce($6, rate_limit_per_hour),
         webhook_events = coalesce($7, webhook_events)
       WHERE user_id = $1`,
      [
        id,
        body.webhookUrl !== undefined,
        body.webhookUrl ?? null,
        secret ?? null,
        body.scopes ?? null,
        body.rateLimitPerHour ?? null,
        body.webhookEvents ?? null,
      ],
    );
    const updated = (await agentByID(deps.pool, id))!;
    return c.json({...agentJSON(updated), ...(secret ? {webhookSecret: secret} : {})});
  });

  // [AG2] A new key; the old one stops at once.
  app.post('/:id/keys', async c => {
    const id = param('id', c.req.param('id'), idSchema);
    const agent = await mine(c.get('session').userID, id);
    if (agent.disabledAt) throw new ProblemError(409, 'Conflict', 'This agent is deleted.');
    const key = newAgentKey();
    await deps.pool.query(
      'UPDATE public.ai_agents SET api_key_hash = $2, key_prefix = $3, key_rotated_at = now() WHERE user_id = $1',
      [id, key.hash, key.prefix],
    );
    return c.json({apiKey: key.key, keyPrefix: key.prefix}, 201, {'cache-control': 'no-store'});
  });

  // [AG3] Disables the agent and its key; its messages stay, under its name.
  app.delete('/:id', async c => {
    const id = param('id', c.req.param('id'), idSchema);
    const agent = await mine(c.get('session').userID, id);
    if (!agent.disabledAt) {
      await deps.pool.query(
        `UPDATE public.ai_agents SET disabled_at = now(), api_key_hash = $2, key_prefix = NULL, webhook_url = NULL
          WHERE user_id = $1`,
        [id, `disabled:${randomUUID()}`],
      );
    }
    return c.body(null, 204);
  });

  // [AG7] The audit log, newest first; filter by action and room.
  app.get('/:id/logs', async c => {
    const id = param('id', c.req.param('id'), idSchema);
    await mine(c.get('session').userID, id);
    const q = logsQuerySchema.safeParse(c.req.query());
    if (!q.success) throw validationProblem(q.error);
    const {rows} = await deps.pool.query(
      `SELECT id, action, room_id AS "roomId", conversation_id AS "conversationId", details, outcome, status,
              "timestamp" AS at
         FROM public.ai_agent_logs
        WHERE agent_id = $1 AND ($2::text IS NULL OR action = $2) AND ($3::uuid IS NULL OR room_id = $3)
          AND ($4::timestamptz IS NULL OR "timestamp" < $4)
        ORDER BY "timestamp" DESC, id DESC LIMIT $5`,
      [id, q.data.action ?? null, q.data.roomId ?? null, q.data.before ?? null, q.data.limit],
    );
    return c.json({logs: rows});
  });

  // [AG8] Webhook deliveries, newest first (`?status=failed`: the dead letters).
  app.get('/:id/deliveries', async c => {
    const id = param('id', c.req.param('id'), idSchema);
    await mine(c.get('session').userID, id);
    const status = z.enum(['pending', 'delivered', 'failed']).optional().safeParse(c.req.query('status'));
    if (!status.success) throw validationProblem(status.error);
    const {rows} = await deps.pool.query(
      `SELECT id, event_type AS "eventType", status, attempts, last_status AS "lastStatus", last_error AS "lastError",
              created_at AS "createdAt", delivered_at AS "deliveredAt", payload
         FROM public.agent_webhook_deliveries
        WHERE agent_id = $1 AND ($2::text IS NULL OR status = $2)
        ORDER BY created_at DESC LIMIT 100`,
      [id, status.data ?? null],
    );
    return c.json({deliveries: rows});
  });

  // [AG8] A dead letter goes out again, with retries as the first time.
  app.post('/:id/deliveries/:deliveryId/replay', async c => {
    const id = param('id', c.req.param('id'), idSchema);
    const deliveryID = param('deliveryId', c.req.param('deliveryId'), idSchema);
    await mine(c.get('session').userID, id);
    const webhooks = requireWebhooks();
    const {rowCount} = await deps.pool.query(
      `UPDATE public.agent_webhook_deliveries SET status = 'pending', attempts = 0, last_error = NULL
        WHERE id = $1 AND agent_id = $2 AND status = 'failed'`,
      [deliveryID, id],
    );
    if (!rowCount)
      throw new ProblemError(404, 'Not Found', 'This agent has no failed delivery with that id.');
    await webhooks.queue(deliveryID);
    return c.json({id: deliveryID, status: 'pending'}, 202);
  });

  // [AG8] "Send test event": one signed attempt now, its outcome in the answer.
  app.post('/:id/webhook', async c => {
    const id = param('id', c.req.param('id'), idSchema);
    const agent = await mine(c.get('session').userID, id);
    if (!agent.webhookUrl) {
      throw new ProblemError(409, 'Conflict', 'Set a webhook URL for this agent first.', {
        field: 'webhookUrl',
      });
    }
    const webhooks = requireWebhooks();
    const deliveryID = await webhooks.record(id, 'test', {
      type: 'test',
      timestamp: new Date().toISOString(),
      data: {agent: {id: agent.id, name: agent.name}, note: 'A test event from Chorus.'},
    });
    const result = await webhooks.attempt(deliveryID);
    return c.json({id: deliveryID, delivered: result.delivered, status: result.status, error: result.error});
  });

  function requireWebhooks() {
    if (!deps.agentWebhooks)
      throw new ProblemError(503, 'Service Unavailable', 'Webhooks are not running here.');
    return deps.agentWebhooks;
  }

  return app;
}

export const logsQuerySchema = z.object({
  action: z.string().max(50).optional(),
  roomId: z.optional(idSchema),
  before: z.iso.datetime({offset: true}).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});

/**
 * [AG4] `POST /api/v1/servers/{serverId}/agents` `{agentId}`: an owner or
 * admin adds one of their own agents to the server (agents never join by
 * code). A banned agent stays out.
 */
export function serverAgentRoutes(deps: Deps) {
  const app = new Hono<AuthEnv>();
  app.use('*', requireAuth(deps));
  app.post('/:serverId/agents', async c => {
    const serverID = param('serverId', c.req.param('serverId'), idSchema);
    const {agentId} = await jsonBody(c, z.strictObject({agentId: idSchema}));
    const {userID} = c.get('session');
    const agent = await agentByID(deps.pool, agentId);
    if (!agent || agent.ownerID !== userID || agent.disabledAt) {
      throw new ProblemError(404, 'Not Found', 'You have no agent with that id.', {field: 'agentId'});
    }
    const added = await inTransaction(deps, async tx => {
      if (tx.location !== 'server') throw new Error('server only');
      const q = (sql: string, params: unknown[]) => tx.dbTransaction.query(sql, params);
      const role = [
        ...(await q('SELECT role FROM public.user_servers WHERE server_id = $1 AND user_id = $2', [
          serverID,
          userID,
        ])),
      ][0] as {role?: string} | undefined;
      if (!role) throw new ProblemError(404, 'Not Found', 'That server does not exist or you are not in it.');
      if (role.role !== 'owner' && role.role !== 'admin') {
        throw new ProblemError(403, 'Forbidden', 'Only owners and admins add agents to a server.');
      }
      const banned = [
        ...(await q('SELECT 1 FROM public.server_bans WHERE server_id = $1 AND user_id = $2', [
          serverID,
          agentId,
        ])),
      ];
      if (banned.length) throw new ProblemError(403, 'Forbidden', 'This agent is banned from the server.');
      const inserted = [
        ...(await q(
          `INSERT INTO public.user_servers (user_id, server_id, role) VALUES ($1, $2, 'member')
           ON CONFLICT DO NOTHING RETURNING 1`,
          [agentId, serverID],
        )),
      ];
      if (inserted.length) record({name: 'server.addAgent', args: {serverID, userID: agentId}, userID});
      return inserted.length > 0;
    });
    return c.json({serverId: serverID, agent: agentJSON(agent)}, added ? 201 : 200);
  });
  return app;
}

export function agentJSON(agent: Agent) {
  return {
    id: agent.id,
    userId: agent.id,
    name: agent.name,
    pictureUrl: agent.pictureUrl,
    webhookUrl: agent.webhookUrl,
    webhookEvents: agent.webhookEvents,
    scopes: agent.scopes,
    rateLimitPerHour: agent.rateLimitPerHour,
    keyPrefix: agent.keyPrefix,
    disabled: agent.disabledAt !== null,
    createdAt: agent.createdAt,
  };
}
