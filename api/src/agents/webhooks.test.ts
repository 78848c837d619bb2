import {createServer, type IncomingMessage, type Server} from 'node:http';
import {randomUUID} from 'node:crypto';
import {PgBoss} from 'pg-boss';
import {Webhook} from 'standardwebhooks';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {restHarness, type Who} from '../../../test/rest-harness.ts';
import {zeroClient} from '../../../test/zero-push.ts';
import {AgentWebhooks} from './webhooks.ts';

// [AG8] Webhooks to agents against a real local HTTP server and real
// pg-boss: Standard Webhooks signatures (checked with the `standardwebhooks`
// verifier), retries then success, the dead letter and its replay, the test
// event, the enqueue in the message's own transaction, and the read rules.

const h = restHarness({zero: true});
let boss: PgBoss;
let webhooks: AgentWebhooks;
let receiver: Server;
let url: string;

type Received = {headers: IncomingMessage['headers']; body: string; path: string};
const received: Received[] = [];
/** What the receiver answers on each path: a list of statuses, used up in order, then 200. */
const script = new Map<string, number[]>();
/** While set, `/slow` answers nothing until released (a receiver that takes its time). */
let holdSlow = false;
const held: (() => void)[] = [];

beforeAll(async () => {
  receiver = createServer((req, res) => {
    let body = '';
    req.on('data', chunk => (body += chunk));
    req.on('end', () => {
      const path = req.url ?? '/';
      received.push({headers: req.headers, body, path});
      if (path === '/slow' && holdSlow) {
        held.push(() => res.writeHead(200).end());
        return;
      }
      const status = script.get(path)?.shift() ?? 200;
      if (status === 302) res.setHeader('location', 'http://127.0.0.1:1/elsewhere');
      res.writeHead(status).end(status >= 400 ? `answer ${status}` : '');
    });
  });
  await new Promise<void>(resolve => receiver.listen(0, '127.0.0.1', resolve));
  const address = receiver.address();
  url = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
  boss = new PgBoss({connectionString: h.databaseURL, max: 3});
  await boss.start();
  webhooks = await new AgentWebhooks({
    policy: {requireHttps: false, allowPrivate: true},
    retryLimit: 2,
    retryDelaySeconds: 1,
  }).start(boss, h.pool);
  h.deps.agentWebhooks = webhooks;
});
afterAll(async () => {
  webhooks.stop();
  await boss.stop({graceful: false});
  await new Promise(resolve => receiver.close(resolve));
});

async function agentIn(owner: Who, serverID: string, path: string) {
  const res = await h.call(owner, 'POST', '/agents', {
    name: `hook${Math.random().toString(36).slice(2, 10)}`,
    scopes: ['messages:read'],
    webhookUrl: `${url}${path}`,
  });
  expect(res.status, JSON.stringify(res.json)).toBe(201);
  expect(res.json.webhookSecret).toMatch(/^whsec_/);
  await h.call(owner, 'POST', `/servers/${serverID}/agents`, {agentId: res.json.id});
  return res.json as {id: string; webhookSecret: string; name: string};
}

async function until<T>(fn: () => T | undefined | Promise<T | undefined>, timeoutMs = 20_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await fn();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error('timed out');
    await new Promise(r => setTimeout(r, 100));
  }
}

const deliveries = async (agentID: string) =>
  (
    await h.pool.query<{
      id: string;
      status: string;
      attempts: number;
      last_status: number | null;
      last_error: string | null;
    }>(
      'SELECT id, status, attempts, last_status, last_error FROM agent_webhook_deliveries WHERE agent_id = $1 ORDER BY created_at',
      [agentID],
    )
  ).rows;

