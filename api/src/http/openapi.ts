import {readFile} from 'node:fs/promises';
import {createRequire} from 'node:module';
import path from 'node:path';
import type {Hono} from 'hono';
import {z} from 'zod';
import {agentCreateBodySchema, agentUpdateBodySchema, logsQuerySchema} from '../agents/routes.ts';
import {
  gatewayEditBodySchema,
  gatewayReactBodySchema,
  gatewaySendBodySchema,
  gatewayTypingBodySchema,
} from '../agents/gateway.ts';
import {
  emailBodySchema,
  loginBodySchema,
  registerBodySchema,
  resetPasswordBodySchema,
  tokenBodySchema,
} from '../auth/schemas.ts';
import {
  addMemberBodySchema,
  createBodySchema as conversationCreateBodySchema,
  readBodySchema,
} from '../routes/conversations.ts';
import {friendRequestBodySchema} from '../routes/friends.ts';
import {uploadCompleteBodySchema, uploadRequestBodySchema} from '../files/uploads.ts';
import {editBodySchema, historyQuerySchema, reactBodySchema, sendBodySchema} from '../routes/messages.ts';
import {
  createRoomBodySchema,
  roomMemberBodySchema,
  roomReadBodySchema,
  updateRoomBodySchema,
} from '../routes/rooms.ts';
import {roleBodySchema, userBodySchema} from '../routes/server-members.ts';
import {
  createServerBodySchema,
  joinBodySchema,
  joinByIDBodySchema,
  updateServerBodySchema,
} from '../routes/servers.ts';
import {searchUsersQuerySchema, updateProfileBodySchema} from '../routes/users.ts';

type Schema = z.core.$ZodType;
/** What the document reads of an app: Hono's route table. */
type RouteTable = {routes: readonly {method: string; path: string}[]};
type Operation = {summary: string; body?: Schema; query?: Schema; scope?: string};

/**
 * What each endpoint does, and the very zod schemas its handler validates
 * with: the OpenAPI document is built from them and from the app's own route
 * table, so it can neither miss a route nor drift from what is checked.
 * Keys are `METHOD path` as Hono has them.
 */
