import {randomUUID} from 'node:crypto';
import type {AuthContext} from '@chorus/schema';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {insertUser} from '../../../test/fixtures.ts';
import {createTestDatabase, type TestDatabase} from '../../../test/pg.ts';
import {createApp} from '../app.ts';
import {signAccessToken} from '../auth/tokens.ts';
import type {Deps} from '../deps.ts';
import {testDeps} from '../../../test/deps.ts';

// The REST routes through the real app in-process (`app.request`), real
// Postgres, and the same server mutators the Zero push endpoint runs.

let db: TestDatabase;
let deps: Deps;
let app: ReturnType<typeof createApp>;

beforeAll(async () => {
  db = await createTestDatabase();
  deps = testDeps(db.pool);
  app = createApp(deps);
});
afterAll(() => db.drop());

type Who = AuthContext & {token: string};
async function user(verified = true): Promise<Who> {
  const u = await insertUser(db.pool, {verified});
  const token = await signAccessToken(deps.auth, {
    userID: u.userID,
    sessionID: randomUUID(),
    emailVerified: verified,
  });
  return {...u, token};
}

async function call(who: Who | undefined, method: string, path: string, body?: unknown) {
  const res = await app.request(`/api/v1${path}`, {
    method,
    headers: {
      ...(who ? {authorization: `Bearer ${who.token}`} : {}),
      ...(body === undefined ? {} : {'content-type': 'application/json'}),
    },
    body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
  });
  const text = await res.text();
  return {
    status: res.status,
    type: res.headers.get('content-type') ?? '',
    json: text ? JSON.parse(text) : undefined,
  };
}

const count = async (sql: string, params: unknown[] = []) =>
  Number((await db.pool.query(sql, params)).rows[0].count);

async function serverOf(owner: Who, name = 'Acme') {
  const res = await call(owner, 'POST', '/servers', {name});
  expect(res.status).toBe(201);
  return res.json as {id: string; name: string; accessCode: string};
}

