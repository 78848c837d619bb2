import {randomBytes} from 'node:crypto';
import {mkdir, readFile, writeFile} from 'node:fs/promises';
import path from 'node:path';
import {z} from 'zod';

/**
 * Every setting Chorus reads from the environment, validated once at start-up.
 * Unset production endpoints (DATABASE_URL, SES_ENDPOINT, ...) select the
 * embedded local stand-ins.
 */
const envSchema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().default('0.0.0.0'),
  CHORUS_DATA_DIR: z.string().default('.data'),
  PUBLIC_URL: z.url().optional(),
  DATABASE_URL: z.url().optional(),
  EMBEDDED_PG_PORT: z.coerce.number().int().min(0).max(65535).default(5439),
  JWT_SECRET: z
    .string()
    .min(32, {message: 'JWT_SECRET must be at least 32 characters (use 64 random hex digits).'})
    .optional(),
  JWT_ISSUER: z.string().default('chorus'),
  JWT_AUDIENCE: z.string().default('chorus-api'),
  ACCESS_TOKEN_TTL_SECONDS: z.coerce.number().int().min(30).max(86_400).default(900),
  REFRESH_TOKEN_TTL_DAYS: z.coerce.number().int().min(1).max(365).default(30),
  ZERO_PORT: z.coerce.number().int().min(1).max(65535).default(4848),
  /** Where the API finds zero-cache to proxy `/zero` to (another host in docker-compose). */
  ZERO_HOST: z.string().default('127.0.0.1'),
  ZERO_APP_ID: z
    .string()
    .regex(/^[a-z0-9_]+$/, {message: 'ZERO_APP_ID: lower-case letters, digits and _ only.'})
    .default('chorus'),
  /**
   * zero-cache's admin password (inspector, /statz, /heapz). Unset: a random
   * one is made once and kept in the data dir. Never empty.
   */
  ZERO_ADMIN_PASSWORD: z
    .string()
    .min(16, {message: 'ZERO_ADMIN_PASSWORD must be at least 16 characters (use 32 random hex digits).'})
    .optional(),
  /** The address the embedded zero-cache listens on: loopback, since the API's `/zero` proxy is the way in. */
  ZERO_LISTEN_HOST: z.string().default('127.0.0.1'),
  ZERO_NUM_SYNC_WORKERS: z.coerce.number().int().min(1).optional(),
  /**
   * The embedded zero-cache's CPU niceness (0–19; default 10). On one
   * machine, the API's requests and the live fast lane go first and replica
   * catch-up takes what is left: a busy zero-cache no longer delays what
   * people see (issue 17). 0 treats them alike.
   */
  ZERO_CACHE_NICE: z.coerce.number().int().min(0).max(19).default(10),
  /**
   * Where zero-cache keeps each client's sync state (CVR). Default: the main
   * database; with embedded Postgres, its own database without synchronous
   * commit (see startStack).
   */
  ZERO_CVR_DB: z.url().optional(),
  /**
   * Ably's API key (`appID.keyID:secret`) for live events; unset: the
   * embedded hub at `/api/live`. Never sent to a browser.
   */
  ABLY_API_KEY: z
    .string()
    .regex(/^[^.:\s]+\.[^.:\s]+:\S+$/, {
      message: 'ABLY_API_KEY looks like appID.keyID:secret (from the Ably dashboard).',
    })
    .optional(),
  /**
   * [FL1] S3-compatible storage for files: Cloudflare R2
   * (`https://<account>.r2.cloudflarestorage.com`, region `auto`) or any S3.
   * Unset: the embedded s3rver on S3_LOCAL_PORT, files in the data dir.
   */
  S3_ENDPOINT: z.url().optional(),
  S3_REGION: z.string().default('auto'),
  S3_BUCKET: z
    .string()
    .regex(/^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/, {message: 'S3_BUCKET: a bucket name (a-z, 0-9, . and -).'})
    .default('chorus'),
  S3_ACCESS_KEY_ID: z.string().optional(),
  S3_SECRET_ACCESS_KEY: z.string().optional(),
  S3_LOCAL_PORT: z.coerce.number().int().min(0).max(65535).default(8006),
  /** [FL3] Largest file (bytes) and one person's uploads per 24 hours (bytes). */
  FILE_MAX_BYTES: z.coerce
    .number()
    .int()
    .min(1024)
    .max(5 * 1024 ** 3)
    .default(25 * 1024 * 1024),
  FILE_DAILY_QUOTA_BYTES: z.coerce
    .number()
    .int()
    .min(1024)
    .default(1024 ** 3),
  /**
   * [FL7] A ClamAV daemon (clamd) that scans every completed upload before it
   * can be downloaded; unset: no scanning. Its StreamMaxLength must be at
   * least FILE_MAX_BYTES.
   */
  CLAMAV_HOST: z.string().min(1).optional(),
  CLAMAV_PORT: z.coerce.number().int().min(1).max(65535).default(3310),
  AWS_REGION: z.string().default('us-east-1'),
  SES_ENDPOINT: z.url().optional(),
  SES_LOCAL_PORT: z.coerce.number().int().min(0).max(65535).default(8005),
  MAIL_FROM: z.string().default('Chorus <no-reply@chorus.local>'),
  LOG_LEVEL: z.enum(['debug', 'info', 'warn', 'error']).default('info'),
  /**
   * [OP12] `json`: one object a line with its request id (`npm run start:api`,
   * the worker); `pretty`: the messages alone (`npm start`'s default).
   */
  LOG_FORMAT: z.enum(['json', 'pretty']).optional(),
  /** Reverse proxies in front of the API whose `X-Forwarded-For` entries are trusted; `true` means one. */
  TRUST_PROXY: z
    .union([
      z.enum(['true', 'false']).transform(v => (v === 'true' ? 1 : 0)),
      z.coerce.number().int().min(0).max(10),
    ])
    .default(0),
  /**
   * Sent to the browser (`GET /api/v1/client-config`): how long Zero stays
   * `connecting` before it calls itself disconnected (Zero's default: 1 min).
   * The outbox keeps writes past it either way; tests shorten it.
   */
  CLIENT_ZERO_DISCONNECT_TIMEOUT_MS: z.coerce.number().int().min(1000).max(86_400_000).optional(),
  /** Scales every rate limit (raise it for load tests). */
  /**
   * [AG8] Agent webhooks to loopback and private addresses (agents on this
   * machine or network). Default: allowed with the embedded database, refused
   * with DATABASE_URL (a deployment).
   */
  AGENT_WEBHOOKS_ALLOW_PRIVATE: z
    .enum(['true', 'false'])
    .transform(v => v === 'true')
    .optional(),
  /**
   * [OP7] Where pg-boss jobs (mail, agent webhooks) run: `inline` in the API
   * process, or `off`, when `npm run start:worker` runs them on their own.
   */
  CHORUS_WORKERS: z.enum(['inline', 'off']).default('inline'),
  /** [OP8] A bearer token `/metrics` requires; unset: open (keep it off the public internet at the proxy). */
  METRICS_TOKEN: z.string().min(16, {message: 'METRICS_TOKEN must be at least 16 characters.'}).optional(),
  /**
   * [OP8] The worker's own port for `/metrics` (its job and webhook counters)
   * and `/healthz`; unset: the worker listens on nothing.
   */
  WORKER_METRICS_PORT: z.coerce.number().int().min(1).max(65535).optional(),
  /**
   * [OP13] OpenTelemetry: traces of HTTP requests and jobs go to this OTLP/HTTP
   * endpoint (the collector's base URL; `/v1/traces` is added). Unset: no
   * tracing code is even loaded.
   */
  OTEL_EXPORTER_OTLP_ENDPOINT: z
    .url({protocol: /^https?$/, message: "OTEL_EXPORTER_OTLP_ENDPOINT must be the collector's http(s) URL."})
    .optional(),
  /** The service name on those traces (`chorus-api` or `chorus-worker` when unset). */
  OTEL_SERVICE_NAME: z.string().min(1).optional(),
  /** [OP10] Days agents' audit rows are kept. */
  AUDIT_RETENTION_DAYS: z.coerce.number().int().min(1).max(3650).default(90),
  RATE_LIMIT_MULTIPLIER: z.coerce.number().positive().max(1_000_000).default(1),
  /** Sign-in with an OpenID Connect provider (Auth0, …): on when all three are set. */
  OIDC_ISSUER: z
    .url({protocol: /^https?$/, message: "OIDC_ISSUER must be the provider's http(s) issuer URL."})
    .optional(),
  OIDC_CLIENT_ID: z.string().optional(),
  OIDC_CLIENT_SECRET: z.string().optional(),
  /** The provider's name on the sign-in button ("Sign in with Auth0"); the issuer's host when unset. */
  OIDC_PROVIDER_NAME: z.string().max(40).optional(),
});