const OPERATIONS: Record<string, Operation> = {
  'GET /api/v1/client-config': {summary: 'Settings the browser app reads at start.'},
  'POST /api/v1/auth/register': {
    summary: 'Creates an account and mails a verification link.',
    body: registerBodySchema,
  },
  'POST /api/v1/auth/login': {
    summary: 'Signs in: an access token, and a refresh cookie.',
    body: loginBodySchema,
  },
  'POST /api/v1/auth/refresh': {summary: 'A new access token for the refresh cookie (rotated).'},
  'POST /api/v1/auth/logout': {summary: 'Signs this session out.'},
  'POST /api/v1/auth/verify-email': {
    summary: 'Verifies an email address with the mailed token.',
    body: tokenBodySchema,
  },
  'POST /api/v1/auth/resend-verification': {
    summary: 'Mails the verification link again.',
    body: emailBodySchema,
  },
  'POST /api/v1/auth/forgot-password': {summary: 'Mails a password reset link.', body: emailBodySchema},
  'POST /api/v1/auth/reset-password': {
    summary: 'Sets a new password with the mailed token.',
    body: resetPasswordBodySchema,
  },
  'GET /api/v1/auth/providers': {summary: 'The sign-in providers offered (OIDC).'},
  'GET /api/v1/auth/session': {summary: 'The current session.'},
  'GET /api/v1/auth/oidc/start': {summary: 'Starts OpenID Connect sign-in.'},
  'GET /api/v1/auth/oidc/callback': {summary: 'The OpenID Connect provider returns here.'},
  'GET /api/v1/auth/sessions': {summary: 'My signed-in sessions.'},
  'DELETE /api/v1/auth/sessions/:id': {summary: 'Signs one of my sessions out.'},
  'DELETE /api/v1/auth/sessions': {summary: 'Signs out every other session.'},
  'GET /api/v1/users/me': {summary: 'My profile.'},
  'PATCH /api/v1/users/me': {summary: 'Changes my profile.', body: updateProfileBodySchema},
  'GET /api/v1/users/search': {
    summary: 'Finds people by username or exact address.',
    query: searchUsersQuerySchema,
  },
  'GET /api/v1/users/:id': {summary: 'Someone’s public profile.'},
  'GET /api/v1/users/me/blocks': {summary: 'The people I blocked.'},
  'POST /api/v1/users/:id/block': {summary: 'Blocks someone [F5].'},
  'DELETE /api/v1/users/:id/block': {summary: 'Unblocks someone.'},
  'POST /api/v1/friends/request': {
    summary: 'Asks someone to be friends [F2].',
    body: friendRequestBodySchema,
  },
  'GET /api/v1/friends': {summary: 'My friends.'},
  'GET /api/v1/friends/requests': {summary: 'Requests to and from me.'},
  'POST /api/v1/friends/accept/:requestId': {summary: 'Accepts a request [F3].'},
  'POST /api/v1/friends/reject/:requestId': {summary: 'Declines a request [F3].'},
  'DELETE /api/v1/friends/requests/:requestId': {summary: 'Cancels my request [F3].'},
  'DELETE /api/v1/friends/:userId': {summary: 'Ends a friendship [F4].'},
  'POST /api/v1/conversations': {
    summary: 'Opens a direct conversation [DM1].',
    body: conversationCreateBodySchema,
  },
  'GET /api/v1/conversations': {summary: 'My conversations, latest activity first, with unread counts.'},
  'GET /api/v1/conversations/:id': {summary: 'One conversation.'},
  'GET /api/v1/conversations/:id/messages': {
    summary: 'A conversation’s messages, newest first.',
    query: historyQuerySchema,
  },
  'POST /api/v1/conversations/:id/members': {
    summary: 'Adds a friend to a group [DM3].',
    body: addMemberBodySchema,
  },
  'DELETE /api/v1/conversations/:id/members/me': {summary: 'Leaves a group [DM3].'},
  'POST /api/v1/conversations/:id/read': {summary: 'Marks a conversation read [DM5].', body: readBodySchema},
  'GET /api/v1/servers/directory': {summary: 'Public servers.'},
  'POST /api/v1/servers': {summary: 'Creates a server [SV1].', body: createServerBodySchema},
  'GET /api/v1/servers': {summary: 'My servers.'},
  'POST /api/v1/servers/join': {summary: 'Joins a server by access code [SV3].', body: joinBodySchema},
  'GET /api/v1/servers/:id': {summary: 'One of my servers.'},
  'POST /api/v1/servers/:id/join': {
    summary: 'Joins a public server, or by code [SV9].',
    body: joinByIDBodySchema,
  },
  'PATCH /api/v1/servers/:id': {
    summary: 'Renames a server or changes its privacy [SV5].',
    body: updateServerBodySchema,
  },
  'DELETE /api/v1/servers/:id': {summary: 'Deletes a server (owner).'},
  'POST /api/v1/servers/:id/leave': {summary: 'Leaves a server.'},
  'POST /api/v1/servers/:id/access-code': {summary: 'A new access code.'},
  'GET /api/v1/servers/:id/members': {summary: 'A server’s members.'},
  'PATCH /api/v1/servers/:id/members/:userId': {summary: 'Changes a member’s role.', body: roleBodySchema},
  'DELETE /api/v1/servers/:id/members/:userId': {summary: 'Removes a member (kick).'},
  'POST /api/v1/servers/:id/transfer': {summary: 'Hands the server to another member.', body: userBodySchema},
  'POST /api/v1/servers/:id/bans': {summary: 'Bans a member.', body: userBodySchema},
  'DELETE /api/v1/servers/:id/bans/:userId': {summary: 'Lifts a ban.'},
  'POST /api/v1/servers/:serverId/agents': {summary: 'Adds one of my agents to a server [AG4].'},
  'POST /api/v1/rooms': {summary: 'Creates a room [R2].', body: createRoomBodySchema},
  'GET /api/v1/rooms/:id': {summary: 'One room I can read.'},
  'PATCH /api/v1/rooms/:id': {summary: 'Renames a room or changes its privacy.', body: updateRoomBodySchema},
  'DELETE /api/v1/rooms/:id': {summary: 'Deletes a room.'},
  'POST /api/v1/rooms/:id/join': {summary: 'Opens a room: marks it read up to now.'},
  'POST /api/v1/rooms/:id/read': {summary: 'Marks a room read [RS1].', body: roomReadBodySchema},
  'POST /api/v1/rooms/:id/members': {summary: 'Adds someone to a private room.', body: roomMemberBodySchema},
  'DELETE /api/v1/rooms/:id/members/:userId': {summary: 'Removes someone from a private room.'},
  'POST /api/v1/messages': {
    summary: 'Sends a message to a room or conversation [MS1].',
    body: sendBodySchema,
  },
  'GET /api/v1/messages/room/:roomId': {
    summary: 'A room’s messages, newest first.',
    query: historyQuerySchema,
  },
  'PATCH /api/v1/messages/:id': {summary: 'Edits my message.', body: editBodySchema},
  'DELETE /api/v1/messages/:id': {summary: 'Deletes a message.'},
  'POST /api/v1/messages/:id/react': {summary: 'Adds my reaction.', body: reactBodySchema},
  'DELETE /api/v1/messages/:id/react': {summary: 'Removes my reaction (?emoji=).'},
  'POST /api/v1/realtime/token': {summary: 'An Ably token request for live events [LV6].'},
  'POST /api/v1/files/upload/request': {
    summary: 'A presigned PUT for one file, valid 5 minutes [FL1].',
    body: uploadRequestBodySchema,
  },
  'POST /api/v1/files/upload/complete': {
    summary: 'Checks the uploaded file and attaches it to my message [FL3].',
    body: uploadCompleteBodySchema,
  },
  'GET /api/v1/files/:id/download': {
    summary: 'Redirects to a short-lived download, for readers of its message [FL4].',
  },
  'POST /api/v1/agents': {
    summary: 'Creates an agent; its key is in this answer only [AG1].',
    body: agentCreateBodySchema,
  },
  'GET /api/v1/agents': {summary: 'My agents (never a key).'},
  'GET /api/v1/agents/:id': {summary: 'One of my agents.'},
  'PATCH /api/v1/agents/:id': {summary: 'Changes an agent.', body: agentUpdateBodySchema},
  'POST /api/v1/agents/:id/keys': {summary: 'Rotates the key; the old one stops at once [AG2].'},
  'DELETE /api/v1/agents/:id': {summary: 'Deletes (disables) an agent and its keys [AG3].'},
  'GET /api/v1/agents/:id/logs': {summary: 'The agent’s audit log [AG7].', query: logsQuerySchema},
  'GET /api/v1/agents/:id/deliveries': {summary: 'Webhook deliveries (?status=failed: dead letters) [AG8].'},
  'POST /api/v1/agents/:id/deliveries/:deliveryId/replay': {summary: 'Sends a failed delivery again.'},
  'POST /api/v1/agents/:id/webhook': {summary: 'Sends a signed test event.'},
  'GET /api/agent/v1/me': {summary: 'The calling agent.'},
  'GET /api/agent/v1/rooms': {
    summary: 'Rooms and conversations the agent was added to.',
    scope: 'messages:read',
  },
  'GET /api/agent/v1/rooms/:roomId/messages': {
    summary: 'A room’s messages, newest first.',
    query: historyQuerySchema,
    scope: 'messages:read',
  },
  'GET /api/agent/v1/conversations/:id/messages': {
    summary: 'A conversation’s messages, newest first.',
    query: historyQuerySchema,
    scope: 'messages:read',
  },
  'POST /api/agent/v1/messages': {
    summary: 'Sends a message.',
    body: gatewaySendBodySchema,
    scope: 'messages:write',
  },
  'PATCH /api/agent/v1/messages/:id': {
    summary: 'Edits its own message.',
    body: gatewayEditBodySchema,
    scope: 'messages:write',
  },
  'DELETE /api/agent/v1/messages/:id': {summary: 'Deletes its own message.', scope: 'messages:write'},
  'POST /api/agent/v1/messages/:id/reactions': {
    summary: 'Adds a reaction.',
    body: gatewayReactBodySchema,
    scope: 'reactions:write',
  },
  'POST /api/agent/v1/files/upload/request': {
    summary: 'A presigned PUT for one file, under the people’s limits and quota [FL1].',
    body: uploadRequestBodySchema,
    scope: 'files:write',
  },
  'POST /api/agent/v1/files/upload/complete': {
    summary: 'Checks the uploaded file and attaches it to its own message [FL3].',
    body: uploadCompleteBodySchema,
    scope: 'files:write',
  },
  'GET /api/agent/v1/files/:id/download': {
    summary: 'Redirects to a short-lived download of a file it may read [FL4].',
    scope: 'messages:read',
  },
  'POST /api/agent/v1/typing': {
    summary: 'Shows the agent typing.',
    body: gatewayTypingBodySchema,
    scope: 'messages:write',
  },
};

