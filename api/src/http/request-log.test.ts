import {createServer, type Server} from 'node:http';
import {PgBoss} from 'pg-boss';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {restHarness} from '../../../test/rest-harness.ts';
import {AgentWebhooks} from '../agents/webhooks.ts';
import {createApp} from '../app.ts';
import {JobMetrics} from '../jobs/job-metrics.ts';
import {BOSS_OPTIONS} from '../stack.ts';
import {createLogger} from '../telemetry/logger.ts';

// [OP12] Every request has an id, returned and on its JSON log line; the
// jobs it queues log with the same id. [OP8] Webhook attempts are counted
// by outcome, jobs by queue and outcome, at /metrics.

const h = restHarness();
const lines: Record<string, unknown>[] = [];
const logger = createLogger({write: line => lines.push(JSON.parse(line) as Record<string, unknown>)});
const jobMetrics = new JobMetrics();
let app: ReturnType<typeof createApp>;
let boss: PgBoss;
let receiver: Server;
let base = '';

beforeAll(async () => {
  // A receiver per path: /ok takes it, /busy is always down (retried), /gone refuses it for good.
  receiver = createServer((req, res) => {
    req.resume();
    req.on('end', () => res.writeHead(req.url === '/ok' ? 204 : req.url === '/busy' ? 503 : 400).end());
  });
  await new Promise<void>(resolve => receiver.listen(0, '127.0.0.1', resolve));
  const address = receiver.address();
  base = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
  boss = new PgBoss({connectionString: h.databaseURL, ...BOSS_OPTIONS});
  await boss.start();
  h.deps.agentWebhooks = await new AgentWebhooks({
    policy: {requireHttps: false, allowPrivate: true},
    retryLimit: 1,
    retryDelaySeconds: 1,
    observer: {logger, metrics: jobMetrics},
  }).start(boss, h.pool);
  app = createApp({...h.deps, logger, jobMetrics});
});
afterAll(async () => {
  h.deps.agentWebhooks?.stop();
  await boss.stop({graceful: false});
  receiver.closeAllConnections();
  await new Promise(resolve => receiver.close(resolve));
});

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

describe('[OP12] request ids', () => {
  it('answers with the X-Request-Id it was given, or with a new one', async () => {
    const given = await app.request('/healthz', {headers: {'x-request-id': 'lb-7f3a.42'}});
    expect(given.headers.get('x-request-id')).toBe('lb-7f3a.42');
    expect((await app.request('/healthz')).headers.get('x-request-id')).toMatch(UUID);
    // Not a header or a log line to trust: replaced.
    const odd = await app.request('/healthz', {headers: {'x-request-id': `x y ${'z'.repeat(200)}`}});
    expect(odd.headers.get('x-request-id')).toMatch(UUID);
  });

  it('returns it with errors too (problem+json from onError and notFound)', async () => {
    const res = await app.request('/api/v1/rooms/nope', {headers: {'x-request-id': 'err-1'}});
    expect(res.status).toBe(401);
    expect(res.headers.get('x-request-id')).toBe('err-1');
    const missing = await app.request('/api/nothing-here', {headers: {'x-request-id': 'err-2'}});
    expect(missing.status).toBe(404);
    expect(missing.headers.get('x-request-id')).toBe('err-2');
  });

  it('logs each request as one JSON line with its id, route pattern, status and time', async () => {
    const {member, server} = await h.community();
    await app.request(`/api/v1/messages/room/${server.generalRoomID}`, {
      headers: {authorization: `Bearer ${member.token}`, 'x-request-id': 'read-1'},
    });
    const line = lines.find(l => l.requestId === 'read-1');
    expect(line).toMatchObject({
      level: 'info',
      http: {method: 'GET', route: '/api/v1/messages/room/:roomId', status: 200},
    });
    expect((line?.http as {ms: number}).ms).toBeGreaterThanOrEqual(0);
    expect(typeof line?.time).toBe('string');
  });
});

describe('[OP12][OP8] jobs a request queued', () => {
  it('log with its request id, and their webhook attempts are counted by outcome', async () => {
    const {owner, member, server} = await h.community();
    for (const name of ['ok', 'busy', 'gone']) {
      const agent = await h.call(owner, 'POST', '/agents', {name, scopes: [], webhookUrl: `${base}/${name}`});
      expect(agent.status).toBe(201);
      await h.call(owner, 'POST', `/servers/${server.id}/agents`, {agentId: agent.json.id});
    }
    const posted = await app.request('/api/v1/messages', {
      method: 'POST',
      headers: {
        authorization: `Bearer ${member.token}`,
        'content-type': 'application/json',
        'x-request-id': 'post-webhooks-1',
      },
      body: JSON.stringify({roomId: server.generalRoomID, content: 'hello agents'}),
    });
    expect(posted.status).toBe(201);

    // ok: delivered; gone: failed at once; busy: retried once, then failed for good.
    await expect
      .poll(
        async () =>
          (
            await h.pool.query<{status: string}>(
              `SELECT d.status FROM agent_webhook_deliveries d JOIN ai_agents a ON a.user_id = d.agent_id
                WHERE a.webhook_url LIKE $1 ORDER BY a.webhook_url`,
              [`${base}/%`],
            )
          ).rows.map(r => r.status),
        {timeout: 20_000, interval: 200},
      )
      .toEqual(['failed', 'failed', 'delivered']);

    const jobLines = lines.filter(l => l.queue === 'agent.webhook' && (l.job as {outcome?: string})?.outcome);
    expect(jobLines).toHaveLength(4);
    for (const line of jobLines) {
      expect(line.requestId).toBe('post-webhooks-1');
      expect(line.jobId).toMatch(UUID);
    }

    const metrics = await (await app.request('/metrics')).text();
    expect(metrics).toMatch(/chorus_webhook_attempts_total\{outcome="delivered"\} 1\b/);
    expect(metrics).toMatch(/chorus_webhook_attempts_total\{outcome="retried"\} 1\b/);
    expect(metrics).toMatch(/chorus_webhook_attempts_total\{outcome="failed"\} 2\b/);
    expect(metrics).toMatch(/chorus_jobs_processed_total\{queue="agent.webhook",outcome="completed"\} 3\b/);
    expect(metrics).toMatch(/chorus_jobs_processed_total\{queue="agent.webhook",outcome="failed"\} 1\b/);
    expect(metrics).toContain('chorus_job_duration_seconds_bucket{le="0.01",queue="agent.webhook"}');
  }, 40_000);
});
