import {createServer, type Server} from 'node:http';
import {randomUUID} from 'node:crypto';
import {limits, presenceChannel, roomChannel} from '@chorus/schema';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {LiveSocket} from '../../../test/live-socket.ts';
import {restHarness} from '../../../test/rest-harness.ts';
import {liveEffects} from './effects.ts';
import {HUB_PATH, LiveHub} from './hub.ts';

// [LV5] Two API processes, one database: what one hub's writes send reaches
// the other hub's sockets through Postgres LISTEN/NOTIFY, events too large
// for a notification included, and so do presence and access checks.

const h = restHarness({live: true});
let other: LiveHub;
let server: Server;
let otherURL: string;

beforeAll(async () => {
  other = await new LiveHub(h.deps, async recipe => (await liveEffects(h.pool, recipe)).events).start();
  server = createServer();
  other.listen(server);
  await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  otherURL = `ws://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}${HUB_PATH}`;
});
afterAll(async () => {
  await other.stop();
  await new Promise(resolve => server.close(resolve));
});

describe('[LV5] the hub across API processes', () => {
  it('delivers a write made through one process to subscribers of another, however long the message', async () => {
    const {owner, member, server: s} = await h.community();
    const room = roomChannel(s.id, s.generalRoomID);
    const there = await LiveSocket.connect(otherURL, member.token);
    expect(await there.attach(room)).toMatchObject({type: 'attached'});

    const short = randomUUID();
    expect(
      (await h.call(owner, 'POST', '/messages', {id: short, roomId: s.generalRoomID, content: 'Hi'})).status,
    ).toBe(201);
    // Longer than a Postgres notification can carry (8000 bytes).
    const long = randomUUID();
    const content = 'é'.repeat(limits.messageContentMax);
    expect(
      (await h.call(owner, 'POST', '/messages', {id: long, roomId: s.generalRoomID, content})).status,
    ).toBe(201);
    await there.next(f => f.type === 'event' && (f.data as {id: string}).id === long);
    const created = there.events('message.created').map(e => e.data as {id: string; content: string});
    expect(created.map(m => m.id)).toEqual([short, long]);
    expect(created[1]!.content).toBe(content);
    there.close();
  });

  it('shares presence and drops a subscriber of the other process when access ends', async () => {
    const {owner, member, server: s} = await h.community();
    const channel = presenceChannel(s.id);
    const here = await LiveSocket.connect(h.liveURL, owner.token);
    await here.attach(channel);
    const there = await LiveSocket.connect(otherURL, member.token);
    await there.attach(roomChannel(s.id, s.generalRoomID));
    there.send({type: 'presence', channel, action: 'enter', status: 'online'});
    expect(await here.next(f => f.type === 'presence' && f.action === 'enter')).toMatchObject({
      member: {userID: member.userID, status: 'online'},
    });

    expect((await h.call(owner, 'DELETE', `/servers/${s.id}/members/${member.userID}`)).status).toBe(204);
    await there.next(f => f.type === 'detached' && f.channel === roomChannel(s.id, s.generalRoomID));
    expect(await here.next(f => f.type === 'presence' && f.action === 'leave')).toMatchObject({
      member: {userID: member.userID},
    });
    here.close();
    there.close();
  });
});
