import {spawnSync} from 'node:child_process';
import {mkdir, mkdtemp, readFile, rm, writeFile} from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import {fileURLToPath} from 'node:url';
import {parseArgs} from 'node:util';
import type {BenchContext} from './lib/context.ts';
import type {ReceiverProfile} from './lib/zero-clients.ts';
import {Child} from './lib/ipc.ts';
import {LoadGenerators} from './lib/load.ts';
import {markdown, type BenchResults} from './lib/report.ts';
import {startBenchStack} from './lib/stack.ts';
import {round} from './lib/stats.ts';
import {loopbackCert} from './lib/webhook-receiver.ts';
import {agents} from './scenarios/agents.ts';
import {api} from './scenarios/api.ts';
import {clientWeight} from './scenarios/client-weight.ts';
import {delivery} from './scenarios/delivery.ts';
import {files} from './scenarios/files.ts';
import {localSpeed} from './scenarios/local-speed.ts';
import {offlineBoot} from './scenarios/offline-boot.ts';
import {outboxReplay} from './scenarios/outbox-replay.ts';
import {render} from './scenarios/render.ts';
import {roomOpen} from './scenarios/room-open.ts';
import {throughput} from './scenarios/throughput.ts';

/**
 * `npm run bench [-- --quick] [-- --only=delivery,api]`: starts the whole
 * stack on a fresh data dir, runs the scenarios of issue 7 (and issue 4's
 * render benchmark), writes bench/results/<timestamp>.json and prints
 * Markdown tables. See bench/README.md for how to read them.
 */

const SCENARIOS = [
  'weight',
  'delivery',
  'throughput',
  'open',
  'local',
  'api',
  'render',
  'outbox',
  'offline',
  'agents',
  'files',
] as const;
type Scenario = (typeof SCENARIOS)[number];

const {values: args} = parseArgs({
  options: {
    quick: {type: 'boolean', default: false},
    only: {type: 'string'},
    'sync-workers': {type: 'string'},
    profile: {type: 'string', default: 'room-page'},
    'ephemeral-pg': {type: 'boolean', default: false},
    'cpu-prof': {type: 'boolean', default: false},
    'no-build': {type: 'boolean', default: false},
    receivers: {type: 'string'},
    'pg-stats': {type: 'boolean', default: false},
    send: {type: 'string', default: 'rest'},
    'receiver-processes': {type: 'string', default: '4'},
    'load-nice': {type: 'string', default: '10'},
  },
});
const quick = args.quick;
const only = new Set((args.only?.split(',') ?? SCENARIOS) as Scenario[]);
for (const name of only) {
  if (!SCENARIOS.includes(name))
    throw new Error(`--only: unknown scenario ${name}; pick from ${SCENARIOS.join(', ')}`);
}
const send = args.send as 'zero' | 'rest';
if (!['zero', 'rest'].includes(send)) throw new Error(`--send: unknown ${send}; pick zero or rest`);
const profile = args.profile as ReceiverProfile;
if (!['messages', 'room-page', 'room-page-reading'].includes(profile))
  throw new Error(`--profile: unknown ${profile}`);

/** Issue 17: the typing fan-out is measured on the 200-receiver row's receivers. */
const TYPING = {receivers: 200, rate: 2, durationMs: 15_000};
type DeliveryRow = {receivers: number; durationMs: number; typing?: {rate: number; durationMs: number}};
const withTyping = (row: DeliveryRow): DeliveryRow =>
  row.receivers === TYPING.receivers
    ? {...row, typing: {rate: TYPING.rate, durationMs: TYPING.durationMs}}
    : row;

// Sized for 2 cores: the full run stays under 10 minutes, --quick around one.
const plan = quick
  ? {
      delivery: [
        {receivers: 1, durationMs: 4000},
        {receivers: 10, durationMs: 3000},
      ] as DeliveryRow[],
      baselineMs: 3000,
      reading: undefined,
      throughput: {rooms: 50, receiversPerRoom: 1, rates: [1, 4], stepMs: 3000, quietMs: 3000},
      throughputProfiles: [] as ReceiverProfile[],
      open: {messages: 10_000, repeat: 2},
      local: {messages: 10_000, repeat: 10},
      api: {durationSeconds: 2},
      render: {messages: 10_000, reloads: 1},
      outbox: {messages: 50, rooms: 5},
      offline: {messages: 1000, runs: 3},
      agents: {agents: 50, gatewayMs: 3000, webhookRate: 5, webhookMs: 3000, graceMs: 10_000, warmUpMs: 1000},
      files: {uploads: 3, thumbnailWaitMs: 30_000},
    }
  : {
      delivery: [
        {receivers: 1, durationMs: 12_000},
        {receivers: 10, durationMs: 12_000},
        {receivers: 100, durationMs: 12_000},
        withTyping({receivers: 200, durationMs: 15_000}),
        {receivers: 300, durationMs: 10_000},
      ] as DeliveryRow[],
      baselineMs: 6_000,
      reading: {receivers: 100, durationMs: 10_000},
      // At least 100 deliveries per step (2 msg/s for 50 s, 4 for 25 s, then 10 s steps).
      throughput: {
        rooms: 50,
        receiversPerRoom: 1,
        rates: [2, 4, 8, 16, 32, 64],
        stepMs: 10_000,
        minDeliveries: 100,
        quietMs: 15_000,
      },
      // The same ladder with receivers that watch only their room's messages: the engine without the unread fan-out.
      throughputProfiles: ['messages'] as ReceiverProfile[],
      open: {messages: 100_000, repeat: 7},
      local: {messages: 10_000, repeat: 50},
      api: {durationSeconds: 6},
      render: {messages: 10_000, reloads: 5},
      // Issue 14: 500 messages typed offline through the composer, then replayed.
      outbox: {messages: 500, rooms: 5},
      offline: {messages: 1000, runs: 7},
      // Issue 18: 50 agents posting for 15 s; 5 msg/s for 15 s to 50 agents' webhooks.
      agents: {
        agents: 50,
        gatewayMs: 15_000,
        webhookRate: 5,
        webhookMs: 15_000,
        graceMs: 30_000,
        warmUpMs: 3000,
      },
      // Issue 19: a 5 MB image uploaded and thumbnailed, ten times.
      files: {uploads: 10, thumbnailWaitMs: 30_000},
    };

