import {createHash} from 'node:crypto';
import {describe, expect, it} from 'vitest';
import {createApp} from '../app.ts';
import {restHarness, replyOf, type Who} from '../../../test/rest-harness.ts';
import {AGENTS_PER_OWNER} from './routes.ts';

// AI agents (SPEC AG1–AG7): keys that are shown once and stored hashed,
// rotation and deletion, scopes, the sandbox of what an agent was added to,
// the rate limit shared between API processes, and the audit log.

const h = restHarness();

type Created = {id: string; apiKey: string; keyPrefix: string; scopes: string[]};

async function createAgent(owner: Who, body: Record<string, unknown> = {}): Promise<Created> {
  const res = await h.call(owner, 'POST', '/agents', {
    name: `bot${Math.random().toString(36).slice(2, 10)}`,
    scopes: ['messages:read', 'messages:write', 'reactions:write'],
    ...body,
  });
  expect(res.status, JSON.stringify(res.json)).toBe(201);
  return res.json;
}

/** A call to the agent gateway with `key`, through `app` (default: the harness's). */
async function gateway(key: string, method: string, path: string, body?: unknown, app = h.app) {
  const res = await app.request(`/api/agent/v1${path}`, {
    method,
    headers: {
      authorization: `Bearer ${key}`,
      ...(body === undefined ? {} : {'content-type': 'application/json'}),
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return replyOf(res);
}

describe('[AG1][AG2] creating agents and their keys', () => {
  it('shows the key once, stores only its SHA-256, and never lists it', async () => {
    const owner = await h.user();
    const agent = await createAgent(owner, {rateLimitPerHour: 50});
    expect(agent.apiKey).toMatch(/^chorus_ak_[A-Za-z0-9_-]{43}$/);
    expect(agent.apiKey.startsWith(agent.keyPrefix)).toBe(true);
    expect(agent).toMatchObject({
      userId: agent.id,
      scopes: ['messages:read', 'messages:write', 'reactions:write'],
    });
    const {rows} = await h.pool.query('SELECT * FROM ai_agents WHERE user_id = $1', [agent.id]);
    expect(rows[0].api_key_hash).toBe(createHash('sha256').update(agent.apiKey).digest('hex'));
    expect(JSON.stringify(rows[0])).not.toContain(agent.apiKey);
    const {rows: users} = await h.pool.query('SELECT user_type, email FROM users WHERE id = $1', [agent.id]);
    expect(users[0]).toEqual({user_type: 'ai_agent', email: null});

    const listed = await h.call(owner, 'GET', '/agents');
    expect(listed.json.agents).toEqual([expect.objectContaining({id: agent.id, keyPrefix: agent.keyPrefix})]);
    expect(JSON.stringify(listed.json)).not.toContain(agent.apiKey);
    expect((await h.call(owner, 'GET', `/agents/${agent.id}`)).json).not.toHaveProperty('apiKey');
    // Someone else's agent is not there for them.
    h.expectProblem(await h.call(await h.user(), 'GET', `/agents/${agent.id}`), 404);
  });

  it('refuses an unverified creator, a taken name, an unknown scope, and more than the limit', async () => {
    h.expectProblem(await h.call(await h.user(false), 'POST', '/agents', {name: 'nope', scopes: []}), 403);
    const owner = await h.user();
    h.expectProblem(await h.call(owner, 'POST', '/agents', {name: owner.username, scopes: []}), 409, 'name');
    h.expectProblem(await h.call(owner, 'POST', '/agents', {name: 'x1y2z3', scopes: ['admin']}), 400);
    h.expectProblem(await h.call(owner, 'POST', '/agents', {name: 'bad name!', scopes: []}), 400, 'name');
    for (let i = 0; i < AGENTS_PER_OWNER; i++) await createAgent(owner, {scopes: []});
    h.expectProblem(await h.call(owner, 'POST', '/agents', {name: 'onetoomany', scopes: []}), 403);
  });

  it('rotation stops the old key at once; deletion stops every key', async () => {
    const owner = await h.user();
    const agent = await createAgent(owner);
    expect((await gateway(agent.apiKey, 'GET', '/me')).json).toMatchObject({
      id: agent.id,
      userType: 'ai_agent',
    });
    const rotated = await h.call(owner, 'POST', `/agents/${agent.id}/keys`);
    expect(rotated.status).toBe(201);
    h.expectProblem(await gateway(agent.apiKey, 'GET', '/me'), 401);
    expect((await gateway(rotated.json.apiKey, 'GET', '/me')).status).toBe(200);
    // Only the owner rotates.
    h.expectProblem(await h.call(await h.user(), 'POST', `/agents/${agent.id}/keys`), 404);

    expect((await h.call(owner, 'DELETE', `/agents/${agent.id}`)).status).toBe(204);
    h.expectProblem(await gateway(rotated.json.apiKey, 'GET', '/me'), 401);
    expect((await h.call(owner, 'GET', `/agents/${agent.id}`)).json).toMatchObject({disabled: true});
    h.expectProblem(await gateway('not-a-key', 'GET', '/me'), 401);
    h.expectProblem(await gateway(`chorus_ak_${'x'.repeat(43)}`, 'GET', '/me'), 401);
  });
});

describe('[AG4] the sandbox: an agent reads and writes only where it was added', () => {
  it('by the server owner, into public rooms; into a private room only when a member adds it', async () => {
    const {owner, admin, member, server} = await h.community();
    const agent = await createAgent(owner);
    const general = server.generalRoomID;
    h.expectProblem(await gateway(agent.apiKey, 'GET', `/rooms/${general}/messages`), 404);
    h.expectProblem(await gateway(agent.apiKey, 'POST', '/messages', {roomId: general, content: 'hi'}), 404);
    expect((await gateway(agent.apiKey, 'GET', '/rooms')).json.rooms).toEqual([]);

    // A member who is not an admin cannot add it; nor can an admin add someone else's agent.
    const membersAgent = await createAgent(member);
    h.expectProblem(
      await h.call(member, 'POST', `/servers/${server.id}/agents`, {agentId: membersAgent.id}),
      403,
    );
    h.expectProblem(
      await h.call(admin, 'POST', `/servers/${server.id}/agents`, {agentId: agent.id}),
      404,
      'agentId',
    );
    expect((await h.call(owner, 'POST', `/servers/${server.id}/agents`, {agentId: agent.id})).status).toBe(
      201,
    );
    expect((await h.call(owner, 'POST', `/servers/${server.id}/agents`, {agentId: agent.id})).status).toBe(
      200,
    );

    const staff = await h.privateRoom(owner, server.id);
    expect((await h.call(owner, 'POST', '/messages', {roomId: staff, content: 'secret'})).status).toBe(201);
    expect((await h.call(owner, 'POST', '/messages', {roomId: general, content: 'hello all'})).status).toBe(
      201,
    );
    const page = await gateway(agent.apiKey, 'GET', `/rooms/${general}/messages`);
    expect(page.json.messages.map((m: {content: string}) => m.content)).toEqual(['hello all']);
    h.expectProblem(await gateway(agent.apiKey, 'GET', `/rooms/${staff}/messages`), 404);
    h.expectProblem(await gateway(agent.apiKey, 'POST', '/messages', {roomId: staff, content: 'in?'}), 404);
    expect((await gateway(agent.apiKey, 'GET', '/rooms')).json.rooms.map((r: {id: string}) => r.id)).toEqual([
      general,
    ]);

    expect((await h.call(owner, 'POST', `/rooms/${staff}/members`, {userId: agent.id})).status).toBeLessThan(
      300,
    );
    expect((await gateway(agent.apiKey, 'GET', `/rooms/${staff}/messages`)).json.messages).toHaveLength(1);
  });

  it('writes through the same mutators: its message carries its name and the AI type; it edits and deletes only its own', async () => {
    const {owner, member, server} = await h.community();
    const agent = await createAgent(owner);
    await h.call(owner, 'POST', `/servers/${server.id}/agents`, {agentId: agent.id});
    const sent = await gateway(agent.apiKey, 'POST', '/messages', {
      roomId: server.generalRoomID,
      content: 'I am **here**',
    });
    expect(sent.status).toBe(201);
    expect(sent.json).toMatchObject({content: 'I am **here**', author: {id: agent.id, userType: 'ai_agent'}});
    const seen = await h.call(member, 'GET', `/messages/room/${server.generalRoomID}`);
    expect(seen.json.messages[0]).toMatchObject({id: sent.json.id, author: {userType: 'ai_agent'}});
    // Idempotent by id, as people's sends.
    const again = await gateway(agent.apiKey, 'POST', '/messages', {
      id: sent.json.id,
      roomId: server.generalRoomID,
      content: 'I am **here**',
    });
    expect(again.status).toBe(200);

    expect(
      (await gateway(agent.apiKey, 'PATCH', `/messages/${sent.json.id}`, {content: 'edited'})).json.content,
    ).toBe('edited');
    expect(
      (await gateway(agent.apiKey, 'POST', `/messages/${sent.json.id}/reactions`, {emoji: '👍'})).status,
    ).toBe(201);
    const theirs = await h.call(member, 'POST', '/messages', {roomId: server.generalRoomID, content: 'mine'});
    h.expectProblem(await gateway(agent.apiKey, 'PATCH', `/messages/${theirs.json.id}`, {content: 'x'}), 403);
    h.expectProblem(await gateway(agent.apiKey, 'DELETE', `/messages/${theirs.json.id}`), 403);
    expect((await gateway(agent.apiKey, 'DELETE', `/messages/${sent.json.id}`)).status).toBe(204);
    // The same hostile input gets the same answer as from a person: too long, NUL.
    h.expectProblem(
      await gateway(agent.apiKey, 'POST', '/messages', {
        roomId: server.generalRoomID,
        content: 'x'.repeat(8001),
      }),
      400,
      'content',
    );
    h.expectProblem(
      await gateway(agent.apiKey, 'POST', '/messages', {roomId: server.generalRoomID, content: 'a\u0000b'}),
      400,
      'content',
    );
  });
});

describe('[AG4] an agent is a member, never more', () => {
  it('cannot be made an admin or given the server, through REST or a Zero push', async () => {
    const {owner, server} = await h.community();
    const agent = await createAgent(owner);
    await h.call(owner, 'POST', `/servers/${server.id}/agents`, {agentId: agent.id});
    h.expectProblem(
      await h.call(owner, 'PATCH', `/servers/${server.id}/members/${agent.id}`, {role: 'admin'}),
      400,
      'userId',
    );
    h.expectProblem(
      await h.call(owner, 'POST', `/servers/${server.id}/transfer`, {userId: agent.id}),
      400,
      'userId',
    );
    const {rows} = await h.pool.query('SELECT role FROM user_servers WHERE server_id = $1 AND user_id = $2', [
      server.id,
      agent.id,
    ]);
    expect(rows).toEqual([{role: 'member'}]);
  });
});

describe('[AG5] scopes', () => {
  it('a call outside them is 403 naming the missing scope', async () => {
    const {owner, server} = await h.community();
    const reader = await createAgent(owner, {scopes: ['messages:read']});
    await h.call(owner, 'POST', `/servers/${server.id}/agents`, {agentId: reader.id});
    expect((await gateway(reader.apiKey, 'GET', `/rooms/${server.generalRoomID}/messages`)).status).toBe(200);
    const denied = await gateway(reader.apiKey, 'POST', '/messages', {
      roomId: server.generalRoomID,
      content: 'hi',
    });
    h.expectProblem(denied, 403);
    expect(denied.json.detail).toContain('messages:write');
    const none = await createAgent(owner, {scopes: []});
    const noRead = await gateway(none.apiKey, 'GET', '/rooms');
    h.expectProblem(noRead, 403);
    expect(noRead.json.detail).toContain('messages:read');
    // Scopes can change; the same key then has them.
    expect((await h.call(owner, 'PATCH', `/agents/${none.id}`, {scopes: ['messages:read']})).status).toBe(
      200,
    );
    expect((await gateway(none.apiKey, 'GET', '/rooms')).status).toBe(200);
  });
});

describe('[AG6] the rate limit', () => {
  it('is per agent per hour, with RateLimit-* headers, 429 past it, and shared by two API processes', async () => {
    const owner = await h.user();
    const agent = await createAgent(owner, {rateLimitPerHour: 6});
    // A second API process on the same database.
    const other = createApp({...h.deps});
    const remaining: string[] = [];
    for (let i = 0; i < 6; i++) {
      const res = await gateway(agent.apiKey, 'GET', '/me', undefined, i % 2 ? other : h.app);
      expect(res.status).toBe(200);
      expect(res.headers.get('ratelimit-limit')).toBe('6');
      expect(Number(res.headers.get('ratelimit-reset'))).toBeGreaterThan(0);
      remaining.push(res.headers.get('ratelimit-remaining')!);
    }
    expect(remaining).toEqual(['5', '4', '3', '2', '1', '0']);
    const over = await gateway(agent.apiKey, 'GET', '/me', undefined, other);
    h.expectProblem(over, 429);
    expect(Number(over.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(over.headers.get('ratelimit-remaining')).toBe('0');
    // A burst at once counts every call exactly once.
    const burst = await createAgent(owner, {rateLimitPerHour: 10});
    const answers = await Promise.all(
      Array.from({length: 16}, (_, i) =>
        gateway(burst.apiKey, 'GET', '/me', undefined, i % 2 ? other : h.app),
      ),
    );
    expect(answers.filter(a => a.status === 200)).toHaveLength(10);
    expect(answers.filter(a => a.status === 429)).toHaveLength(6);
  });
});

describe('[AG7] the audit log', () => {
  it('has a row for every call, allowed or denied, filterable by action and room', async () => {
    const {owner, server} = await h.community();
    const agent = await createAgent(owner, {scopes: ['messages:read']});
    await h.call(owner, 'POST', `/servers/${server.id}/agents`, {agentId: agent.id});
    await gateway(agent.apiKey, 'GET', '/me');
    await gateway(agent.apiKey, 'GET', `/rooms/${server.generalRoomID}/messages`);
    await gateway(agent.apiKey, 'POST', '/messages', {roomId: server.generalRoomID, content: 'no scope'});
    const logs = (await h.call(owner, 'GET', `/agents/${agent.id}/logs`)).json.logs;
    expect(
      logs.map((l: {action: string; outcome: string; status: number}) => [l.action, l.outcome, l.status]),
    ).toEqual([
      ['POST /messages', 'denied', 403],
      ['messages.read', 'ok', 200],
      ['me.read', 'ok', 200],
    ]);
    const inRoom = await h.call(owner, 'GET', `/agents/${agent.id}/logs?roomId=${server.generalRoomID}`);
    expect(inRoom.json.logs).toHaveLength(1);
    const byAction = await h.call(owner, 'GET', `/agents/${agent.id}/logs?action=me.read`);
    expect(byAction.json.logs).toHaveLength(1);
    h.expectProblem(await h.call(await h.user(), 'GET', `/agents/${agent.id}/logs`), 404);
  });
});