describe('servers over REST', () => {
  it('[SV1] POST /servers answers 201 with id, name and a server-chosen access code', async () => {
    const owner = await user();
    const res = await call(owner, 'POST', '/servers', {name: '  Acme  ', isPrivate: true});
    expect(res.status).toBe(201);
    expect(res.json).toMatchObject({name: 'Acme', isPrivate: true, role: 'owner'});
    expect(res.json.accessCode).toMatch(/^[2-9A-HJKMNP-Z]{5}$/);
    const list = await call(owner, 'GET', '/servers');
    expect(list.json.servers.map((s: {id: string}) => s.id)).toEqual([res.json.id]);
  });

  it('[SV1] the fourth server gets 409 problem+json and changes nothing', async () => {
    const owner = await user();
    for (const n of [1, 2, 3]) await serverOf(owner, `s${n}`);
    const res = await call(owner, 'POST', '/servers', {name: 'four'});
    expect(res.status).toBe(409);
    expect(res.type).toContain('application/problem+json');
    expect(res.json.detail).toMatch(/at most 3 servers/);
    expect(await count('SELECT count(*) FROM servers WHERE created_by = $1', [owner.userID])).toBe(3);
  });

  it('an empty or 200-character name is a 400 naming the field; nothing is written', async () => {
    const owner = await user();
    for (const name of ['', '   ', 'x'.repeat(200)]) {
      const res = await call(owner, 'POST', '/servers', {name});
      expect(res.status).toBe(400);
      expect(res.type).toContain('application/problem+json');
      expect(res.json.field).toBe('name');
    }
    const wrongType = await call(owner, 'POST', '/servers', {name: 'ok', isPrivate: 'yes'});
    expect(wrongType.json.field).toBe('isPrivate');
    const notJSON = await call(owner, 'POST', '/servers', '{oops');
    expect(notJSON.status).toBe(400);
    expect(await count('SELECT count(*) FROM servers WHERE created_by = $1', [owner.userID])).toBe(0);
  });

  it('[A2] an unverified user gets 403 creating a server', async () => {
    const res = await call(await user(false), 'POST', '/servers', {name: 'nope'});
    expect(res.status).toBe(403);
    expect(res.json.detail).toMatch(/Verify your email/);
  });

  it('[A1] no token, or a garbage token, is 401 problem+json', async () => {
    const none = await call(undefined, 'GET', '/servers');
    expect(none.status).toBe(401);
    expect(none.type).toContain('application/problem+json');
    const bad = await call({...(await user()), token: 'not.a.jwt'}, 'GET', '/servers');
    expect(bad.status).toBe(401);
  });

  it('[SV3] join by code: a wrong code is 404 that reveals nothing; the right one joins', async () => {
    const owner = await user();
    const joiner = await user();
    const server = await serverOf(owner);
    const wrong = await call(joiner, 'POST', '/servers/join', {
      accessCode: server.accessCode === 'ZZZZZ' ? 'YYYYY' : 'ZZZZZ',
    });
    expect(wrong.status).toBe(404);
    expect(wrong.json.field).toBe('accessCode');
    const malformed = await call(joiner, 'POST', '/servers/join', {accessCode: 'O0I1L'});
    expect(malformed.status).toBe(400);
    expect(malformed.json.field).toBe('accessCode');
    const ok = await call(joiner, 'POST', '/servers/join', {accessCode: server.accessCode});
    expect(ok.status).toBe(200);
    expect(ok.json).toMatchObject({id: server.id, role: 'member'});
  });

  it('[SV3] POST /servers/:id/join needs that server’s own code', async () => {
    const owner = await user();
    const joiner = await user();
    const a = await serverOf(owner, 'A');
    const b = await serverOf(owner, 'B');
    expect((await call(joiner, 'POST', `/servers/${a.id}/join`, {accessCode: b.accessCode})).status).toBe(
      404,
    );
    expect(await count('SELECT count(*) FROM user_servers WHERE user_id = $1', [joiner.userID])).toBe(0);
    expect((await call(joiner, 'POST', `/servers/${a.id}/join`, {accessCode: a.accessCode})).status).toBe(
      200,
    );
  });

  it('[S1][S3] a non-member cannot see a server: 404, same as a missing one', async () => {
    const owner = await user();
    const stranger = await user();
    const server = await serverOf(owner);
    const res = await call(stranger, 'GET', `/servers/${server.id}`);
    const missing = await call(stranger, 'GET', `/servers/${randomUUID()}`);
    expect(res.status).toBe(404);
    expect(res.json.detail).toBe(missing.json.detail);
    expect((await call(stranger, 'GET', '/servers/not-a-uuid')).json.field).toBe('id');
  });
});

describe('rooms over REST', () => {
  it('[S4] the owner creates a room (201); a member gets 403; a stranger 404', async () => {
    const owner = await user();
    const member = await user();
    const stranger = await user();
    const server = await serverOf(owner);
    await call(member, 'POST', '/servers/join', {accessCode: server.accessCode});
    const created = await call(owner, 'POST', '/rooms', {serverId: server.id, name: 'launch'});
    expect(created.status).toBe(201);
    expect(created.json).toMatchObject({serverId: server.id, name: 'launch', isPrivate: false});
    expect((await call(member, 'POST', '/rooms', {serverId: server.id, name: 'x'})).status).toBe(403);
    expect((await call(stranger, 'POST', '/rooms', {serverId: server.id, name: 'x'})).status).toBe(404);
    const bad = await call(owner, 'POST', '/rooms', {serverId: 'nope', name: 'x'});
    expect(bad.status).toBe(400);
    expect(bad.json.field).toBe('serverId');
    expect(await count('SELECT count(*) FROM rooms WHERE server_id = $1', [server.id])).toBe(2);
  });

  it('[R1] a private room is 404 to a member who was not added', async () => {
    const owner = await user();
    const member = await user();
    const server = await serverOf(owner);
    await call(member, 'POST', '/servers/join', {accessCode: server.accessCode});
    const room = await call(owner, 'POST', '/rooms', {serverId: server.id, name: 'staff', isPrivate: true});
    expect((await call(owner, 'GET', `/rooms/${room.json.id}`)).status).toBe(200);
    expect((await call(member, 'GET', `/rooms/${room.json.id}`)).status).toBe(404);
  });
});

