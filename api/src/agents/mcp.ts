import {McpServer} from '@modelcontextprotocol/sdk/server/mcp.js';
import {WebStandardStreamableHTTPServerTransport} from '@modelcontextprotocol/sdk/server/webStandardStreamableHttp.js';
import {Hono} from 'hono';
import {z} from 'zod';
import type {Deps} from '../deps.ts';
import {ProblemError} from '../http/problem.ts';
import {AGENT_KEY_PREFIX, hashAgentKey} from './keys.ts';
import {agentByKeyHash} from './store.ts';

/** A call to the agent gateway as the agent, answered with its status and JSON body. */
export type GatewayCall = (
  method: string,
  path: string,
  body?: unknown,
) => Promise<{status: number; json: unknown}>;

type ToolResult = {content: {type: 'text'; text: string}[]; isError?: boolean};

/** A gateway answer as an MCP tool result: the JSON, or the problem's words as an error. */
async function asResult(answer: Promise<{status: number; json: unknown}>): Promise<ToolResult> {
  const {status, json} = await answer;
  if (status >= 400) {
    const detail = (json as {detail?: string} | undefined)?.detail ?? `HTTP ${status}`;
    return {content: [{type: 'text', text: detail}], isError: true};
  }
  return {content: [{type: 'text', text: JSON.stringify(json ?? {ok: true})}]};
}

const id = z.string().uuid();

/**
 * [AG9] The agent gateway as MCP tools, so any MCP-capable assistant can take
 * part in Chorus. Every tool is one gateway call with the agent's own key:
 * the same scopes, sandbox, rate limit and audit as calling it directly.
 */
export function chorusMcpServer(call: GatewayCall): McpServer {
  const server = new McpServer({name: 'chorus', version: '1.0.0'});
  server.registerTool(
    'list_rooms',
    {
      description: 'The rooms and direct conversations this agent was added to.',
      annotations: {readOnlyHint: true},
    },
    () => asResult(call('GET', '/rooms')),
  );
  server.registerTool(
    'read_messages',
    {
      description: 'The latest messages of a room (newest first); pass nextCursor as before for older ones.',
      inputSchema: {
        roomId: id,
        before: z.string().max(200).optional(),
        limit: z.number().int().min(1).max(200).optional(),
      },
      annotations: {readOnlyHint: true},
    },
    ({roomId, before, limit}) => {
      const query = new URLSearchParams();
      if (before) query.set('before', before);
      if (limit) query.set('limit', String(limit));
      const qs = query.size ? `?${query}` : '';
      return asResult(call('GET', `/rooms/${roomId}/messages${qs}`));
    },
  );
  server.registerTool(
    'send_message',
    {
      description: 'Posts a message (Markdown) to a room or a direct conversation, or as a thread reply.',
      inputSchema: {
        roomId: id.optional(),
        conversationId: id.optional(),
        content: z.string().min(1).max(8000),
        parentId: id.optional(),
      },
    },
    args => asResult(call('POST', '/messages', args)),
  );
  server.registerTool(
    'react',
    {
      description: 'Adds an emoji reaction to a message.',
      inputSchema: {messageId: id, emoji: z.string().min(1).max(64)},
    },
    ({messageId, emoji}) => asResult(call('POST', `/messages/${messageId}/reactions`, {emoji})),
  );
  return server;
}

/**
 * `/api/mcp`: MCP over streamable HTTP, stateless (each request stands
 * alone, so any API process may answer). The agent key is the bearer token;
 * the tools call the gateway in this process with it.
 */
export function mcpRoutes(
  deps: Pick<Deps, 'pool'>,
  gateway: {request: (path: string, init: RequestInit) => Response | Promise<Response>},
) {
  const app = new Hono();
  app.all('/', async c => {
    const auth = c.req.header('authorization');
    const call: GatewayCall = async (method, path, body) => {
      const res = await gateway.request(path, {
        method,
        headers: {
          ...(auth ? {authorization: auth} : {}),
          ...(body === undefined ? {} : {'content-type': 'application/json'}),
        },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      const text = await res.text();
      return {status: res.status, json: text ? JSON.parse(text) : undefined};
    };
    // Without a valid key nothing is offered (checked here, so it costs no call of the agent's budget).
    const key = /^Bearer (.+)$/i.exec(auth ?? '')?.[1]?.trim();
    if (!key?.startsWith(AGENT_KEY_PREFIX) || !(await agentByKeyHash(deps.pool, hashAgentKey(key)))) {
      throw new ProblemError(
        401,
        'Unauthorized',
        'Send a valid agent key: Authorization: Bearer chorus_ak_….',
        {
          headers: {'www-authenticate': 'Bearer'},
        },
      );
    }
    const server = chorusMcpServer(call);
    const transport = new WebStandardStreamableHTTPServerTransport({sessionIdGenerator: undefined});
    await server.connect(transport);
    return transport.handleRequest(c.req.raw);
  });
  return app;
}
