import {Hono} from 'hono';
import type {Deps} from '../deps.ts';

const CHECK_TIMEOUT_MS = 2_000;

/**
 * `/healthz`: the API process answers and can query Postgres (liveness).
 * `/readyz` [OP5]: whether each part the app needs is up — Postgres, the
 * files bucket and, when the deployment has one, zero-cache — with 503 and
 * `Retry-After` while any is down, so a load balancer sends no one to a
 * half-working instance.
 */
export function healthRoutes(deps: Deps) {
  const app = new Hono();

  app.get('/healthz', async c => {
    await deps.pool.query('SELECT 1');
    return c.json({status: 'ok'});
  });

  app.get('/readyz', async c => {
    const [postgres, storage, zeroCache] = await Promise.all([
      check(() => deps.pool.query('SELECT 1')),
      deps.storage
        ? check(() => deps.storage!.checkBucket(AbortSignal.timeout(CHECK_TIMEOUT_MS)))
        : undefined,
      deps.zeroCacheURL
        ? check(async () => {
            const res = await fetch(`${deps.zeroCacheURL}/keepalive`, {
              signal: AbortSignal.timeout(CHECK_TIMEOUT_MS),
            });
            if (!res.ok) throw new Error(`keepalive answered ${res.status}`);
          })
        : undefined,
    ]);
    const parts = {postgres, ...(storage ? {storage} : {}), ...(zeroCache ? {zeroCache} : {})};
    const ready = Object.values(parts).every(state => state === 'up');
    if (!ready) c.header('Retry-After', '5');
    return c.json({status: ready ? 'ready' : 'unavailable', ...parts}, ready ? 200 : 503);
  });

  return app;
}

async function check(probe: () => Promise<unknown>): Promise<'up' | 'down'> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error('timed out')), CHECK_TIMEOUT_MS);
  });
  try {
    await Promise.race([probe(), timeout]);
    return 'up';
  } catch {
    return 'down';
  } finally {
    clearTimeout(timer);
  }
}