describe('messages over REST', () => {
  async function room() {
    const owner = await user();
    const server = await serverOf(owner);
    const rooms = await db.pool.query<{id: string}>('SELECT id FROM rooms WHERE server_id = $1', [server.id]);
    return {owner, server, roomId: rooms.rows[0]!.id};
  }

  it('[MS3] a retried POST with the same id answers 201 then 200 with the same message', async () => {
    const {owner, roomId} = await room();
    const id = randomUUID();
    const first = await call(owner, 'POST', '/messages', {id, roomId, content: 'Hello **world**'});
    expect(first.status).toBe(201);
    expect(first.json).toMatchObject({id, roomId, content: 'Hello **world**', userId: owner.userID});
    const again = await call(owner, 'POST', '/messages', {id, roomId, content: 'Hello **world**'});
    expect(again.status).toBe(200);
    expect(again.json).toEqual(first.json);
    expect(await count('SELECT count(*) FROM messages WHERE id = $1', [id])).toBe(1);
  });

  it('[MS1][M1] a stranger can neither post to nor read a room: 404', async () => {
    const {roomId} = await room();
    const stranger = await user();
    expect((await call(stranger, 'POST', '/messages', {roomId, content: 'hi'})).status).toBe(404);
    expect((await call(stranger, 'GET', `/messages/room/${roomId}`)).status).toBe(404);
    expect(await count('SELECT count(*) FROM messages WHERE room_id = $1', [roomId])).toBe(0);
  });

  it('[MS2] over-long or blank content is a 400 naming `content`; nothing is written', async () => {
    const {owner, roomId} = await room();
    for (const content of ['x'.repeat(8001), '  ']) {
      const res = await call(owner, 'POST', '/messages', {roomId, content});
      expect(res.status).toBe(400);
      expect(res.json.field).toBe('content');
    }
    expect(await count('SELECT count(*) FROM messages WHERE room_id = $1', [roomId])).toBe(0);
  });

  it('GET /messages/room/:id pages from newest to oldest with a cursor', async () => {
    const {owner, roomId} = await room();
    for (let i = 0; i < 5; i++) {
      await call(owner, 'POST', '/messages', {roomId, content: `m${i}`});
      await new Promise(r => setTimeout(r, 2));
    }
    const page1 = await call(owner, 'GET', `/messages/room/${roomId}?limit=2`);
    expect(page1.json.messages.map((m: {content: string}) => m.content)).toEqual(['m4', 'm3']);
    const page2 = await call(
      owner,
      'GET',
      `/messages/room/${roomId}?limit=2&before=${page1.json.nextCursor}`,
    );
    expect(page2.json.messages.map((m: {content: string}) => m.content)).toEqual(['m2', 'm1']);
    const page3 = await call(
      owner,
      'GET',
      `/messages/room/${roomId}?limit=2&before=${page2.json.nextCursor}`,
    );
    expect(page3.json.messages.map((m: {content: string}) => m.content)).toEqual(['m0']);
    expect(page3.json.nextCursor).toBeNull();
    const bad = await call(owner, 'GET', `/messages/room/${roomId}?before=garbage`);
    expect(bad.status).toBe(400);
    expect(bad.json.field).toBe('before');
  });
});

it('unknown routes and /healthz', async () => {
  const missing = await app.request('/api/v1/nope');
  expect(missing.status).toBe(404);
  expect(missing.headers.get('content-type')).toContain('application/problem+json');
  expect(await (await app.request('/healthz')).json()).toEqual({status: 'ok'});
});
