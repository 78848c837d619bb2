import {readFile} from 'node:fs/promises';
import path from 'node:path';
import {serveStatic} from '@hono/node-server/serve-static';
import {Hono} from 'hono';
import {bodyLimit} from 'hono/body-limit';
import {compress} from 'hono/compress';
import {secureHeaders} from 'hono/secure-headers';
import {agentGateway} from './agents/gateway.ts';
import {mcpRoutes} from './agents/mcp.ts';
import {agentRoutes, serverAgentRoutes} from './agents/routes.ts';
import {authRoutes} from './auth/routes.ts';
import type {Deps} from './deps.ts';
import {createAppLimits, limitRestWrites} from './http/app-limits.ts';
import {healthRoutes} from './http/health.ts';
import {createMetrics} from './http/metrics.ts';
import {mountAPIDocs} from './http/openapi.ts';
import {notFound, onError, ProblemError} from './http/problem.ts';
import {requestLog} from './http/request-log.ts';
import {blockRoutes} from './routes/blocks.ts';
import {clientConfigRoutes} from './routes/client-config.ts';
import {conversationRoutes} from './routes/conversations.ts';
import {friendRoutes} from './routes/friends.ts';
import {fileRoutes} from './files/routes.ts';
import {messageRoutes} from './routes/messages.ts';
import {realtimeRoutes} from './routes/realtime.ts';
import {roomRoutes} from './routes/rooms.ts';
import {serverRoutes} from './routes/servers.ts';
import {userRoutes} from './routes/users.ts';
import {zeroRoutes} from './zero/routes.ts';

export type {Deps};

/** The whole HTTP API, without listening: `main.ts` serves it, tests call `app.request`. */
export function createApp(deps: Deps) {
  const app = new Hono();
  app.onError((err, c) => onError(err, c, deps.logger));
  app.notFound(notFound);
  // [OP12] First: every response, errors included, carries its request id.
  app.use('*', requestLog(deps));
  // [FL1] The browser PUTs files straight to storage and shows them from there.
  const storage = deps.storage ? [deps.storage.origin] : [];
  app.use(
    '*',
    secureHeaders({
      contentSecurityPolicy: {
        defaultSrc: ["'self'"],
        connectSrc: ["'self'", 'ws:', 'wss:', ...storage],
        imgSrc: ["'self'", 'data:', 'blob:', 'https:', ...storage],
        mediaSrc: ["'self'", 'blob:', ...storage],
        styleSrc: ["'self'", "'unsafe-inline'"],
        scriptSrc: ["'self'"],
        objectSrc: ["'none'"],
        baseUri: ["'self'"],
        frameAncestors: ["'none'"],
      },
      crossOriginEmbedderPolicy: false,
    }),
  );
  app.use(
    '/api/*',
    bodyLimit({
      maxSize: 1024 * 1024,
      onError: () => {
        throw new ProblemError(413, 'Payload Too Large', 'The request body is larger than 1 MiB.');
      },
    }),
  );

  // [OP8] Every request is counted, by the route that answered it.
  const metrics = createMetrics(deps);
  app.use('*', metrics.middleware);
  app.route('/', healthRoutes(deps));
  app.route('/', metrics.routes);

  // [RL1] One set of counters for every route that shares a budget.
  const limits = createAppLimits(deps);
  // The message send route counts its write alongside its first read (`writeBudget`).
  app.use('/api/v1/*', limitRestWrites(deps, limits, {settledByRoute: ['POST /api/v1/messages']}));
  app.route('/api/v1/client-config', clientConfigRoutes(deps));
  app.route('/api/v1/auth', authRoutes(deps));
  app.route('/api/v1/users', blockRoutes(deps));
  app.route('/api/v1/users', userRoutes(deps));
  app.route('/api/v1/friends', friendRoutes(deps, limits));
  app.route('/api/v1/conversations', conversationRoutes(deps));
  app.route('/api/v1/agents', agentRoutes(deps));
  app.route('/api/v1/servers', serverAgentRoutes(deps));
  app.route('/api/v1/servers', serverRoutes(deps, limits));
  app.route('/api/v1/rooms', roomRoutes(deps));
  app.route('/api/v1/messages', messageRoutes(deps));
  app.route('/api/v1/realtime', realtimeRoutes(deps));
  app.route('/api/v1/files', fileRoutes(deps));
  app.route('/api/zero', zeroRoutes(deps, limits));
  // [AG5] What AI agents call, with its own middleware chain.
  const gateway = agentGateway(deps);
  app.route('/api/agent/v1', gateway);
  // [AG9] The gateway as MCP tools, over streamable HTTP.
  app.route('/api/mcp', mcpRoutes(deps, gateway));
  // [API1] The OpenAPI document of every route above, and its reference page.
  mountAPIDocs(app, deps.publicURL);
  app.all('/api/*', notFound);

  if (deps.clientDir) mountClient(app, deps.clientDir);
  return app;
}

/** Serves the built client; every other GET gets index.html (client-side routes). */
function mountClient(app: Hono, clientDir: string) {
  const root = path.relative(process.cwd(), clientDir) || '.';
  // The bundle is ~750 KB raw, ~230 KB gzipped: never send it uncompressed.
  app.use('/assets/*', compress());
  app.use('/assets/*', async (c, next) => {
    await next();
    // Vite puts a content hash in every asset name.
    if (c.res.ok) c.header('cache-control', 'public, max-age=31536000, immutable');
  });
  // The page, the service worker and the web manifest name the current build:
  // always revalidate them, so a deploy reaches the update prompt [PWA1].
  app.use('*', async (c, next) => {
    await next();
    if (c.res.ok && !c.req.path.startsWith('/assets/')) c.header('cache-control', 'no-cache');
  });
  app.use('*', serveStatic({root}));
  let indexHTML: Promise<string> | undefined;
  app.get('*', async c => {
    indexHTML ??= readFile(path.join(clientDir, 'index.html'), 'utf8');
    c.header('cache-control', 'no-cache');
    return c.html(await indexHTML);
  });
}