// --receivers=1,200: only these delivery sizes (for tuning one figure), 15 s each; 200 adds the typing row.
if (args.receivers) {
  plan.delivery = args.receivers.split(',').map(n => {
    const receivers = Number(n);
    if (!Number.isInteger(receivers) || receivers < 1) throw new Error(`--receivers: ${n} is not a count`);
    return withTyping({receivers, durationMs: 15_000});
  });
}

const root = fileURLToPath(new URL('..', import.meta.url));
const startedAt = new Date();
const stamp = startedAt.toISOString().replace(/:/g, '-').replace(/\..*/, '');
const resultsDir = path.join(root, 'bench/results');
await mkdir(resultsDir, {recursive: true});
const log = (line: string) =>
  console.log(`[${((Date.now() - startedAt.getTime()) / 1000).toFixed(0).padStart(3)} s] ${line}`);

const zeroVersion = (
  JSON.parse(await readFile(path.join(root, 'node_modules/@rocicorp/zero/package.json'), 'utf8')) as {
    version: string;
  }
).version;
const results: BenchResults = {
  startedAt: startedAt.toISOString(),
  durationSeconds: 0,
  command: `npm run bench${process.argv.length > 2 ? ` -- ${process.argv.slice(2).join(' ')}` : ''}`,
  machine: {
    cpus: os.cpus().length,
    cpuModel: os.cpus()[0]?.model.trim() ?? 'unknown',
    memoryGB: Math.round(os.totalmem() / 2 ** 30),
    node: process.version,
    platform: `${os.type()} ${os.release()}`,
    loadAverage: {start: round(os.loadavg()[0]!), end: 0},
  },
  config: {
    quick,
    profile,
    send,
    syncWorkers: args['sync-workers'] ?? `default (${Math.max(1, os.availableParallelism() - 1)})`,
    postgres: args['ephemeral-pg'] ? 'embedded, fsync off' : 'embedded, durable (fsync on)',
    zeroVersion,
  },
  errors: {},
};

/** Runs one scenario; a failure is recorded and the run goes on. */
async function step<T>(name: Scenario, fn: () => Promise<T>): Promise<T | undefined> {
  if (!only.has(name)) return undefined;
  log(`${name}…`);
  try {
    return await fn();
  } catch (err) {
    results.errors[name] = err instanceof Error ? (err.stack ?? err.message) : String(err);
    log(`${name} failed: ${results.errors[name]}`);
    return undefined;
  }
}

// The production build: the API serves it to the render scenario, and it is what is weighed.
if (!args['no-build'] && ['weight', 'render', 'outbox', 'offline'].some(s => only.has(s as Scenario))) {
  log('building the client…');
  const vite = path.join(root, 'node_modules/vite/bin/vite.js');
  const built = spawnSync(process.execPath, [vite, 'build', '--logLevel', 'warn'], {
    cwd: path.join(root, 'client'),
    stdio: 'inherit',
  });
  if (built.status !== 0) throw new Error('the client build failed');
}
results.clientWeight = await step('weight', clientWeight);

