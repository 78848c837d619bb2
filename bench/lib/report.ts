import type {AgentsResult} from '../scenarios/agents.ts';
import type {FilesResult} from '../scenarios/files.ts';
import type {ApiResult} from '../scenarios/api.ts';
import type {ClientWeightResult} from '../scenarios/client-weight.ts';
import type {DeliveryResult} from '../scenarios/delivery.ts';
import type {LocalSpeedResult} from '../scenarios/local-speed.ts';
import type {OfflineBootResult} from '../scenarios/offline-boot.ts';
import type {OutboxReplayResult} from '../scenarios/outbox-replay.ts';
import type {RenderResult} from '../scenarios/render.ts';
import type {RoomOpenResult} from '../scenarios/room-open.ts';
import type {ThroughputResult} from '../scenarios/throughput.ts';
import {dist, f, table} from './markdown-table.ts';
import {agentsMarkdown} from './report-agents.ts';
import {filesMarkdown} from './report-files.ts';
import {deliveryMarkdown} from './report-delivery.ts';
import {offlineMarkdown} from './report-offline.ts';

export type Machine = {
  cpus: number;
  cpuModel: string;
  memoryGB: number;
  node: string;
  platform: string;
  /** 1-minute load average when the run started and ended: other work on a shared machine shows here. */
  loadAverage: {start: number; end: number};
};

export type BenchResults = {
  startedAt: string;
  durationSeconds: number;
  command: string;
  machine: Machine;
  config: {
    quick: boolean;
    profile: string;
    /** Missing in runs before issue 17: `zero`. */
    send?: 'zero' | 'rest';
    syncWorkers: string;
    postgres: string;
    zeroVersion: string;
  };
  clientWeight?: ClientWeightResult;
  delivery?: DeliveryResult[];
  /** The room page marking the room read on each message, as a visible tab at the bottom does. */
  deliveryReading?: DeliveryResult;
  /** Issue 16: one receiver in a 1:1 direct conversation. */
  deliveryDM?: DeliveryResult;
  /** First with the run's receiver profile, then any comparison profiles. */
  throughput?: ThroughputResult[];
  roomOpen?: RoomOpenResult;
  localSpeed?: LocalSpeedResult;
  api?: ApiResult;
  render?: RenderResult;
  outboxReplay?: OutboxReplayResult;
  offlineBoot?: OfflineBootResult;
  /** Issue 18: the agent gateway and webhooks to 50 agents. */
  agents?: AgentsResult;
  /** Issue 19: a 5 MB upload's round trip and its thumbnail. */
  files?: FilesResult;
  errors: Record<string, string>;
};

type Target = [what: string, target: string, measured: number | undefined, limit: number, unit: string];

function targets(r: BenchResults): string {
  const delivery = (n: number) => r.delivery?.find(d => d.receivers === n)?.replica.latency;
  const list: Target[] = [
    ['Delivery in replica, 1 receiver, p50', '≤ 15 ms', delivery(1)?.p50, 15, 'ms'],
    ['Delivery in replica, 200 receivers at 2 msg/s, p50', '≤ 60 ms', delivery(200)?.p50, 60, 'ms'],
    ['Delivery in replica, 200 receivers at 2 msg/s, p99', '≤ 150 ms', delivery(200)?.p99, 150, 'ms'],
    [
      'Local room query (latest 100 of 10,000), p50',
      '< 5 ms',
      r.localSpeed?.queries['roomMessages latest 100']?.ms?.p50,
      5,
      'ms',
    ],
    [
      `Cold room open (latest 50 of ${r.roomOpen?.messages.toLocaleString('en') ?? '100,000'}), p50`,
      '< 300 ms',
      r.roomOpen?.cold.complete?.p50,
      300,
      'ms',
    ],
    ['Warm room open (returning client), p50', '< 50 ms', r.roomOpen?.returning.rows?.p50, 50, 'ms'],
    [
      'Initial JS, room route, plain messages (gzip)',
      '< 250 kB',
      r.clientWeight?.routes.room?.jsGzipKB,
      250,
      'kB',
    ],
    [
      'Initial JS, room route with Markdown messages (gzip)',
      '< 250 kB',
      r.clientWeight?.routes['room + Markdown']?.jsGzipKB,
      250,
      'kB',
    ],
    [
      'API RSS under the throughput ladder (highest seen)',
      '< 250 MB',
      r.throughput?.length
        ? Math.max(...r.throughput.flatMap(t => t.steps.map(s => s.rssMB.api)))
        : undefined,
      250,
      'MB',
    ],
  ];
  return table(
    ['target (issue 7)', 'goal', 'measured', 'met'],
    list.map(([what, goal, measured, limit, unit]) => [
      what,
      goal,
      measured === undefined ? 'not measured' : `${f(measured)} ${unit}`,
      measured === undefined ? '–' : measured <= limit ? 'yes' : '**no**',
    ]),
  );
}

