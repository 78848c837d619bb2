/** Latency and size figures: every distribution is summarised the same way. */
export type Summary = {n: number; p50: number; p95: number; p99: number; max: number; mean: number};

/** Nearest-rank percentiles; `undefined` for an empty sample. */
export function summarize(values: readonly number[]): Summary | undefined {
  if (values.length === 0) return undefined;
  const sorted = [...values].sort((a, b) => a - b);
  const at = (p: number) =>
    sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(p * sorted.length) - 1))]!;
  const mean = sorted.reduce((s, v) => s + v, 0) / sorted.length;
  return {
    n: sorted.length,
    p50: round(at(0.5)),
    p95: round(at(0.95)),
    p99: round(at(0.99)),
    max: round(sorted.at(-1)!),
    mean: round(mean),
  };
}

export const round = (v: number, digits = 2) => Math.round(v * 10 ** digits) / 10 ** digits;

/** Milliseconds since the epoch with sub-millisecond resolution, comparable across processes on one machine. */
export const now = () => performance.timeOrigin + performance.now();

export const sleep = (ms: number) => new Promise<void>(resolve => setTimeout(resolve, ms));