/** Routes that exist only with some settings (OIDC sign-in). */
const ONLY_WITH_SETTINGS = new Set(['GET /api/v1/auth/oidc/start', 'GET /api/v1/auth/oidc/callback']);

const jsonSchema = (schema: Schema) => z.toJSONSchema(schema, {io: 'input', unrepresentable: 'any'});

/** The documented routes of `app`: every `/api/v1` and `/api/agent/v1` route it has. */
export function documentedRoutes(app: RouteTable) {
  const seen = new Set<string>();
  return app.routes
    .filter(r => r.method !== 'ALL' && /^\/api\/(v1|agent\/v1)\//.test(r.path) && !r.path.endsWith('*'))
    .map(r => `${r.method} ${r.path}`)
    .filter(key => !seen.has(key) && (seen.add(key), true));
}

/** [API1] The OpenAPI 3.1 document of `app`, from its route table and its validating schemas. */
export function openAPIDocument(app: RouteTable, serverURL: string) {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const key of documentedRoutes(app)) {
    const [method, route] = key.split(' ') as [string, string];
    const op = OPERATIONS[key];
    const agent = route.startsWith('/api/agent/v1/');
    const openPath = route.replace(/:([A-Za-z]+)/g, '{$1}');
    const params = [...route.matchAll(/:([A-Za-z]+)/g)].map(m => ({
      name: m[1],
      in: 'path',
      required: true,
      schema: {type: 'string'},
    }));
    const query = op?.query ? queryParameters(op.query) : [];
    paths[openPath] ??= {};
    paths[openPath][method.toLowerCase()] = {
      tags: [agent ? 'Agent gateway' : route.split('/')[3]],
      summary: op?.summary ?? key,
      ...(op?.scope ? {description: `Needs the \`${op.scope}\` scope.`} : {}),
      security: agent ? [{agentKey: []}] : [{accessToken: []}],
      parameters: [...params, ...query],
      ...(op?.body
        ? {requestBody: {required: true, content: {'application/json': {schema: jsonSchema(op.body)}}}}
        : {}),
      responses: {
        default: {
          description: 'Success, or an `application/problem+json` error (RFC 9457) saying what to do next.',
        },
      },
    };
  }
  return {
    openapi: '3.1.0',
    info: {
      title: 'Chorus API',
      version: '1',
      description:
        'REST for people (`/api/v1`, a Bearer access token) and the agent gateway (`/api/agent/v1`, a Bearer `chorus_ak_` key). Errors are application/problem+json.',
    },
    servers: [{url: serverURL}],
    components: {
      securitySchemes: {
        accessToken: {type: 'http', scheme: 'bearer', bearerFormat: 'JWT'},
        agentKey: {type: 'http', scheme: 'bearer', description: 'An agent key, chorus_ak_…'},
      },
    },
    paths,
  };
}