/** The run as Markdown: the machine, one table per scenario, the issue's targets. */
export function markdown(r: BenchResults): string {
  const out: string[] = [];
  const m = r.machine;
  out.push(
    `## Chorus benchmark — ${r.startedAt}${r.config.quick ? ' (quick)' : ''}`,
    '',
    `Machine: ${m.cpus} × ${m.cpuModel}, ${m.memoryGB} GB RAM, ${m.platform}, Node ${m.node}; ` +
      `load average ${m.loadAverage.start} at the start, ${m.loadAverage.end} at the end. ` +
      `zero ${r.config.zeroVersion}, sync workers: ${r.config.syncWorkers}, Postgres: ${r.config.postgres}, ` +
      `receivers: \`${r.config.profile}\` profile. Run took ${Math.round(r.durationSeconds)} s. ` +
      `Latencies in ms as p50 / p95 / p99 / max.`,
  );

  out.push(...deliveryMarkdown(r));

  for (const t of r.throughput ?? []) {
    out.push(
      '',
      `### 2. Sustained throughput: ${t.rooms} rooms in one server × ${t.receiversPerRoom} receiver(s) (\`${t.profile}\`), ${t.senders} senders, ${t.minDeliveries ? `steps of ${t.stepSeconds} s or more (at least ${t.minDeliveries} deliveries each)` : `${t.stepSeconds} s steps`}`,
      '',
      `Sustained (p99 ≤ ${t.p99LimitMs} ms, nothing lost): **${t.sustained ? `${t.sustained.acceptedPerSecond} msg/s` : `none of the steps (below ${t.steps[0]?.offeredPerSecond ?? '?'} msg/s)`}**` +
        (t.sustained
          ? `, API RSS ${t.sustained.rssMB.api} MB (V8 heap ${t.sustained.apiHeapUsedMB} MB), zero-cache RSS ${t.sustained.rssMB.zeroCache} MB (PSS ${t.sustained.pssMB.zeroCache} MB).`
          : '.'),
      '',
      table(
        [
          'offered msg/s',
          's',
          'accepted msg/s',
          'delivery',
          'deliveries',
          'missing',
          'RSS MB: API / zero-cache / pg',
          'PSS MB: zero-cache / pg',
          'cores: zero-cache / API / pg / load',
        ],
        t.steps.map(s => [
          String(s.offeredPerSecond),
          String(s.seconds),
          String(s.acceptedPerSecond),
          dist(s.delivery.latency),
          String(s.delivery.latency?.n ?? 0),
          String(s.delivery.missing),
          `${s.rssMB.api} / ${s.rssMB.zeroCache} / ${s.rssMB.postgres}`,
          `${s.pssMB.zeroCache} / ${s.pssMB.postgres}`,
          `${s.cores.zeroCache} / ${s.cores.api} / ${s.cores.postgres} / ${s.cores.loadGenerators}`,
        ]),
      ),
    );
  }

  if (r.roomOpen) {
    const o = r.roomOpen;
    out.push(
      '',
      `### 3. Room open: latest 50 of ${o.messages.toLocaleString('en')} messages (replicated in ${Math.round(o.replicationMs)} ms)`,
      '',
      table(
        ['open', '50 rows in the view', 'complete (server confirmed)'],
        (['cold', 'reopen', 'returning'] as const).map(k => [k, dist(o[k].rows), dist(o[k].complete)]),
      ),
    );
  }

  if (r.localSpeed) {
    out.push(
      '',
      `### 4. Local speed: \`zero.run\` over ${r.localSpeed.messages.toLocaleString('en')} local messages`,
      '',
      table(
        ['query', 'rows', 'ms'],
        Object.entries(r.localSpeed.queries).map(([name, q]) => [name, String(q.rows), dist(q.ms)]),
      ),
    );
  }

  if (r.api) {
    out.push(
      '',
      `### 5. API (autocannon, ${r.api.durationSeconds} s each, rate limits raised); API after: RSS ${r.api.apiMemory.rssMB} MB, V8 heap ${r.api.apiMemory.heapUsedMB} MB`,
      '',
      table(
        ['endpoint', 'connections', 'req/s', 'latency p50 / p97.5 / p99 / max', 'non-2xx / errors'],
        Object.entries(r.api.endpoints).map(([name, e]) => [
          name,
          String(e.connections),
          String(e.requestsPerSecond),
          `${e.latencyMs.p50} / ${e.latencyMs.p97_5} / ${e.latencyMs.p99} / ${e.latencyMs.max}`,
          `${e.non2xx} / ${e.errors}`,
        ]),
      ),
    );
  }

  if (r.clientWeight) {
    const w = r.clientWeight;
    out.push(
      '',
      '### 6. Client weight (production build, gzip)',
      '',
      table(
        ['route', 'JS gzip kB', 'CSS gzip kB', 'JS raw kB'],
        Object.entries(w.routes).map(([route, x]) => [route, f(x.jsGzipKB), f(x.cssGzipKB), f(x.jsKB)]),
      ),
      '',
      `Lazy chunks: ${Object.entries(w.lazyChunks)
        .map(([k, v]) => `${k.split('/').at(-1)} ${f(v.jsGzipKB)} kB`)
        .join(', ')}. ` +
        `Room route by package (minified kB, all its initial chunks): ${w.roomByPackage.map(([p, kb]) => `${p} ${f(kb)}`).join(', ')}.`,
    );
  }

  if (r.render) {
    const x = r.render;
    out.push(
      '',
      `### Issue 4: render a room of ${x.messages.toLocaleString('en')} messages in headless Chromium (navigation → first message row)`,
      '',
      table(
        ['open', 'first message row', 'DOMContentLoaded', 'session ready (POST /auth/refresh done)'],
        [
          [
            'cold (from zero-cache)',
            f(x.cold.firstRowMs),
            f(x.cold.domContentLoadedMs),
            f(x.cold.sessionReadyMs),
          ],
          [
            'warm reloads (local replica)',
            dist(x.warm.firstRow),
            dist(x.warm.domContentLoaded),
            dist(x.warm.sessionReady),
          ],
        ],
      ),
      '',
      `The API serves the entry script with content-encoding \`${x.entryScript.encoding}\` (${f(x.entryScript.bytes / 1000)} kB on the wire).`,
    );
  }

  out.push(...offlineMarkdown(r));
  out.push(...agentsMarkdown(r));
  out.push(...filesMarkdown(r));
  out.push('', '### Targets', '', targets(r));
  if (Object.keys(r.errors).length) {
    out.push(
      '',
      '### Errors',
      '',
      ...Object.entries(r.errors).map(([k, v]) => `- ${k}: ${v.split('\n')[0]}`),
    );
  }
  return out.join('\n');
}
