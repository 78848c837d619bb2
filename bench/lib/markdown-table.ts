import type {Summary} from './stats.ts';

/** The report's formatting: a number or '–', a distribution as p50 / p95 / p99 / max, a Markdown table. */
export const f = (v: number | undefined, digits = 1) => (v === undefined ? '–' : v.toFixed(digits));
export const dist = (s: Summary | undefined) => `${f(s?.p50)} / ${f(s?.p95)} / ${f(s?.p99)} / ${f(s?.max)}`;
export const table = (head: string[], rows: string[][]) =>
  [
    `| ${head.join(' | ')} |`,
    `|${head.map(() => ' --- ').join('|')}|`,
    ...rows.map(r => `| ${r.join(' | ')} |`),
  ].join('\n');