const OIDC_REQUIRED = ['OIDC_ISSUER', 'OIDC_CLIENT_ID', 'OIDC_CLIENT_SECRET'] as const;

// A half-configured provider is a mistake to report, not a reason to start without it.
const envSchemaChecked = envSchema.superRefine((env, ctx) => {
  if (env.S3_ENDPOINT && (!env.S3_ACCESS_KEY_ID || !env.S3_SECRET_ACCESS_KEY)) {
    ctx.addIssue({
      code: 'custom',
      path: ['S3_ACCESS_KEY_ID'],
      message:
        'S3_ACCESS_KEY_ID and S3_SECRET_ACCESS_KEY are required with S3_ENDPOINT (an R2 API token’s keys).',
    });
  }
  const set = OIDC_REQUIRED.filter(name => env[name] !== undefined);
  if (set.length === 0 || set.length === OIDC_REQUIRED.length) return;
  for (const name of OIDC_REQUIRED.filter(n => env[n] === undefined)) {
    ctx.addIssue({
      code: 'custom',
      path: [name],
      message: `${name} is required when ${set.join(' and ')} ${set.length === 1 ? 'is' : 'are'} set (OIDC sign-in needs all three).`,
    });
  }
});

export type Env = z.infer<typeof envSchema>;

/** Parses the environment or throws one error listing every bad variable. */
export function parseEnv(env: NodeJS.ProcessEnv = process.env): Env {
  // An empty variable means "not set" (as docker-compose writes `FOO=`).
  const present = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== ''));
  const result = envSchemaChecked.safeParse(present);
  if (!result.success) {
    const lines = result.error.issues.map(i => `  ${i.path.join('.')}: ${i.message}`);
    throw new Error(`Invalid configuration:\n${lines.join('\n')}`);
  }
  return result.data;
}

