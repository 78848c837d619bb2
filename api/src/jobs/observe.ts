import {logContext, withLogContext} from '../telemetry/context.ts';
import type {Logger} from '../telemetry/logger.ts';
import type {Tracing} from '../telemetry/tracing.ts';
import type {JobMetrics} from './job-metrics.ts';

/** What a process watches its jobs with; every part optional (tests run jobs bare). */
export type JobObserver = {
  logger?: Logger | undefined;
  metrics?: JobMetrics | undefined;
  tracing?: Tracing | undefined;
};

/** Added to a job's data when it is queued: where it came from. */
export type JobOrigin = {requestId?: string; traceparent?: string};

/**
 * [OP12] `data` with the id of the request being handled (and its trace),
 * so the job's log lines and span name the request that caused it.
 */
export function withOrigin<T extends object>(data: T, tracing?: Tracing): T & JobOrigin {
  const requestId = logContext()?.requestId;
  const traceparent = tracing?.traceparent();
  return {...data, ...(requestId ? {requestId} : {}), ...(traceparent ? {traceparent} : {})};
}

/**
 * [OP12][OP13][OP8] Runs one job: its log lines carry the request id it was
 * queued with, its job id and queue; it is a span (child of the request's)
 * when tracing; it is counted by outcome and timed. One line says how it ended.
 */
export async function runJob<T>(
  observer: JobObserver | undefined,
  queue: string,
  job: {id: string; data: unknown},
  fn: () => Promise<T>,
  /** Whether a result that did not throw still failed (a webhook that pg-boss will retry). */
  failed: (result: T) => boolean = () => false,
): Promise<T> {
  const origin = (job.data ?? {}) as JobOrigin;
  const requestId = typeof origin.requestId === 'string' ? origin.requestId : undefined;
  const start = performance.now();
  const run = () =>
    observer?.tracing
      ? observer.tracing.span(
          `job ${queue}`,
          {
            kind: 'consumer',
            parent: typeof origin.traceparent === 'string' ? origin.traceparent : undefined,
            attributes: {
              'messaging.system': 'pg-boss',
              'messaging.destination.name': queue,
              'messaging.message.id': job.id,
              'chorus.request_id': requestId,
            },
          },
          fn,
        )
      : fn();
  return withLogContext({requestId, jobId: job.id, queue}, async () => {
    let outcome: 'completed' | 'failed' = 'failed';
    try {
      const result = await run();
      if (!failed(result)) outcome = 'completed';
      return result;
    } catch (err) {
      observer?.logger?.warn({err}, `job ${queue} failed: ${String(err)}`);
      throw err;
    } finally {
      const seconds = (performance.now() - start) / 1000;
      observer?.metrics?.jobs.inc({queue, outcome});
      observer?.metrics?.duration.observe({queue}, seconds);
      observer?.logger?.info({job: {outcome, ms: Math.round(seconds * 1000)}}, `job ${queue} ${outcome}`);
    }
  });
}
