import {Client} from '@modelcontextprotocol/sdk/client/index.js';
import {StdioClientTransport} from '@modelcontextprotocol/sdk/client/stdio.js';
import {StreamableHTTPClientTransport} from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import {fileURLToPath} from 'node:url';
import {afterAll, describe, expect, it} from 'vitest';
import {localS3} from '../../../test/local-s3.ts';
import {restHarness, type Who} from '../../../test/rest-harness.ts';

// [AG9] The MCP server, over streamable HTTP at /api/mcp and over stdio:
// its tools are gateway calls with the agent's key, so the sandbox, scopes
// and audit hold there too.

const h = restHarness({live: true});
localS3(h);
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
    expect(tools).toEqual(['list_rooms', 'react', 'read_messages', 'send_message', 'share_file']);
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

  it('over HTTP: share_file posts a message with the file, under the gateway’s scopes and upload rules', async () => {
    const {owner, member, server} = await h.community();
    const room = server.generalRoomID;
    const writer = await agentOf(owner, server.id, ['messages:write', 'files:write']);
    const client = await httpClient(writer.apiKey);
    const shared = await client.callTool({
      name: 'share_file',
      arguments: {roomId: room, fileName: 'summary.md', text: '# Done', caption: 'Here is the summary'},
    });
    expect(shared.isError, text(shared)).toBeFalsy();
    const {message, file} = JSON.parse(text(shared));
    expect(message).toMatchObject({content: 'Here is the summary', author: {id: writer.id}});
    expect(file).toMatchObject({messageId: message.id, fileName: 'summary.md', status: 'ready'});
    const download = await h.app.request(`/api/v1/files/${file.id}/download`, {
      headers: {authorization: `Bearer ${member.token}`},
    });
    expect(await (await fetch(download.headers.get('location')!)).text()).toBe('# Done');
    const binary = await client.callTool({
      name: 'share_file',
      arguments: {roomId: room, fileName: 'raw.bin', base64: Buffer.from([0, 1, 2, 255]).toString('base64')},
    });
    expect(JSON.parse(text(binary)).file).toMatchObject({fileSize: 4, mimeType: 'application/octet-stream'});

    // The upload's own rules answer through the tool; nothing is posted when the request is refused.
    const program = await client.callTool({
      name: 'share_file',
      arguments: {roomId: room, fileName: 'x.sh', text: 'rm -rf /', mimeType: 'application/x-sh'},
    });
    expect(program.isError).toBe(true);
    expect(text(program)).toMatch(/Programs and scripts/);
    const noScope = await agentOf(owner, server.id, ['messages:write']);
    const refused = await (
      await httpClient(noScope.apiKey)
    ).callTool({name: 'share_file', arguments: {roomId: room, fileName: 'a.txt', text: 'a'}});
    expect(refused.isError).toBe(true);
    expect(text(refused)).toContain('files:write');
    const {rows} = await h.pool.query('SELECT count(*)::int AS n FROM messages WHERE user_id = $1', [
      noScope.id,
    ]);
    expect(rows[0].n).toBe(0);
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
