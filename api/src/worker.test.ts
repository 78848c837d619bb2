import {spawn, type ChildProcess} from 'node:child_process';
import {createServer, type Server} from 'node:http';
import {fileURLToPath} from 'node:url';
import {PgBoss} from 'pg-boss';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {freePort} from '../../test/ports.ts';
import {restHarness} from '../../test/rest-harness.ts';
import {AgentWebhooks} from './agents/webhooks.ts';
import {BOSS_OPTIONS} from './stack.ts';

// [OP7] The job worker on its own (`npm run start:worker`): the API process
// only queues (CHORUS_WORKERS=off), a worker process delivers; killed with
// SIGKILL mid-delivery, the job is taken again by the next worker and
// completes once in effect (the same webhook-id, which receivers dedupe on).

const h = restHarness();
let boss: PgBoss;
let receiver: Server;
let url = '';
const workers: ChildProcess[] = [];
const seen: string[] = [];
let hang = true;
/** What the workers printed, shown when the test fails. */
const output: string[] = [];

beforeAll(async () => {
  receiver = createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      seen.push(String(req.headers['webhook-id']));
      // The first attempt never gets an answer: its worker dies waiting.
      if (!hang) res.writeHead(204).end();
    });
  });
  await new Promise<void>(resolve => receiver.listen(0, '127.0.0.1', resolve));
  const address = receiver.address();
  url = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}/hook`;
  boss = new PgBoss({connectionString: h.databaseURL, ...BOSS_OPTIONS});
  await boss.start();
  // This process queues only, as an API with CHORUS_WORKERS=off does.
  h.deps.agentWebhooks = await new AgentWebhooks({policy: {requireHttps: false, allowPrivate: true}}).start(
    boss,
    h.pool,
    {work: false},
  );
});
afterAll(async () => {
  for (const w of workers) w.kill('SIGKILL');
  h.deps.agentWebhooks?.stop();
  await boss.stop({graceful: false});
  receiver.closeAllConnections();
  await new Promise(resolve => receiver.close(resolve));
});

function startWorker(extraEnv: Record<string, string> = {}): ChildProcess {
  const worker = spawn(process.execPath, [fileURLToPath(new URL('./worker.ts', import.meta.url))], {
    env: {
      ...process.env,
      DATABASE_URL: h.databaseURL,
      SES_ENDPOINT: 'http://127.0.0.1:9',
      NODE_ENV: 'test',
      AGENT_WEBHOOKS_ALLOW_PRIVATE: 'true',
      ...extraEnv,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  worker.stdout?.on('data', (d: Buffer) => output.push(d.toString()));
  worker.stderr?.on('data', (d: Buffer) => output.push(d.toString()));
  workers.push(worker);
  return worker;
}

async function until<T>(fn: () => Promise<T | undefined> | T | undefined, timeoutMs: number): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await fn();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out; the workers said:\n${output.join('')}`);
    await new Promise(r => setTimeout(r, 200));
  }
}

describe('[OP7] the worker process', () => {
  it('delivers what the API queued; killed mid-delivery, the next worker completes it once', async () => {
    const {owner, member, server} = await h.community();
    const agent = await h.call(owner, 'POST', '/agents', {name: 'worked', scopes: [], webhookUrl: url});
    expect(agent.status).toBe(201);
    await h.call(owner, 'POST', `/servers/${server.id}/agents`, {agentId: agent.json.id});

    const first = startWorker();
    expect(
      (await h.call(member, 'POST', '/messages', {roomId: server.generalRoomID, content: 'job'})).status,
    ).toBe(201);
    await until(() => (seen.length ? true : undefined), 20_000);
    first.kill('SIGKILL');
    await new Promise(resolve => first.once('exit', resolve));

    hang = false;
    const metricsPort = await freePort();
    startWorker({WORKER_METRICS_PORT: String(metricsPort), HOST: '127.0.0.1'});
    const delivered = await until(async () => {
      const {rows} = await h.pool.query<{id: string; status: string}>(
        'SELECT id, status FROM agent_webhook_deliveries WHERE agent_id = $1',
        [agent.json.id],
      );
      return rows[0]?.status === 'delivered' ? rows : undefined;
    }, 45_000);
    expect(delivered).toHaveLength(1);
    // Both attempts were the same delivery: a receiver that dedupes by webhook-id acts once.
    expect(new Set(seen)).toEqual(new Set([delivered[0]!.id]));
    expect(seen.length).toBeGreaterThanOrEqual(2);

    // [OP8] The worker's own /metrics counts what it ran; [OP12] its JSON log
    // lines name the job and the request that queued it.
    const health = await fetch(`http://127.0.0.1:${metricsPort}/healthz`);
    expect(health.status).toBe(200);
    const metrics = await (await fetch(`http://127.0.0.1:${metricsPort}/metrics`)).text();
    expect(metrics).toMatch(/chorus_webhook_attempts_total\{outcome="delivered"\} 1\b/);
    expect(metrics).toMatch(/chorus_jobs_processed_total\{queue="agent.webhook",outcome="completed"\} 1\b/);
    const jobLines = output
      .join('')
      .split('\n')
      .filter(line => line.startsWith('{'))
      .map(line => JSON.parse(line) as {name?: string; queue?: string; requestId?: string; jobId?: string})
      .filter(line => line.queue === 'agent.webhook');
    expect(jobLines.length).toBeGreaterThan(0);
    for (const line of jobLines) {
      expect(line.name).toBe('worker');
      expect(line.requestId).toMatch(/^[0-9a-f-]{36}$/);
      expect(line.jobId).toMatch(/^[0-9a-f-]{36}$/);
    }
  }, 90_000);
});
