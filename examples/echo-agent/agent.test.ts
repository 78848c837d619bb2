import {PgBoss} from 'pg-boss';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {AgentWebhooks} from '@chorus/api/agents/webhooks';
import {freePort} from '../../test/ports.ts';
import {restHarness} from '../../test/rest-harness.ts';
import {startEchoAgent, type EchoAgent} from './agent.ts';

// The example agent against a real API over HTTP, real pg-boss webhooks and
// its own signature check: a mention gets a threaded "Echo:" reply; a forged
// webhook gets nothing.

const h = restHarness({live: true});
let boss: PgBoss;
let webhooks: AgentWebhooks;
let agent: EchoAgent | undefined;

beforeAll(async () => {
  boss = new PgBoss({connectionString: h.databaseURL, max: 3});
  await boss.start();
  webhooks = await new AgentWebhooks({policy: {requireHttps: false, allowPrivate: true}}).start(boss, h.pool);
  h.deps.agentWebhooks = webhooks;
});
afterAll(async () => {
  await agent?.close();
  webhooks.stop();
  await boss.stop({graceful: false});
});

describe('examples/echo-agent', () => {
  it('answers a mention where it was made, through the public agent API, and ignores a forged webhook', async () => {
    const {owner, member, server} = await h.community();
    const port = await freePort();
    const created = await h.call(owner, 'POST', '/agents', {
      name: 'echo',
      scopes: ['messages:read', 'messages:write'],
      webhookUrl: `http://127.0.0.1:${port}/webhook`,
    });
    expect(created.status).toBe(201);
    await h.call(owner, 'POST', `/servers/${server.id}/agents`, {agentId: created.json.id});
    const lines: string[] = [];
    agent = await startEchoAgent({
      chorusURL: h.httpURL,
      key: created.json.apiKey,
      secret: created.json.webhookSecret,
      port,
      log: line => lines.push(line),
    });

    await h.call(member, 'POST', '/messages', {roomId: server.generalRoomID, content: 'no mention here'});
    const asked = await h.call(member, 'POST', '/messages', {
      roomId: server.generalRoomID,
      content: '@echo hello there',
    });
    const deadline = Date.now() + 20_000;
    let replies: {content: string; author: {userType: string}}[] = [];
    while (Date.now() < deadline) {
      const thread = await h.pool.query<{content: string}>(
        'SELECT content FROM messages WHERE room_id = $1 AND user_id = $2',
        [server.generalRoomID, created.json.id],
      );
      if (thread.rowCount) {
        replies = thread.rows as never;
        break;
      }
      await new Promise(r => setTimeout(r, 100));
    }
    expect(replies.map(r => r.content)).toEqual(['Echo: hello there']);
    expect(agent.answered()).toBe(1);

    const forged = await fetch(agent.url, {
      method: 'POST',
      headers: {
        'webhook-id': 'msg_x',
        'webhook-timestamp': String(Math.floor(Date.now() / 1000)),
        'webhook-signature': 'v1,AAAA',
      },
      body: JSON.stringify({type: 'message.created', data: {mentioned: true, message: {id: asked.json.id}}}),
    });
    expect(forged.status).toBe(401);
    expect(lines.some(l => l.includes('refused a webhook'))).toBe(true);
  });
});
