import {Counter, Histogram, type Registry} from 'prom-client';

export const WEBHOOK_OUTCOMES = ['delivered', 'retried', 'failed'] as const;
export type WebhookOutcome = (typeof WEBHOOK_OUTCOMES)[number];

/**
 * [OP8] Counters of the work done in this process: jobs by queue and outcome
 * (with their duration), agent webhook attempts by outcome. They count where
 * the work runs (the API with inline workers, else each worker, at its own
 * `/metrics`); Prometheus sums the processes.
 */
export class JobMetrics {
  readonly jobs = new Counter({
    name: 'chorus_jobs_processed_total',
    help: 'pg-boss jobs this process ran, by queue and outcome (completed, failed: pg-boss retries it or keeps it failed).',
    labelNames: ['queue', 'outcome'] as const,
    registers: [],
  });
  readonly duration = new Histogram({
    name: 'chorus_job_duration_seconds',
    help: 'Time to run a pg-boss job, by queue.',
    labelNames: ['queue'] as const,
    buckets: [0.01, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30],
    registers: [],
  });
  readonly webhookAttempts = new Counter({
    name: 'chorus_webhook_attempts_total',
    help: 'Agent webhook delivery attempts, by outcome: delivered, retried (another attempt follows), failed (for good: a dead letter).',
    labelNames: ['outcome'] as const,
    registers: [],
  });

  constructor() {
    // Every outcome is a series from the start, so a rate of failures is 0, not absent.
    for (const outcome of WEBHOOK_OUTCOMES) this.webhookAttempts.inc({outcome}, 0);
  }

  registerIn(registry: Registry): void {
    registry.registerMetric(this.jobs);
    registry.registerMetric(this.duration);
    registry.registerMetric(this.webhookAttempts);
  }
}
