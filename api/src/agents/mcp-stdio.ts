/**
 * [AG9] Chorus as an MCP server over stdio, for assistants that start their
 * tools as processes:
 *
 *   CHORUS_URL=https://chorus.example CHORUS_AGENT_KEY=chorus_ak_… node api/src/agents/mcp-stdio.ts
 *
 * (or `npm run mcp`). Every tool calls the public agent gateway with the key.
 */
import {StdioServerTransport} from '@modelcontextprotocol/sdk/server/stdio.js';
import {chorusMcpServer} from './mcp.ts';

const base = (process.env.CHORUS_URL ?? 'http://localhost:3000').replace(/\/$/, '');
const key = process.env.CHORUS_AGENT_KEY;
if (!key) {
  console.error('Set CHORUS_AGENT_KEY to the agent key (chorus_ak_…) from the agents page.');
  process.exit(1);
}
const server = chorusMcpServer(async (method, path, body) => {
  const res = await fetch(`${base}/api/agent/v1${path}`, {
    method,
    headers: {
      authorization: `Bearer ${key}`,
      ...(body === undefined ? {} : {'content-type': 'application/json'}),
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  return {status: res.status, json: text ? JSON.parse(text) : undefined};
});
await server.connect(new StdioServerTransport());
