import type {Schema} from '@chorus/schema';
import type {ZQLDatabase} from '@rocicorp/zero/server';
import type {NodePgTransaction} from '@rocicorp/zero/server/adapters/pg';
import type {Pool} from 'pg';
import type {AuthConfig, OidcConfig} from './config.ts';
import type {ClientConfig} from './routes/client-config.ts';
import type {RateLimitConfig} from './http/rate-limit.ts';
import type {Mailer} from './mail/mailer.ts';
import type {SessionLiveness} from './auth/session-liveness.ts';
import type {AblyLive} from './live/ably.ts';
import type {AgentWebhooks} from './agents/webhooks.ts';
import type {Live} from './live/live.ts';
import type {FileLimits} from './files/uploads.ts';
import type {Storage} from './files/storage.ts';
import type {JobMetrics} from './jobs/job-metrics.ts';
import type {Logger} from './telemetry/logger.ts';
import type {Tracing} from './telemetry/tracing.ts';

/** Everything `createApp` needs; tests pass real instances of each. */
export type Deps = {
  pool: Pool;
  zqlDb: ZQLDatabase<Schema, NodePgTransaction>;
  auth: AuthConfig;
  /** Where people open the app; used in links sent by email. */
  publicURL: string;
  mailer: Mailer;
  /** Directory of the built client, served at `/` when set. */
  clientDir?: string | undefined;
  log?: (line: string) => void;
  /** [OP12] Where each request's log line goes (JSON, with its request id); unset: no request lines. */
  logger?: Logger | undefined;
  /** [OP13] OpenTelemetry, when `OTEL_EXPORTER_OTLP_ENDPOINT` is set: a span per request. */
  tracing?: Tracing | undefined;
  /** [OP8] This process's job and webhook counters, shown at `/metrics`. */
  jobMetrics?: JobMetrics | undefined;
  /**
   * Reverse proxies in front of the API whose `X-Forwarded-For` entries are
   * trusted for the client address (rate limits, session list). 0 or unset:
   * the socket's peer address.
   */
  trustProxy?: number | undefined;
  /** Scales the built-in rate limits; unset means the production values. */
  rateLimits?: RateLimitConfig | undefined;
  /**
   * [AC5] Remembers which sessions are still signed in (forgotten when
   * Postgres notifies a sign-out); unset: Postgres is asked on every request.
   */
  sessions?: SessionLiveness | undefined;
  /** zero-cache's app id (`ZERO_APP_ID`, default `chorus`): pushes may name only its shard, `<appID>_0`. */
  zeroAppID?: string | undefined;
  /** zero-cache's base URL, for `/readyz`; unset when the deployment runs without one. */
  zeroCacheURL?: string | undefined;
  /** Settings the browser app reads at start (`GET /api/v1/client-config`); unset ones keep the client's defaults. */
  clientConfig?: ClientConfig | undefined;
  /** The OpenID Connect provider to offer on sign-in; unset turns OIDC sign-in off. */
  oidc?: OidcConfig | undefined;
  /** [LV1] Where committed writes' live events go; unset: no live events (tests of REST alone). */
  live?: Live | undefined;
  /** [LV6] Set when live events go through Ably: it signs browsers' token requests. */
  ably?: AblyLive | undefined;
  /** [AG8] Agent webhooks: the URL policy, and the queue once started. */
  agentWebhooks?: AgentWebhooks | undefined;
  /** [OP8] When set, `/metrics` answers only a scrape that brings it as a bearer token. */
  metricsToken?: string | undefined;
  /** [FL1] S3-compatible storage for files (R2, or the embedded s3rver). */
  storage?: Storage | undefined;
  fileLimits?: FileLimits | undefined;
  /**
   * [FL7] Set when a virus scanner (clamd) is configured: queues a completed
   * file's scan. Until it is found clean the file is `scanning` and cannot be
   * downloaded; `onFileReady` is then the scan's to call.
   */
  scanFile?: ((fileID: string) => Promise<void>) | undefined;
  /** [FL5] Called once a file is ready (queues its thumbnail). */
  onFileReady?: ((fileID: string) => Promise<void>) | undefined;
};
