import type {DeliveryResult} from '../scenarios/delivery.ts';
import type {BenchResults} from './report.ts';
import {dist, f, table} from './markdown-table.ts';

const quietFor = (d: DeliveryResult) => {
  const {connected, warmedUp} = d.settled;
  const mark = connected.quiet && warmedUp.quiet ? '' : ' (not quiet)';
  return `${f(connected.waitedMs / 1000)} + ${f(warmedUp.waitedMs / 1000)}${mark}`;
};

const cpu = (c: DeliveryResult['cpuSeconds']) =>
  `${f(c.zeroCache)} / ${f(c.api)} / ${f(c.postgres)} / ${f(c.loadGenerators)}`;

/** Issue 17's targets for *seen*, on the real room page's queries and 2 cores. */
function liveTargets(r: BenchResults): string {
  const seen = (n: number) => r.delivery?.find(d => d.receivers === n)?.seen.latency;
  const typing = r.delivery?.find(d => d.typing?.receivers === 200)?.typing?.delivery.latency;
  const rows: [string, number | undefined, number][] = [
    ['seen, 1 receiver, p50', seen(1)?.p50, 10],
    ['seen, 200 receivers at 2 msg/s, p50', seen(200)?.p50, 40],
    ['seen, 200 receivers at 2 msg/s, p99', seen(200)?.p99, 120],
    ['seen, 300 receivers at 2 msg/s, p99', seen(300)?.p99, 200],
    ['typing fan-out to 200 at 2/s, p50', typing?.p50, 40],
    ['typing fan-out to 200 at 2/s, p99', typing?.p99, 120],
  ];
  return table(
    ['target (issue 17)', 'goal', 'measured', 'met'],
    rows.map(([what, measured, limit]) => [
      what,
      `≤ ${limit} ms`,
      measured === undefined ? 'not measured' : `${f(measured)} ms`,
      measured === undefined ? '–' : measured <= limit ? 'pass' : '**miss**',
    ]),
  );
}

/** [1] + [7] and issue 17: seen (fast lane or replica, whichever first), in replica, the baseline, typing. */
export function deliveryMarkdown(r: BenchResults): string[] {
  if (!r.delivery?.length) return [];
  const out: string[] = [
    '',
    '### 1 + 7. Delivery: sender’s mutator call → receiver has the message',
    '',
    `One room, one sender at 2 msg/s${r.config.send === 'rest' ? ', posting through REST as the client does (OB5)' : ', posting through Zero’s push (`--send=zero`), not REST as the client does'}. ` +
      '**seen**: per receiver and message, the earlier of the live ' +
      'hub’s `message.created` and the Zero query listing the row (what a person sees first); ' +
      '**in replica**: the Zero query alone; **lag**: in replica − seen, p50 / p99. ' +
      `The baseline (Postgres insert, then a \`ws\` broadcast) runs with the same receivers and rate for ${r.delivery[0]!.baselineSeconds} s; ` +
      '**ratio** is seen ÷ baseline. Each row measures once zero-cache and Postgres are quiet: ' +
      '**quiet after s** is the wait after connecting + after the warm-up messages. ' +
      'The split is at the API’s clocks: →API ends at the server mutator’s `createdAt`; the fast lane ' +
      'then publishes after commit (the event’s `at`) and the hub fans out; the replica’s part is replication, zero-cache and the client.',
    '',
  ];
  const rows = [
    ...r.delivery,
    ...(r.deliveryDM ? [r.deliveryDM] : []),
    ...(r.deliveryReading ? [{...r.deliveryReading, reading: true}] : []),
  ].map(d => [
    `${d.receivers}${d.place === 'dm' ? ' (DM)' : ''}${'reading' in d ? ' (marking read)' : ''}`,
    `${d.ratePerSecond} × ${d.durationSeconds} s`,
    dist(d.seen.latency),
    dist(d.replica.latency),
    `${f(d.replicaLag?.p50)} / ${f(d.replicaLag?.p99)}`,
    `${f(d.seen.toServer?.p50)} + ${f(d.live.published?.commit?.p50)} + ${f(d.live.published?.fanOut?.p50)} / ${f(d.replica.fromServer?.p50)}`,
    d.baseline.latency ? dist(d.baseline.latency) : '–',
    d.ratio ? `${d.ratio.p50} / ${d.ratio.p99}` : '–',
    `${d.live.missing} / ${d.replica.missing} / ${d.seen.failedSends}`,
    quietFor(d),
    cpu(d.cpuSeconds),
    f(d.pgCommitsPerMessage),
  ]);
  out.push(
    table(
      [
        'receivers',
        'msg/s × time',
        'seen',
        'in replica',
        'lag p50 / p99',
        'p50 split: →API + API→published + →live / API→replica',
        'baseline (pg + ws)',
        'ratio p50 / p99',
        'missing live / replica / failed',
        'quiet after s',
        'CPU s: zero-cache / API / pg / load',
        'pg commits / msg',
      ],
      rows,
    ),
  );
  const typing = r.delivery.flatMap(d => (d.typing ? [d.typing] : []));
  if (typing.length) {
    out.push(
      '',
      '**Typing fan-out**: on the same receivers, the sender publishes `typing.start` to the room; ' +
        'publish → each receiver’s frame (**→hub** is publish → the hub’s stamp).',
      '',
      table(
        [
          'receivers',
          'events/s × time',
          'publish → received',
          '→hub p50',
          'missing',
          'quiet after s',
          'CPU s: zero-cache / API / pg / load',
        ],
        typing.map(t => [
          String(t.receivers),
          `${t.ratePerSecond} × ${t.durationSeconds} s`,
          dist(t.delivery.latency),
          f(t.delivery.toServer?.p50),
          String(t.delivery.missing),
          `${f(t.settled.waitedMs / 1000)}${t.settled.quiet ? '' : ' (not quiet)'}`,
          cpu(t.cpuSeconds),
        ]),
      ),
    );
  }
  out.push(
    '',
    `Targets for *seen* (\`${r.config.profile}\` receivers, ${r.machine.cpus} cores):`,
    '',
    liveTargets(r),
  );
  for (const d of [...r.delivery, ...(r.deliveryReading ? [r.deliveryReading] : [])]) {
    if (!d.pgStatements?.length) continue;
    out.push(
      '',
      `Postgres's costliest statements while ${d.receivers} receiver(s) got ${d.replica.sent} messages (\`--pg-stats\`):`,
      '',
      table(
        ['database', 'calls', 'total ms', 'mean ms', 'rows', 'statement'],
        d.pgStatements.map(s => [
          s.database,
          String(s.calls),
          f(s.totalMs),
          String(s.meanMs),
          String(s.rows),
          `\`${s.query.replace(/`/g, "'").replace(/\|/g, '\\|')}\``,
        ]),
      ),
    );
  }
  return out;
}