describe('[AG8] webhooks to agents', () => {
  it('a new message in its room reaches the agent signed per Standard Webhooks; tampered and stale copies fail verification', async () => {
    const {owner, member, server} = await h.community();
    const agent = await agentIn(owner, server.id, '/signed');
    const sent = await h.call(member, 'POST', '/messages', {
      roomId: server.generalRoomID,
      content: `hello @${agent.name}`,
    });
    const got = await until(() => received.find(r => r.path === '/signed'));
    const verifier = new Webhook(agent.webhookSecret);
    const event = verifier.verify(got.body, got.headers as Record<string, string>) as {
      type: string;
      data: {message: {id: string; content: string; author: {id: string}}; mentioned: boolean};
    };
    expect(event).toMatchObject({
      type: 'message.created',
      data: {
        message: {id: sent.json.id, content: `hello @${agent.name}`, author: {id: member.userID}},
        mentioned: true,
      },
    });
    expect(got.headers['webhook-id']).toBe((await deliveries(agent.id))[0]!.id);
    expect(() =>
      verifier.verify(got.body.replace('hello', 'HELLO'), got.headers as Record<string, string>),
    ).toThrow();
    const stale = String(Math.floor(Date.now() / 1000) - 6 * 60);
    const restamped = {...got.headers, 'webhook-timestamp': stale} as unknown as Record<string, string>;
    expect(() => verifier.verify(got.body, restamped)).toThrow(/timestamp/i);
    expect(() =>
      new Webhook(`whsec_${Buffer.from('another secret!!').toString('base64')}`).verify(
        got.body,
        got.headers as Record<string, string>,
      ),
    ).toThrow();
    await until(async () => ((await deliveries(agent.id))[0]?.status === 'delivered' ? true : undefined));
  });

  it('a slow receiver does not hold another agent’s delivery back', async () => {
    const {owner, member, server} = await h.community();
    const slow = await agentIn(owner, server.id, '/slow');
    const fast = await agentIn(owner, server.id, '/fast');
    holdSlow = true;
    try {
      await h.call(member, 'POST', '/messages', {roomId: server.generalRoomID, content: 'to both'});
      // The fast agent has its event while the slow one's request is still unanswered.
      await until(async () => ((await deliveries(fast.id))[0]?.status === 'delivered' ? true : undefined));
      await until(() => (held.length ? true : undefined));
      expect((await deliveries(slow.id))[0]?.status).toBe('pending');
    } finally {
      holdSlow = false;
      for (const release of held.splice(0)) release();
    }
    await until(async () => ((await deliveries(slow.id))[0]?.status === 'delivered' ? true : undefined));
  });

  it('an agent subscribed to mentions hears only messages that mention it', async () => {
    const {owner, member, server} = await h.community();
    const agent = await agentIn(owner, server.id, '/mentions');
    const changed = await h.call(owner, 'PATCH', `/agents/${agent.id}`, {webhookEvents: 'mentions'});
    expect(changed.json).toMatchObject({webhookEvents: 'mentions'});
    h.expectProblem(await h.call(owner, 'PATCH', `/agents/${agent.id}`, {webhookEvents: 'some'}), 400);
    await h.call(member, 'POST', '/messages', {roomId: server.generalRoomID, content: 'not for the bot'});
    await h.call(member, 'POST', '/messages', {roomId: server.generalRoomID, content: `hey @${agent.name}`});
    await until(async () => ((await deliveries(agent.id))[0]?.status === 'delivered' ? true : undefined));
    await new Promise(r => setTimeout(r, 300));
    expect(await deliveries(agent.id)).toHaveLength(1);
    const got = received.filter(r => r.path === '/mentions').map(r => JSON.parse(r.body).data);
    expect(got).toEqual([
      expect.objectContaining({
        mentioned: true,
        message: expect.objectContaining({content: `hey @${agent.name}`}),
      }),
    ]);
  });

  it('retries a 5xx with backoff until it succeeds', async () => {
    const {owner, member, server} = await h.community();
    const agent = await agentIn(owner, server.id, '/flaky');
    script.set('/flaky', [503, 500]);
    await h.call(member, 'POST', '/messages', {roomId: server.generalRoomID, content: 'try again'});
    const done = await until(async () => {
      const [d] = await deliveries(agent.id);
      return d?.status === 'delivered' ? d : undefined;
    });
    expect(done.attempts).toBe(3);
    expect(received.filter(r => r.path === '/flaky')).toHaveLength(3);
  });

  it('after the last retry the delivery is a dead letter the owner sees and can replay; a redirect is not followed', async () => {
    const {owner, member, server} = await h.community();
    const agent = await agentIn(owner, server.id, '/down');
    script.set('/down', [503, 503, 503]);
    await h.call(member, 'POST', '/messages', {roomId: server.generalRoomID, content: 'anyone?'});
    const dead = await until(async () => {
      const [d] = await deliveries(agent.id);
      return d?.status === 'failed' ? d : undefined;
    });
    expect(dead).toMatchObject({attempts: 3, last_status: 503, last_error: 'answer 503'});
    const listed = await h.call(owner, 'GET', `/agents/${agent.id}/deliveries?status=failed`);
    expect(listed.json.deliveries).toEqual([
      expect.objectContaining({id: dead.id, status: 'failed', attempts: 3}),
    ]);
    h.expectProblem(await h.call(member, 'POST', `/agents/${agent.id}/deliveries/${dead.id}/replay`), 404);
    expect((await h.call(owner, 'POST', `/agents/${agent.id}/deliveries/${dead.id}/replay`)).status).toBe(
      202,
    );
    await until(async () => ((await deliveries(agent.id))[0]?.status === 'delivered' ? true : undefined));

    const moved = await agentIn(owner, server.id, '/moved');
    script.set('/moved', [302]);
    await h.call(member, 'POST', '/messages', {roomId: server.generalRoomID, content: 'follow me'});
    const refused = await until(async () => {
      const [d] = await deliveries(moved.id);
      return d?.status === 'failed' ? d : undefined;
    });
    expect(refused).toMatchObject({attempts: 1, last_status: 302});
    expect(received.filter(r => r.path === '/elsewhere')).toHaveLength(0);
  });

  it('is queued in the message transaction: none for a send that failed, one per committed message', async () => {
    const {owner, member, server} = await h.community();
    const agent = await agentIn(owner, server.id, '/tx');
    const pushed = await zeroClient(h, member).push([
      {
        name: 'message.send',
        args: {
          id: randomUUID(),
          roomID: server.generalRoomID,
          content: 'orphan',
          parentMessageID: randomUUID(),
        },
      },
      {name: 'message.send', args: {id: randomUUID(), roomID: server.generalRoomID, content: 'kept'}},
    ]);
    expect(pushed.json.mutations[0].result).toHaveProperty('error');
    const rows = await until(async () => {
      const r = await deliveries(agent.id);
      return r.length && r.every(d => d.status === 'delivered') ? r : undefined;
    });
    expect(rows).toHaveLength(1);
    const bodies = received.filter(r => r.path === '/tx').map(r => JSON.parse(r.body).data.message.content);
    expect(bodies).toEqual(['kept']);
  });

  it('[R1] an agent hears only of rooms it may read: not a private room it was not added to', async () => {
    const {owner, server} = await h.community();
    const agent = await agentIn(owner, server.id, '/private');
    const staff = await h.privateRoom(owner, server.id);
    await h.call(owner, 'POST', '/messages', {roomId: staff, content: 'not for bots'});
    await h.call(owner, 'POST', '/messages', {roomId: server.generalRoomID, content: 'for all'});
    await until(async () => ((await deliveries(agent.id)).length === 1 ? true : undefined));
    await new Promise(r => setTimeout(r, 300));
    expect(await deliveries(agent.id)).toHaveLength(1);
    const got = await until(() => received.find(r => r.path === '/private'));
    expect(JSON.parse(got.body).data.message.content).toBe('for all');
  });

  it('"Send test event" makes one signed attempt and answers with its outcome', async () => {
    const owner = await h.user();
    const created = await h.call(owner, 'POST', '/agents', {
      name: `test${Math.random().toString(36).slice(2, 10)}`,
      scopes: [],
      webhookUrl: `${url}/test-event`,
    });
    const res = await h.call(owner, 'POST', `/agents/${created.json.id}/webhook`);
    expect(res.json).toMatchObject({delivered: true, status: 200, error: null});
    const got = received.find(r => r.path === '/test-event')!;
    expect(
      new Webhook(created.json.webhookSecret).verify(got.body, got.headers as Record<string, string>),
    ).toMatchObject({
      type: 'test',
    });
    script.set('/test-event', [500]);
    expect((await h.call(owner, 'POST', `/agents/${created.json.id}/webhook`)).json).toMatchObject({
      delivered: false,
      status: 500,
    });
  });

  it('refuses a webhook URL that is not http(s), or private where the deployment forbids it', async () => {
    const owner = await h.user();
    const bad = (webhookUrl: string) =>
      h.call(owner, 'POST', '/agents', {
        name: `u${Math.random().toString(36).slice(2, 10)}`,
        scopes: [],
        webhookUrl,
      });
    h.expectProblem(await bad('ftp://example.com/hook'), 400, 'webhookUrl');
    h.expectProblem(await bad('https://user:pw@example.com/hook'), 400, 'webhookUrl');
    webhooks.policy.allowPrivate = false;
    try {
      h.expectProblem(await bad('http://127.0.0.1:9/hook'), 400, 'webhookUrl');
      h.expectProblem(await bad('http://[::1]:9/hook'), 400, 'webhookUrl');
      h.expectProblem(await bad('http://10.1.2.3/hook'), 400, 'webhookUrl');
      h.expectProblem(await bad('http://169.254.169.254/latest/meta-data'), 400, 'webhookUrl');
      h.expectProblem(await bad('http://[::ffff:192.168.0.1]/hook'), 400, 'webhookUrl');
    } finally {
      webhooks.policy.allowPrivate = true;
    }
  });
});
