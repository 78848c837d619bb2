import type {BenchContext} from '../lib/context.ts';
import {deliverySummary, type Delivery} from '../lib/load.ts';
import type {Quiet} from '../lib/stack.ts';
import {round} from '../lib/stats.ts';
import {cpuDelta} from '../lib/procs.ts';

export type TypingResult = {
  receivers: number;
  ratePerSecond: number;
  durationSeconds: number;
  /** How long it waited for zero-cache and Postgres to be quiet first. */
  settled: Quiet;
  /** The typist's publish → each receiver's `typing.start` frame (`toServer` to the hub's `at`). */
  delivery: Delivery;
  cpuSeconds: {api: number; zeroCache: number; postgres: number; loadGenerators: number};
};

/**
 * Issue 17's typing fan-out: on a delivery row's receivers (each with its
 * hub socket on the place's channel), the sender publishes `typing.start`
 * at `rate`/s, and every receiver's frame is timed against its publish.
 * The figure is the hub's alone: typing never touches Postgres or Zero.
 */
export async function typingFanOut(
  ctx: BenchContext,
  options: {receivers: number; rate: number; durationMs: number},
): Promise<TypingResult> {
  const {stack, load} = ctx;
  const settled = await stack.quiet();
  ctx.log(
    `  typing: quiet after ${round(settled.waitedMs / 1000, 1)} s${settled.quiet ? '' : ' (NOT quiet)'}; ` +
      `typing.start at ${options.rate}/s for ${options.durationMs / 1000} s`,
  );
  await load.clearArrivals();
  const before = {...stack.usage(), load: load.usage()};
  const sent = await load.senders[0]!.call<{sent: [string, number][]; failed: number}>('typingSend', {
    rate: options.rate,
    durationMs: options.durationMs,
  });
  const got = await load.gather(sent.sent, options.receivers, 5_000, ['typing']);
  const after = {...stack.usage(), load: load.usage()};
  const delivery = deliverySummary(got.typing, sent, options.receivers);
  ctx.log(
    `  typing p50 ${delivery.latency?.p50} ms, p99 ${delivery.latency?.p99} ms, missing ${delivery.missing}`,
  );
  return {
    receivers: options.receivers,
    ratePerSecond: options.rate,
    durationSeconds: options.durationMs / 1000,
    settled,
    delivery,
    cpuSeconds: cpuDelta(before, after),
  };
}