function queryParameters(schema: Schema) {
  const json = jsonSchema(schema) as {properties?: Record<string, unknown>; required?: string[]};
  return Object.entries(json.properties ?? {}).map(([name, s]) => ({
    name,
    in: 'query',
    required: json.required?.includes(name) ?? false,
    schema: s,
  }));
}

/** Routes without a description, and descriptions of routes that do not exist (tests keep both empty). */
export function documentationGaps(app: RouteTable): {undocumented: string[]; stale: string[]} {
  const routes = documentedRoutes(app);
  return {
    undocumented: routes.filter(key => !OPERATIONS[key]),
    stale: Object.keys(OPERATIONS).filter(key => !routes.includes(key) && !ONLY_WITH_SETTINGS.has(key)),
  };
}

const swaggerDir = path.dirname(createRequire(import.meta.url).resolve('swagger-ui-dist/package.json'));

/** `/api/docs`: Swagger UI (served from the package, no CDN) on `/api/openapi.json`. */
export function mountAPIDocs(app: Hono, serverURL: string) {
  let document: unknown;
  app.get('/api/openapi.json', c => c.json((document ??= openAPIDocument(app, serverURL))));
  app.get('/api/docs', c =>
    c.html(`<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Chorus API</title>
<meta name="viewport" content="width=device-width, initial-scale=1">
<link rel="stylesheet" href="/api/docs/assets/swagger-ui.css"></head>
<body><div id="docs"></div>
<script src="/api/docs/assets/swagger-ui-bundle.js"></script>
<script src="/api/docs/assets/init.js"></script></body></html>`),
  );
  app.get('/api/docs/assets/init.js', c =>
    c.body("SwaggerUIBundle({url: '/api/openapi.json', dom_id: '#docs'});", 200, {
      'content-type': 'text/javascript; charset=utf-8',
    }),
  );
  for (const file of ['swagger-ui.css', 'swagger-ui-bundle.js']) {
    app.get(`/api/docs/assets/${file}`, async c =>
      c.body(await readFile(path.join(swaggerDir, file)), 200, {
        'content-type': file.endsWith('.css') ? 'text/css; charset=utf-8' : 'text/javascript; charset=utf-8',
        'cache-control': 'public, max-age=86400',
      }),
    );
  }
}
