import {randomUUID} from 'node:crypto';
import {Webhook} from 'standardwebhooks';
import type {BenchContext} from '../lib/context.ts';
import {seedRooms, seedServer, seedUsers} from '../lib/seed.ts';
import type {BenchStack, Quiet} from '../lib/stack.ts';
import {sendSteadily} from '../lib/steady-sender.ts';
import {now, round, sleep, summarize, type Summary} from '../lib/stats.ts';
import {startWebhookReceiver, type LoopbackCert} from '../lib/webhook-receiver.ts';

/** Cores each process used over a phase; `bench` is this process (the posting loops, the receiver). */
export type AgentCores = {api: number; postgres: number; zeroCache: number; bench: number};

export type AgentGatewayResult = {
  agents: number;
  seconds: number;
  /** 201 answers; `rows` counts the room's messages afterwards, as a check. */
  posts: number;
  rows: number;
  postsPerSecond: number;
  latency: Summary | undefined;
  /** Answers other than 201, by status. */
  non2xx: Record<string, number>;
  errors: number;
  cores: AgentCores;
  quiet: Quiet;
};

export type AgentWebhookResult = {
  agents: number;
  rate: number;
  seconds: number;
  messages: number;
  failedSends: number;
  /** Messages × agents: every agent hears of every message (the author is a person). */
  expected: number;
  /** Deliveries of the window's messages that arrived before the grace period ran out. */
  received: number;
  duplicates: number;
  graceSeconds: number;
  /** Deliveries received per second, first send → last arrival. */
  receivedPerSecond: number;
  /** The receiver's arrival − the payload's `data.message.createdAt` (the server mutator's clock, in the transaction). */
  fromCreatedAt: Summary | undefined;
  /** The receiver's arrival − the person's POST. */
  fromSend: Summary | undefined;
  /** Per message that reached all agents: createdAt → the last agent's delivery. */
  allAgents: Summary | undefined;
  /** `agent_webhook_deliveries` rows of the window's messages when the wait ended, by status. */
  rows: Record<string, number>;
  signatures: {checked: number; valid: number};
  cores: AgentCores;
  quiet: Quiet;
  /** The warm-up: one message alone, after quiet, to every agent (createdAt → receiver). */
  single: {received: number; fromCreatedAt: Summary | undefined};
};

export type AgentsResult = {gateway: AgentGatewayResult; webhooks: AgentWebhookResult};

export type AgentsOptions = {
  agents: number;
  gatewayMs: number;
  webhookRate: number;
  webhookMs: number;
  /** How long to wait for deliveries after the last message. */
  graceMs: number;
  warmUpMs: number;
  tls: LoopbackCert;
};

type CreatedAgent = {id: string; apiKey: string; webhookSecret?: string};

/** Agents per owner allowed by [AG1]. */
const PER_OWNER = 25;

/**
 * Issue 18: the agent gateway's throughput with 50 agents posting as fast as
 * the API takes them, then webhook delivery latency to 50 agents while a
 * person posts at a steady rate. Agents are created and added to their
 * server through the real REST endpoints; the webhooks go to a real local
 * HTTPS receiver in this process.
 */
export async function agents(ctx: BenchContext, options: AgentsOptions): Promise<AgentsResult> {
  const {stack} = ctx;
  const receiver = await startWebhookReceiver(options.tls);
  try {
    ctx.log(`  creating ${options.agents} gateway agents and ${options.agents} webhook agents`);
    const gatewayPlace = await place(stack, options.agents, 'agent-gateway');
    const gatewayAgents = await createAgents(stack, gatewayPlace, options.agents, () => undefined);
    const hookPlace = await place(stack, options.agents, 'agent-webhooks');
    const hookAgents = await createAgents(stack, hookPlace, options.agents, i => `${receiver.baseURL}${i}`);

    ctx.log('  gateway: warm-up');
    await postAsFastAsPossible(stack, gatewayAgents, gatewayPlace.roomID, options.warmUpMs);
    const quiet = await stack.quiet();
    ctx.log(`  gateway: ${options.agents} agents posting for ${options.gatewayMs / 1000} s`);
    const before = cpu(stack);
    const run = await postAsFastAsPossible(stack, gatewayAgents, gatewayPlace.roomID, options.gatewayMs);
    const cores = coresSince(stack, before, run.seconds);
    const {rows} = await stack.pool.query<{n: number}>(
      'SELECT count(*)::int AS n FROM messages WHERE room_id = $1 AND created_at >= $2',
      [gatewayPlace.roomID, new Date(run.startedAt)],
    );
    const gateway: AgentGatewayResult = {
      agents: gatewayAgents.length,
      seconds: round(run.seconds),
      posts: run.latencies.length,
      rows: rows[0]!.n,
      postsPerSecond: round(run.latencies.length / run.seconds, 1),
      latency: summarize(run.latencies),
      non2xx: run.non2xx,
      errors: run.errors,
      cores,
      quiet,
    };
    ctx.log(
      `  gateway: ${gateway.postsPerSecond} posts/s, p50 ${gateway.latency?.p50} ms, p99 ${gateway.latency?.p99} ms`,
    );

    const webhooks = await measureWebhooks(ctx, options, hookPlace, hookAgents, receiver.received);
    ctx.log(
      `  webhooks: ${webhooks.received} of ${webhooks.expected} delivered, createdAt → receiver p50 ` +
        `${webhooks.fromCreatedAt?.p50} ms, p99 ${webhooks.fromCreatedAt?.p99} ms`,
    );
    // [AG3] Deleted agents get no more webhooks: a backlog left behind ends without retries.
    for (const [i, agent] of hookAgents.entries()) {
      await call(stack, hookPlace.tokens[Math.floor(i / PER_OWNER)]!, 'DELETE', `/agents/${agent.id}`);
    }
    return {gateway, webhooks};
  } finally {
    await receiver.close();
  }
}

