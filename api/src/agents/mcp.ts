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
function toResult({status, json}: {status: number; json: unknown}): ToolResult {
  if (status >= 400) {
    const detail = (json as {detail?: string} | undefined)?.detail ?? `HTTP ${status}`;
    return {content: [{type: 'text', text: detail}], isError: true};
  }
  return {content: [{type: 'text', text: JSON.stringify(json ?? {ok: true})}]};
}

const asResult = async (answer: Promise<{status: number; json: unknown}>) => toResult(await answer);

const presignedPutSchema = z.object({
  uploadId: z.string(),
  url: z.string(),
  headers: z.record(z.string(), z.string()),
});

type ShareFileArgs = {
  roomId?: string | undefined;
  conversationId?: string | undefined;
  fileName: string;
  mimeType?: string | undefined;
  text?: string | undefined;
  base64?: string | undefined;
  caption?: string | undefined;
};

/**
 * [AG9] `share_file`: the gateway's upload, done for the assistant: ask for
 * the upload (every FL rule and limit is checked there first), PUT the bytes
 * to storage, post the caption, attach the file to it.
 */
async function shareFile(call: GatewayCall, args: ShareFileArgs): Promise<ToolResult> {
  if ((args.text === undefined) === (args.base64 === undefined)) {
    return {content: [{type: 'text', text: 'Give the file either as text or as base64.'}], isError: true};
  }
  const bytes =
    args.text === undefined ? Buffer.from(args.base64 ?? '', 'base64') : Buffer.from(args.text, 'utf8');
  const place = args.roomId ? {roomId: args.roomId} : {conversationId: args.conversationId};
  const asked = await call('POST', '/files/upload/request', {
    fileName: args.fileName,
    fileSize: bytes.length,
    mimeType: args.mimeType ?? (args.text === undefined ? 'application/octet-stream' : 'text/plain'),
    ...place,
  });
  if (asked.status >= 400) return toResult(asked);
  const upload = presignedPutSchema.parse(asked.json);
  const put = await fetch(upload.url, {method: 'PUT', headers: upload.headers, body: new Uint8Array(bytes)});
  if (!put.ok) {
    return {
      content: [{type: 'text', text: `Storage refused the file (HTTP ${put.status}). Try again.`}],
      isError: true,
    };
  }
  const message = await call('POST', '/messages', {...place, content: args.caption ?? args.fileName});
  if (message.status >= 400) return toResult(message);
  const messageId = z.object({id: z.string()}).parse(message.json).id;
  const file = await call('POST', '/files/upload/complete', {uploadId: upload.uploadId, messageId});
  if (file.status >= 400) return toResult(file);
  return toResult({status: 200, json: {message: message.json, file: file.json}});
}

const id = z.string().uuid();

/**
 * [AG9] The agent gateway as MCP tools, so any MCP-capable assistant can take
 * part in Chorus. Every tool is one gateway call with the agent's own key:
 * the same scopes, sandbox, rate limit and audit as calling it directly
 * (`share_file` makes the upload's calls, and PUTs the bytes to storage).
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
  server.registerTool(
    'share_file',
    {
      description:
        'Shares a file in a room or direct conversation: a message (the caption, else the file name) with the file attached. Give the content as text, or as base64 for a binary file. Needs the files:write and messages:write scopes.',
      inputSchema: {
        roomId: id.optional(),
        conversationId: id.optional(),
        fileName: z.string().min(1).max(255),
        mimeType: z.string().max(100).optional(),
        text: z.string().optional(),
        base64: z.base64().optional(),
        caption: z.string().min(1).max(8000).optional(),
      },
    },
    args => shareFile(call, args),
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
