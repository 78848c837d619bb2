import {Hono, type MiddlewareHandler} from 'hono';
import {collectDefaultMetrics, Counter, Gauge, Histogram, Registry} from 'prom-client';
import type {Deps} from '../deps.ts';
import type {JobMetrics} from '../jobs/job-metrics.ts';
import {ProblemError} from './problem.ts';
import {routeOf} from './request-log.ts';

/**
 * [OP8] Prometheus metrics at `/metrics`: requests by route (rate, status,
 * latency), job queues by state (pg-boss, shared by every process), webhook
 * deliveries by outcome, live sockets of this process, and Node's own.
 * Counts from Postgres are read when scraped, so any API process tells the
 * same about shared work. With `METRICS_TOKEN` set, a scrape must bring it
 * as a bearer token.
 */
export function createMetrics(
  deps: Pick<Deps, 'pool' | 'live'> & {
    metricsToken?: string | undefined;
    jobMetrics?: JobMetrics | undefined;
  },
) {
  const registry = new Registry();
  collectDefaultMetrics({register: registry});
  // Jobs and webhook attempts this process ran (inline workers; else the worker's own /metrics).
  deps.jobMetrics?.registerIn(registry);

  const requests = new Counter({
    name: 'chorus_http_requests_total',
    help: 'HTTP requests answered, by method, route and status.',
    labelNames: ['method', 'route', 'status'] as const,
    registers: [registry],
  });
  const latency = new Histogram({
    name: 'chorus_http_request_duration_seconds',
    help: 'Time to answer an HTTP request, by method and route.',
    labelNames: ['method', 'route'] as const,
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
    registers: [registry],
  });
  new Gauge({
    name: 'chorus_jobs',
    help: 'pg-boss jobs by queue and state (created and retry: the queue depth; failed: kept failures).',
    labelNames: ['queue', 'state'] as const,
    registers: [registry],
    async collect() {
      this.reset();
      const {rows} = await deps.pool
        .query<{name: string; state: string; n: number}>(
          `SELECT name, state, count(*)::int AS n FROM pgboss.job
            WHERE state IN ('created', 'retry', 'active', 'failed') GROUP BY name, state`,
        )
        .catch(() => ({rows: []}));
      for (const r of rows) this.set({queue: r.name, state: r.state}, r.n);
    },
  });
  new Gauge({
    name: 'chorus_webhook_deliveries',
    help: 'Agent webhook deliveries by status (pending, delivered, failed: the dead letters).',
    labelNames: ['status'] as const,
    registers: [registry],
    async collect() {
      this.reset();
      const {rows} = await deps.pool
        .query<{status: string; n: number}>(
          'SELECT status, count(*)::int AS n FROM public.agent_webhook_deliveries GROUP BY status',
        )
        .catch(() => ({rows: []}));
      for (const status of ['pending', 'delivered', 'failed']) {
        this.set({status}, rows.find(r => r.status === status)?.n ?? 0);
      }
    },
  });
  new Gauge({
    name: 'chorus_live_connections',
    help: 'Live-event sockets this process serves (the embedded hub).',
    registers: [registry],
    collect() {
      const publisher = deps.live?.publisher as {connectionCount?: number} | undefined;
      this.set(publisher?.connectionCount ?? 0);
    },
  });

  /** Counts every request under the route pattern that answered it (never the raw path: ids would explode the labels). */
  const middleware: MiddlewareHandler = async (c, next) => {
    const start = performance.now();
    await next();
    const labels = {method: c.req.method, route: routeOf(c)};
    latency.observe(labels, (performance.now() - start) / 1000);
    requests.inc({...labels, status: String(c.res.status)});
  };

  const routes = new Hono();
  routes.get('/metrics', async c => {
    if (deps.metricsToken && c.req.header('authorization') !== `Bearer ${deps.metricsToken}`) {
      throw new ProblemError(
        401,
        'Unauthorized',
        'Send the metrics token: Authorization: Bearer <METRICS_TOKEN>.',
      );
    }
    return c.body(await registry.metrics(), 200, {'content-type': registry.contentType});
  });

  return {registry, middleware, routes};
}
