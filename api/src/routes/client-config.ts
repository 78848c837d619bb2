import {Hono} from 'hono';
import type {Deps} from '../deps.ts';

/** What the browser app may be told at start; `null` means "your own default". */
export type ClientConfig = {
  /** Zero's `disconnectTimeoutMs` (CLIENT_ZERO_DISCONNECT_TIMEOUT_MS). */
  zeroDisconnectTimeoutMs?: number | undefined;
};

/** [LV6] Which live adapter the browser uses: Ably when the API has a key, else the embedded hub. */
export type LiveProvider = 'hub' | 'ably';

/** `GET /api/v1/client-config`: public, no secrets, the same for everyone. */
export function clientConfigRoutes(deps: Deps) {
  const app = new Hono();
  app.get('/', c =>
    c.json(
      {
        zeroDisconnectTimeoutMs: deps.clientConfig?.zeroDisconnectTimeoutMs ?? null,
        live: {provider: (deps.ably ? 'ably' : 'hub') satisfies LiveProvider},
      },
      200,
      {'cache-control': 'no-cache'},
    ),
  );
  return app;
}
