import type {BenchResults} from './report.ts';
import {dist, f, table} from './markdown-table.ts';

/** Issue 19's figures: a 5 MB upload's round trip and its thumbnail's latency. */
export function filesMarkdown(r: BenchResults): string[] {
  const x = r.files;
  if (!x) return [];
  return [
    '',
    `### Issue 19: files — ${x.uploads} uploads of a ${f(x.bytes / 1e6)} MB image, one at a time`,
    '',
    'Request a presigned PUT → PUT to the embedded S3 → complete (size checked, type sniffed), as the browser does; ' +
      'then complete’s answer → the thumbnail on the row (pg-boss job, sharp, stored). ms, p50 / p95 / p99 / max.',
    '',
    table(
      ['request', 'PUT', 'complete', 'round trip', 'thumbnail', 'thumbnails missing'],
      [
        [
          dist(x.request),
          dist(x.put),
          dist(x.complete),
          `**${dist(x.roundTrip)}**`,
          `**${dist(x.thumbnail)}**`,
          String(x.thumbnailsMissing),
        ],
      ],
    ),
  ];
}
