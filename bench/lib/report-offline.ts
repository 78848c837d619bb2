import type {BenchResults} from './report.ts';
import {dist, f, table} from './markdown-table.ts';

/** Issue 14's figures: the outbox's replay after an outage, and a cold boot with no network. */
export function offlineMarkdown(r: BenchResults): string[] {
  const out: string[] = [];
  const o = r.outboxReplay;
  if (o) {
    out.push(
      '',
      `### Issue 14: outbox replay — ${o.messages} messages typed offline in ${o.rooms} rooms, then the network returns`,
      '',
      `Queued through the composer in ${f(o.queued.seconds)} s (Enter → stored in the outbox: ${dist(o.queued.perMessage)} ms). ` +
        `Times from \`setOffline(false)\`, in ms.`,
      '',
      table(
        [
          'reconnected',
          'first row',
          'all rows in Postgres',
          'outbox empty',
          'per message (row created_at − online)',
          'duplicates',
          'extra rows / failed',
          'out of order',
        ],
        [
          [
            f(o.reconnectedMs, 0),
            f(o.firstRowMs, 0),
            f(o.allRowsMs, 0),
            f(o.outboxEmptyMs, 0),
            dist(o.perMessage),
            String(o.duplicates),
            `${o.extraRows} / ${o.failed}`,
            String(o.outOfOrder),
          ],
        ],
      ),
    );
  }
  const b = r.offlineBoot;
  if (b) {
    out.push(
      '',
      `### Issue 14: cold boot of a room (${b.messages.toLocaleString('en')} messages) in a new tab, service worker stopped, ${b.runs} runs each`,
      '',
      table(
        ['network', 'first message in the list', 'painted (next frame)', 'DOMContentLoaded'],
        [
          [
            'off (service worker + IndexedDB)',
            dist(b.offline.firstMessage),
            dist(b.offline.painted),
            dist(b.offline.domContentLoaded),
          ],
          ['on', dist(b.online.firstMessage), dist(b.online.painted), dist(b.online.domContentLoaded)],
        ],
      ),
    );
  }
  return out;
}
