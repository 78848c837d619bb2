import {randomUUID} from 'node:crypto';
import {roomChannel} from '@chorus/schema';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {startAPIProcess, tokenFor, type APIProcess} from '../../test/api-process.ts';
import {insertUser} from '../../test/fixtures.ts';
import {LiveSocket} from '../../test/live-socket.ts';
import {restHarness} from '../../test/rest-harness.ts';
import {HUB_PATH} from './live/hub.ts';

// [OP15] Two API processes on one database, as behind the compose file's
// proxy: what one process counts or publishes, the other sees. The limits
// are scaled by 0.1, so a person has 12 writes a minute.

const h = restHarness();
let a: APIProcess;
let b: APIProcess;
beforeAll(async () => {
  const start = () => startAPIProcess(h.databaseURL, {RATE_LIMIT_MULTIPLIER: '0.1'});
  [a, b] = await Promise.all([start(), start()]);
}, 60_000);
afterAll(async () => {
  await Promise.all([a?.stop(), b?.stop()]);
});

const post = (api: APIProcess, token: string, path: string, body: unknown) =>
  fetch(`${api.url}/api/v1${path}`, {
    method: 'POST',
    headers: {authorization: `Bearer ${token}`, 'content-type': 'application/json'},
    body: JSON.stringify(body),
  });

describe('[OP15] two API processes share their state through Postgres', () => {
  it('[RL1] a person’s write budget spent on both is refused by either once used up', async () => {
    const who = await insertUser(h.pool);
    const token = await tokenFor(h.pool, who.userID);
    const created = await post(a, token, '/servers', {name: 'Shared'});
    expect(created.status).toBe(201);
    const server = (await created.json()) as {id: string};
    const {rows} = await h.pool.query<{id: string}>('SELECT id FROM rooms WHERE server_id = $1', [server.id]);
    const roomId = rows[0]!.id;

    // The server took one write of twelve; eleven posts, alternating, take the rest.
    const remaining: string[] = [];
    for (let i = 0; i < 11; i++) {
      const res = await post(i % 2 ? a : b, token, '/messages', {roomId, content: `post ${i}`});
      expect(res.status).toBe(201);
      remaining.push(res.headers.get('ratelimit-remaining')!);
    }
    expect(remaining).toEqual(['10', '9', '8', '7', '6', '5', '4', '3', '2', '1', '0']);
    for (const api of [a, b]) {
      const refused = await post(api, token, '/messages', {roomId, content: 'one too many'});
      expect(refused.status).toBe(429);
      expect(refused.headers.get('content-type')).toContain('application/problem+json');
      expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0);
      expect(await refused.json()).toMatchObject({status: 429});
    }
    const stored = await h.pool.query('SELECT 1 FROM messages WHERE room_id = $1', [roomId]);
    expect(stored.rowCount).toBe(11);
  });

  it('[LV5] a message posted to one process reaches a live socket on the other', async () => {
    const [ann, bob] = [await insertUser(h.pool), await insertUser(h.pool)];
    const [annToken, bobToken] = [await tokenFor(h.pool, ann.userID), await tokenFor(h.pool, bob.userID)];
    const created = await post(a, annToken, '/servers', {name: 'Live'});
    const server = (await created.json()) as {id: string; accessCode: string};
    expect((await post(b, bobToken, '/servers/join', {accessCode: server.accessCode})).status).toBe(200);
    const {rows} = await h.pool.query<{id: string}>('SELECT id FROM rooms WHERE server_id = $1', [server.id]);
    const roomId = rows[0]!.id;

    const onB = await LiveSocket.connect(`ws://127.0.0.1:${b.port}${HUB_PATH}`, bobToken);
    try {
      expect(await onB.attach(roomChannel(server.id, roomId))).toMatchObject({type: 'attached'});
      const id = randomUUID();
      expect((await post(a, annToken, '/messages', {id, roomId, content: 'hello from A'})).status).toBe(201);
      expect(
        await onB.next(f => f.type === 'event' && (f.data as {id?: string}).id === id, 0, 10_000),
      ).toMatchObject({type: 'event', name: 'message.created'});
    } finally {
      onB.close();
    }
  });
});