/** The OpenID Connect provider people may sign in with (`Deps.oidc`). */
export type OidcConfig = {
  issuer: string;
  clientID: string;
  clientSecret: string;
  /** Shown on the sign-in button. */
  name: string;
};

/** The provider from the environment, or undefined when OIDC sign-in is off. */
export function oidcConfigFromEnv(env: Env): OidcConfig | undefined {
  if (!env.OIDC_ISSUER || !env.OIDC_CLIENT_ID || !env.OIDC_CLIENT_SECRET) return undefined;
  return {
    issuer: env.OIDC_ISSUER,
    clientID: env.OIDC_CLIENT_ID,
    clientSecret: env.OIDC_CLIENT_SECRET,
    name: env.OIDC_PROVIDER_NAME ?? new URL(env.OIDC_ISSUER).host,
  };
}

export type AuthConfig = {
  jwtSecret: Uint8Array;
  issuer: string;
  audience: string;
  accessTokenTTLSeconds: number;
  refreshTokenTTLDays: number;
  /** Marks the refresh cookie Secure (https deployments). */
  secureCookies: boolean;
};

/**
 * The JWT signing key: JWT_SECRET when set, otherwise a strong random key made
 * once and kept in the data dir, so sessions survive a restart.
 */
export async function loadJwtSecret(env: Env): Promise<Uint8Array> {
  return new TextEncoder().encode(env.JWT_SECRET ?? (await dataDirSecret(env.CHORUS_DATA_DIR, 'jwt-secret')));
}

/**
 * zero-cache's admin password: ZERO_ADMIN_PASSWORD when set, otherwise a
 * random one made once and kept in the data dir (`zero-admin-password`).
 */
export async function loadZeroAdminPassword(env: Env): Promise<string> {
  return env.ZERO_ADMIN_PASSWORD ?? (await dataDirSecret(env.CHORUS_DATA_DIR, 'zero-admin-password'));
}

/** A random secret kept in `dataDir/name` (0600), made on first use. */
async function dataDirSecret(dataDir: string, name: string): Promise<string> {
  const file = path.join(dataDir, name);
  try {
    const secret = (await readFile(file, 'utf8')).trim();
    if (secret) return secret;
  } catch {
    // made below
  }
  await mkdir(dataDir, {recursive: true});
  const secret = randomBytes(48).toString('base64url');
  await writeFile(file, secret, {mode: 0o600});
  return secret;
}