type Place = {serverID: string; roomID: string; owners: string[]; tokens: string[]};

/** A server with one room, owned by as many people as [AG1] needs for `agents` agents (the rest admins). */
async function place(stack: BenchStack, agents: number, name: string): Promise<Place> {
  const owners = await seedUsers(stack.pool, Math.ceil(agents / PER_OWNER), name);
  const serverID = await seedServer(stack.pool, owners, {name});
  await stack.pool.query(
    `UPDATE user_servers SET role = 'admin' WHERE server_id = $1 AND user_id = ANY($2) AND role = 'member'`,
    [serverID, owners],
  );
  const [roomID] = await seedRooms(stack.pool, serverID, 1, name);
  return {serverID, roomID: roomID!, owners, tokens: await Promise.all(owners.map(o => stack.token(o)))};
}

async function call(stack: BenchStack, token: string, method: string, path: string, body?: unknown) {
  const res = await fetch(`${stack.url}/api/v1${path}`, {
    method,
    headers: {authorization: `Bearer ${token}`, 'content-type': 'application/json'},
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  if (!res.ok) throw new Error(`${method} ${path}: ${res.status} ${text}`);
  return text ? (JSON.parse(text) as unknown) : undefined;
}

/** [AG1][AG4] Agents made by their owners with `POST /agents`, each added to the server. */
async function createAgents(
  stack: BenchStack,
  at: Place,
  count: number,
  webhookURL: (i: number) => string | undefined,
): Promise<CreatedAgent[]> {
  const out: CreatedAgent[] = [];
  const tag = randomUUID().slice(0, 6);
  for (let i = 0; i < count; i++) {
    const token = at.tokens[Math.floor(i / PER_OWNER)]!;
    const url = webhookURL(i);
    const agent = (await call(stack, token, 'POST', '/agents', {
      name: `bench_${tag}_${i}`,
      scopes: ['messages:read', 'messages:write'],
      rateLimitPerHour: 100_000,
      ...(url ? {webhookUrl: url} : {}),
    })) as CreatedAgent;
    await call(stack, token, 'POST', `/servers/${at.serverID}/agents`, {agentId: agent.id});
    out.push(agent);
  }
  return out;
}

/** Every agent posts through `POST /api/agent/v1/messages`, one request in flight each, for `ms`. */
async function postAsFastAsPossible(stack: BenchStack, list: CreatedAgent[], roomID: string, ms: number) {
  const latencies: number[] = [];
  const non2xx: Record<string, number> = {};
  let errors = 0;
  const startedAt = Date.now();
  const start = now();
  const until = start + ms;
  await Promise.all(
    list.map(async (agent, i) => {
      for (let n = 1; now() < until; n++) {
        const t0 = now();
        try {
          const res = await fetch(`${stack.url}/api/agent/v1/messages`, {
            method: 'POST',
            headers: {authorization: `Bearer ${agent.apiKey}`, 'content-type': 'application/json'},
            body: JSON.stringify({roomId: roomID, content: `Gateway post ${n} from agent ${i}.`}),
          });
          await res.arrayBuffer();
          if (res.status === 201) latencies.push(now() - t0);
          else non2xx[res.status] = (non2xx[res.status] ?? 0) + 1;
        } catch {
          errors++;
        }
      }
    }),
  );
  return {startedAt, seconds: (now() - start) / 1000, latencies, non2xx, errors};
}

async function measureWebhooks(
  ctx: BenchContext,
  options: AgentsOptions,
  at: Place,
  list: CreatedAgent[],
  received: {agent: number; at: number; body: string; headers: Record<string, string>}[],
): Promise<AgentWebhookResult> {
  const {stack} = ctx;
  const token = at.tokens[0]!;
  const send = async (_: unknown, id: string) => {
    const res = await fetch(`${stack.url}/api/v1/messages`, {
      method: 'POST',
      headers: {authorization: `Bearer ${token}`, 'content-type': 'application/json'},
      body: JSON.stringify({id, roomId: at.roomID, content: `Webhook bench ${id}`}),
    });
    await res.arrayBuffer();
    return res.status === 201;
  };
  const parsed = (r: (typeof received)[number]) =>
    JSON.parse(r.body) as {data: {message: {id: string; createdAt: string}}};

  // Warm-up, measured on its own: one message after quiet, until its
  // deliveries are in (or the grace period ran out).
  await stack.quiet();
  ctx.log('  webhooks: warm-up, one message to every agent');
  const warm = randomUUID();
  await send(undefined, warm);
  const warmDeadline = now() + options.graceMs;
  while (received.length < list.length && now() < warmDeadline) await sleep(100);
  const single = {
    received: received.length,
    fromCreatedAt: summarize(received.map(r => r.at - Date.parse(parsed(r).data.message.createdAt))),
  };
  const quiet = await stack.quiet();

  ctx.log(`  webhooks: a person posting ${options.webhookRate}/s for ${options.webhookMs / 1000} s`);
  const firstIndex = received.length;
  const before = cpu(stack);
  const plan = [{sender: 0, roomID: at.roomID}];
  const sending = await sendSteadily(plan, options.webhookRate, options.webhookMs, send);
  const sentAt = new Map(sending.sent);
  const messages = sending.sent.length - sending.failed;
  const expected = messages * list.length;
  const windowed = () => received.slice(firstIndex).filter(r => sentAt.has(parsed(r).data.message.id));
  const deadline = now() + options.graceMs;
  while (windowed().length < expected && now() < deadline) await sleep(250);
  const first = sending.sent[0]?.[1] ?? now();
  const seconds = (now() - first) / 1000;
  const cores = coresSince(stack, before, seconds);

  const got = windowed();
  const ids = new Set<string>();
  let duplicates = 0;
  const fromCreatedAt: number[] = [];
  const fromSend: number[] = [];
  const lastByMessage = new Map<string, {count: number; latest: number}>();
  for (const r of got) {
    if (ids.has(r.headers['webhook-id']!)) {
      duplicates++;
      continue;
    }
    ids.add(r.headers['webhook-id']!);
    const {id, createdAt} = parsed(r).data.message;
    const latency = r.at - Date.parse(createdAt);
    fromCreatedAt.push(latency);
    fromSend.push(r.at - sentAt.get(id)!);
    const m = lastByMessage.get(id) ?? {count: 0, latest: 0};
    lastByMessage.set(id, {count: m.count + 1, latest: Math.max(m.latest, latency)});
  }
  let valid = 0;
  for (const r of got) {
    try {
      new Webhook(list[r.agent]!.webhookSecret!).verify(r.body, r.headers);
      valid++;
    } catch {
      // Counted as checked but not valid.
    }
  }
  const {rows} = await stack.pool.query<{status: string; n: number}>(
    `SELECT status, count(*)::int AS n FROM agent_webhook_deliveries
      WHERE agent_id = ANY($1) AND payload->'data'->'message'->>'id' = ANY($2) GROUP BY status`,
    [list.map(a => a.id), [...sentAt.keys()]],
  );
  const lastArrival = Math.max(first, ...got.map(r => r.at));
  return {
    agents: list.length,
    rate: options.webhookRate,
    seconds: options.webhookMs / 1000,
    messages,
    failedSends: sending.failed,
    expected,
    received: ids.size,
    duplicates,
    graceSeconds: options.graceMs / 1000,
    receivedPerSecond: round(ids.size / Math.max(0.001, (lastArrival - first) / 1000), 1),
    fromCreatedAt: summarize(fromCreatedAt),
    fromSend: summarize(fromSend),
    allAgents: summarize([...lastByMessage.values()].filter(m => m.count === list.length).map(m => m.latest)),
    rows: Object.fromEntries(rows.map(r => [r.status, r.n])),
    signatures: {checked: got.length, valid},
    cores,
    quiet,
    single,
  };
}

const cpu = (stack: BenchStack) => ({...stack.usage(), bench: process.cpuUsage()});

function coresSince(stack: BenchStack, before: ReturnType<typeof cpu>, seconds: number): AgentCores {
  const after = cpu(stack);
  const per = (a: number, b: number) => round((a - b) / seconds);
  const bench = process.cpuUsage(before.bench);
  return {
    api: per(after.api.cpuSeconds, before.api.cpuSeconds),
    postgres: per(after.postgres.cpuSeconds, before.postgres.cpuSeconds),
    zeroCache: per(after.zeroCache.cpuSeconds, before.zeroCache.cpuSeconds),
    bench: round((bench.user + bench.system) / 1e6 / seconds),
  };
}
