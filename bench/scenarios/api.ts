import autocannon from 'autocannon';
import type {BenchContext} from '../lib/context.ts';
import {seedMessages, seedRooms, seedServer, seedUsers} from '../lib/seed.ts';
import {round} from '../lib/stats.ts';

export type ApiEndpointResult = {
  connections: number;
  requestsPerSecond: number;
  latencyMs: {p50: number; p97_5: number; p99: number; max: number};
  requests: number;
  non2xx: number;
  errors: number;
};

export type ApiResult = {
  durationSeconds: number;
  endpoints: Record<string, ApiEndpointResult>;
  /** API process memory after the run (MB). */
  apiMemory: {rssMB: number; heapUsedMB: number; heapTotalMB: number; externalMB: number};
};

async function cannon(options: autocannon.Options): Promise<ApiEndpointResult> {
  const r = await autocannon(options);
  return {
    connections: r.connections,
    requestsPerSecond: round(r.requests.average, 1),
    latencyMs: {p50: r.latency.p50, p97_5: r.latency.p97_5, p99: r.latency.p99, max: r.latency.max},
    requests: r.requests.total,
    non2xx: r.non2xx,
    errors: r.errors,
  };
}

/**
 * [5] The REST API under autocannon, with the rate limits raised
 * (RATE_LIMIT_MULTIPLIER): sign-in (argon2id on every request), posting a
 * message (the server mutator in a transaction) and a history page (latest
 * 50 of 1,000 through ZQL on Postgres).
 */
export async function api(ctx: BenchContext, options: {durationSeconds: number}): Promise<ApiResult> {
  const {stack} = ctx;
  const base = `${stack.url}/api/v1`;
  const email = `bench-${Date.now()}@bench.test`;
  const password = 'correct horse battery staple';
  const registered = await fetch(`${base}/auth/register`, {
    method: 'POST',
    headers: {'content-type': 'application/json'},
    body: JSON.stringify({username: `bench_${Date.now() % 1e9}`, email, password}),
  });
  if (!registered.ok) throw new Error(`register: ${registered.status} ${await registered.text()}`);

  const [poster] = await seedUsers(stack.pool, 1, 'rest');
  const serverID = await seedServer(stack.pool, [poster!], {name: 'REST'});
  const [roomID] = await seedRooms(stack.pool, serverID, 1, 'rest');
  await seedMessages(stack.pool, roomID!, poster!, 1000);
  const auth = {authorization: `Bearer ${await stack.token(poster!)}`, 'content-type': 'application/json'};
  await stack.settle(10_000);

  const duration = options.durationSeconds;
  const endpoints: ApiResult['endpoints'] = {};
  ctx.log('  POST /auth/login');
  // Few connections: each sign-in costs ~19 MiB and tens of ms of argon2id.
  endpoints['POST /auth/login'] = await cannon({
    url: `${base}/auth/login`,
    method: 'POST',
    headers: {'content-type': 'application/json'},
    body: JSON.stringify({email, password}),
    connections: 4,
    duration,
  });
  ctx.log('  POST /messages');
  endpoints['POST /messages'] = await cannon({
    url: `${base}/messages`,
    method: 'POST',
    headers: auth,
    body: JSON.stringify({roomId: roomID, content: 'Posted over REST by autocannon.'}),
    connections: 10,
    duration,
  });
  await stack.settle(10_000);
  ctx.log('  GET /messages/room/:id');
  endpoints['GET /messages/room/:id?limit=50'] = await cannon({
    url: `${base}/messages/room/${roomID}?limit=50`,
    headers: auth,
    connections: 10,
    duration,
  });
  return {durationSeconds: duration, endpoints, apiMemory: await stack.apiMemory()};
}
