import {Client} from '@modelcontextprotocol/sdk/client/index.js';
import {StdioClientTransport} from '@modelcontextprotocol/sdk/client/stdio.js';
import {StreamableHTTPClientTransport} from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import {fileURLToPath} from 'node:url';
import {afterAll, describe, expect, it} from 'vitest';
import {restHarness, type Who} from '../../../test/rest-harness.ts';

// [AG9] The MCP server, over streamable HTTP at /api/mcp and over stdio:
// its tools are gateway calls with the agent's key, so the sandbox, scopes
// and audit hold there too.

const h = restHarness({live: true});
const clients: Client[] = [];
afterAll(async () => {
  for (const client of clients) await client.close();
});

async function agentOf(
  owner: Who,
  serverID: string,
  scopes = ['messages:read', 'messages:write', 'reactions:write'],
) {
  const res = await h.call(owner, 'POST', '/agents', {
    name: `mcp${Math.random().toString(36).slice(2, 9)}`,
    scopes,
  });
  expect(res.status).toBe(201);
  await h.call(owner, 'POST', `/servers/${serverID}/agents`, {agentId: res.json.id});
  return res.json as {id: string; apiKey: string};
}

async function httpClient(key: string) {
  const client = new Client({name: 'test', version: '1.0.0'});
  await client.connect(
    new StreamableHTTPClientTransport(new URL(`${h.httpURL}/api/mcp`), {
      requestInit: {headers: {authorization: `Bearer ${key}`}},
    }),
  );
  clients.push(client);
  return client;
}

const text = (result: unknown) => (result as {content: {text: string}[]}).content[0]!.text;

describe('[AG9] MCP', () => {
  it('over HTTP: lists the tools, reads and writes where the agent was added, and nowhere else', async () => {
    const {owner, member, server} = await h.community();
    const agent = await agentOf(owner, server.id);
    const staff = await h.privateRoom(owner, server.id);
    await h.call(member, 'POST', '/messages', {roomId: server.generalRoomID, content: 'hi bot'});
    const client = await httpClient(agent.apiKey);

    const tools = (await client.listTools()).tools.map(t => t.name).sort();
    expect(tools).toEqual(['list_rooms', 'react', 'read_messages', 'send_message']);
    const rooms = JSON.parse(text(await client.callTool({name: 'list_rooms', arguments: {}})));
    expect(rooms.rooms.map((r: {id: string}) => r.id)).toEqual([server.generalRoomID]);
    const page = JSON.parse(
      text(await client.callTool({name: 'read_messages', arguments: {roomId: server.generalRoomID}})),
    );
    expect(page.messages.map((m: {content: string}) => m.content)).toEqual(['hi bot']);
    const sent = await client.callTool({
      name: 'send_message',
      arguments: {roomId: server.generalRoomID, content: 'hello from MCP'},
    });
    const message = JSON.parse(text(sent));
    expect(message).toMatchObject({content: 'hello from MCP', author: {id: agent.id, userType: 'ai_agent'}});
    expect(
      (await client.callTool({name: 'react', arguments: {messageId: message.id, emoji: '🤖'}})).isError,
    ).toBeFalsy();

    const denied = await client.callTool({name: 'read_messages', arguments: {roomId: staff}});
    expect(denied.isError).toBe(true);
    expect(text(denied)).toMatch(/not in it/);
    // Each tool call is an audited gateway call.
    const logs = (await h.call(owner, 'GET', `/agents/${agent.id}/logs`)).json.logs.map(
      (l: {action: string}) => l.action,
    );
    expect(logs).toEqual(
      expect.arrayContaining(['rooms.list', 'messages.read', 'message.send', 'reaction.add']),
    );
  });

  it('over HTTP: refuses a request without a valid key', async () => {
    const res = await fetch(`${h.httpURL}/api/mcp`, {
      method: 'POST',
      headers: {'content-type': 'application/json', accept: 'application/json, text/event-stream'},
      body: JSON.stringify({jsonrpc: '2.0', id: 1, method: 'tools/list'}),
    });
    expect(res.status).toBe(401);
  });

  it('over stdio (npm run mcp): the same tools against the public gateway', async () => {
    const {owner, server} = await h.community();
    const agent = await agentOf(owner, server.id, ['messages:read']);
    const client = new Client({name: 'test', version: '1.0.0'});
    await client.connect(
      new StdioClientTransport({
        command: process.execPath,
        args: [fileURLToPath(new URL('./mcp-stdio.ts', import.meta.url))],
        env: {...process.env, CHORUS_URL: h.httpURL, CHORUS_AGENT_KEY: agent.apiKey} as Record<
          string,
          string
        >,
        stderr: 'pipe',
      }),
    );
    clients.push(client);
    const rooms = JSON.parse(text(await client.callTool({name: 'list_rooms', arguments: {}})));
    expect(rooms.rooms).toHaveLength(1);
    const refused = await client.callTool({
      name: 'send_message',
      arguments: {roomId: server.generalRoomID, content: 'no scope'},
    });
    expect(refused.isError).toBe(true);
    expect(text(refused)).toContain('messages:write');
  });
});
