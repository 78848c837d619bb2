import {randomUUID} from 'node:crypto';
import type {Context, MiddlewareHandler} from 'hono';
import {withLogContext} from '../telemetry/context.ts';
import type {Logger} from '../telemetry/logger.ts';
import type {Tracing} from '../telemetry/tracing.ts';

/** An id a caller (or the proxy in front) may choose: short, and safe in a header and a log line. */
const GIVEN_ID = /^[\w.:@/+=-]{1,128}$/;

/** The route pattern that answered (never the raw path: ids would explode labels and span names). */
export function routeOf(c: Context): string {
  const matched = c.req.matchedRoutes.filter(r => r.method !== 'ALL' || !r.path.endsWith('*')).at(-1);
  return matched?.path ?? 'unmatched';
}

/**
 * [OP12] Gives every request an id: the caller's `X-Request-Id` when it is a
 * sane one, else a new UUID. It is returned in `X-Request-Id`, is on every
 * log line written while the request is handled (and on the jobs it
 * queues: `jobs/observe.ts`), and one line per request says how it went.
 * [OP13] With tracing, the request is a span, a child of the caller's
 * `traceparent`.
 */
export function requestLog(options: {
  logger?: Logger | undefined;
  tracing?: Tracing | undefined;
}): MiddlewareHandler {
  return async (c, next) => {
    // Read per request: a test (or a late start) may set them after the app is made.
    const {logger, tracing} = options;
    const given = c.req.header('x-request-id');
    const requestId = given && GIVEN_ID.test(given) ? given : randomUUID();
    const start = performance.now();
    const handle = () =>
      tracing
        ? tracing.span(
            `${c.req.method}`,
            {
              kind: 'server',
              parent: c.req.header('traceparent'),
              attributes: {
                'http.request.method': c.req.method,
                'url.path': c.req.path,
                'chorus.request_id': requestId,
              },
            },
            async span => {
              await next();
              const route = routeOf(c);
              span.updateName(`${c.req.method} ${route}`);
              span.setAttribute('http.route', route);
              span.setAttribute('http.response.status_code', c.res.status);
              if (c.res.status >= 500) span.fail(`HTTP ${c.res.status}`);
            },
          )
        : next();
    await withLogContext({requestId}, handle);
    setHeader(c, 'X-Request-Id', requestId);
    logger?.info(
      {
        requestId,
        http: {
          method: c.req.method,
          route: routeOf(c),
          path: c.req.path,
          status: c.res.status,
          ms: Math.round(performance.now() - start),
        },
      },
      `${c.req.method} ${c.req.path} ${c.res.status}`,
    );
  };
}

/** Sets a header on the response, whatever made it (some responses' headers are immutable). */
function setHeader(c: Context, name: string, value: string) {
  try {
    c.res.headers.set(name, value);
  } catch {
    c.res = new Response(c.res.body, c.res);
    c.res.headers.set(name, value);
  }
}