const profileDir = path.join(resultsDir, `${stamp}-cpu-profiles`);
// Issue 18: the stack runs in production mode, where webhook URLs must be
// https, so the agents' receiver has a certificate the stack is told to trust.
const tlsDir = only.has('agents') ? await mkdtemp(path.join(os.tmpdir(), 'chorus-bench-tls-')) : undefined;
const tls = tlsDir ? loopbackCert(tlsDir) : undefined;
log('starting the stack…');
const stack = await startBenchStack({
  logFile: path.join(resultsDir, `${stamp}-stack.log`),
  syncWorkers: args['sync-workers'] ? Number(args['sync-workers']) : undefined,
  ephemeralPostgres: args['ephemeral-pg'],
  pgStats: args['pg-stats'],
  // Every process of the stack (API, zero-cache and its workers) writes a V8 CPU profile on exit.
  env: {
    ...(args['cpu-prof'] ? {NODE_OPTIONS: `--cpu-prof --cpu-prof-dir=${profileDir}`} : {}),
    ...(tls ? {NODE_EXTRA_CA_CERTS: tls.certFile} : {}),
  },
});
const baseline = new Child(new URL('./lib/baseline-server.ts', import.meta.url), {
  name: 'baseline',
  env: {...process.env, BENCH_DATABASE_URL: stack.databaseURL},
});
const receiverProcesses = Number(args['receiver-processes']);
if (!Number.isInteger(receiverProcesses) || receiverProcesses < 1)
  throw new Error(`--receiver-processes: a whole number ≥ 1, not ${args['receiver-processes']}`);
const loadNice = Number(args['load-nice']);
if (!Number.isInteger(loadNice) || loadNice < 0 || loadNice > 19)
  throw new Error(`--load-nice: a niceness from 0 to 19, not ${args['load-nice']}`);
const load = new LoadGenerators(receiverProcesses, 2, loadNice);
const ctx: BenchContext = {
  quick,
  stack,
  load,
  baselineURL: await baseline.call<string>('url'),
  profile,
  send,
  pgStats: args['pg-stats'],
  log,
};

try {
  // Throughput first, on a fresh zero-cache: after the delivery scenarios' 600
  // clients it holds ~2 GB, and the ladder then saw sporadic 0.6–0.9 s
  // deliveries at a quarter of a core, which measured the leftovers.
  results.throughput = await step('throughput', async () => {
    const out = [];
    for (const p of [profile, ...plan.throughputProfiles.filter(p => p !== profile)]) {
      log(` receivers with the ${p} profile`);
      out.push(await throughput({...ctx, profile: p}, {...plan.throughput, p99LimitMs: 250}));
    }
    return out;
  });
  results.delivery = await step('delivery', async () => {
    const out = [];
    for (const d of plan.delivery) {
      log(` ${d.receivers} receiver(s)`);
      const row = await delivery(ctx, {...d, rate: 2, baselineMs: plan.baselineMs});
      out.push(row);
      log(
        `  seen p50 ${row.seen.latency?.p50} ms, p99 ${row.seen.latency?.p99} ms; ` +
          `in replica p50 ${row.replica.latency?.p50} ms, p99 ${row.replica.latency?.p99} ms ` +
          `(baseline p50 ${row.baseline.latency?.p50} ms)`,
      );
    }
    return out;
  });
  results.deliveryDM = await step('delivery', async () => {
    log(' 1 receiver in a direct conversation');
    const d = plan.delivery[0]!;
    const out = await delivery(ctx, {
      receivers: 1,
      durationMs: d.durationMs,
      rate: 2,
      baselineMs: plan.baselineMs,
      place: 'dm',
    });
    log(
      `  seen p50 ${out.seen.latency?.p50} ms, p99 ${out.seen.latency?.p99} ms; ` +
        `in replica p50 ${out.replica.latency?.p50} ms, p99 ${out.replica.latency?.p99} ms`,
    );
    return out;
  });
  if (plan.reading && profile === 'room-page') {
    const reading = plan.reading;
    results.deliveryReading = await step('delivery', async () => {
      log(` ${reading.receivers} receivers marking the room read on every message`);
      return delivery({...ctx, profile: 'room-page-reading'}, {...reading, rate: 2});
    });
  }
  results.roomOpen = await step('open', () => roomOpen(ctx, plan.open));
  results.localSpeed = await step('local', () => localSpeed(ctx, plan.local));
  results.api = await step('api', () => api(ctx, plan.api));
  results.render = await step('render', () => render(ctx, plan.render));
  results.outboxReplay = await step('outbox', () => outboxReplay(ctx, plan.outbox));
  results.offlineBoot = await step('offline', () => offlineBoot(ctx, plan.offline));
  results.files = await step('files', () => files(ctx, plan.files));
  // Last: a webhook backlog it may leave must not weigh on another scenario.
  results.agents = await step('agents', () => agents(ctx, {...plan.agents, tls: tls!}));
} finally {
  log('stopping…');
  await load.stop();
  await baseline.stop();
  await stack.stop();
  if (tlsDir) await rm(tlsDir, {recursive: true, force: true});
}

results.durationSeconds = (Date.now() - startedAt.getTime()) / 1000;
results.machine.loadAverage.end = round(os.loadavg()[0]!);
const file = path.join(resultsDir, `${stamp}${quick ? '-quick' : ''}.json`);
await writeFile(file, `${JSON.stringify(results, null, 2)}\n`);
console.log(`\n${markdown(results)}\n\nResults: ${path.relative(root, file)}`);
if (args['cpu-prof']) console.log(`CPU profiles: ${path.relative(root, profileDir)}`);
process.exitCode = Object.keys(results.errors).length ? 1 : 0;
