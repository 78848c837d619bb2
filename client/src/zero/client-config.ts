import * as z from 'zod/mini';

const KEY = 'chorus-client-config';
const FETCH_TIMEOUT_MS = 2000;

const clientConfigSchema = z.object({
  zeroDisconnectTimeoutMs: z.nullable(z.number()),
  /** Which fast lane carries live events (issue 17): read it with `liveProvider`. */
  live: z.optional(z.object({provider: z.string()})),
});
/** Settings the server gives the app (`GET /api/v1/client-config`); null: the client's default. */
export type ClientConfig = z.infer<typeof clientConfigSchema>;

function stored(): ClientConfig | undefined {
  try {
    const parsed = clientConfigSchema.safeParse(JSON.parse(localStorage.getItem(KEY) ?? 'null'));
    return parsed.success ? parsed.data : undefined;
  } catch {
    return undefined;
  }
}

/**
 * The fast lane to use: Ably when the server says so, else the embedded hub
 * (absent from older servers; a name this client does not know, from a newer one).
 */
export const liveProvider = (config: ClientConfig): 'hub' | 'ably' =>
  config.live?.provider === 'ably' ? 'ably' : 'hub';

let fetched: Promise<ClientConfig | undefined> | undefined;

/** Asks the server once per page; remembers the answer for offline starts. Undefined when unreachable. */
export function fetchClientConfig(): Promise<ClientConfig | undefined> {
  fetched ??= fetch('/api/v1/client-config', {signal: AbortSignal.timeout(FETCH_TIMEOUT_MS)})
    .then(async res => (res.ok ? clientConfigSchema.parse(await res.json()) : undefined))
    .then(config => {
      try {
        if (config) localStorage.setItem(KEY, JSON.stringify(config));
      } catch {
        // Storage off: asked again next time.
      }
      return config;
    })
    .catch(() => undefined);
  return fetched;
}

/**
 * The settings to start with now: the remembered ones at once (a fresh
 * answer is fetched for the next start), or, the first time, the server's
 * answer (the defaults when it cannot be reached).
 */
export function initialClientConfig(): ClientConfig | Promise<ClientConfig> {
  const remembered = stored();
  const fresh = fetchClientConfig();
  return remembered ?? fresh.then(c => c ?? {zeroDisconnectTimeoutMs: null});
}
