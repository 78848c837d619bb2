import {randomUUID} from 'node:crypto';
import {
  dmChannel,
  HUB_CLOSE,
  liveMessageSchema,
  presenceChannel,
  roomChannel,
  userChannel,
} from '@chorus/schema';
import {describe, expect, it} from 'vitest';
import {LiveSocket} from '../../../test/live-socket.ts';
import {restHarness, type Who} from '../../../test/rest-harness.ts';
import {zeroClient} from '../../../test/zero-push.ts';
import {signAccessToken} from '../auth/tokens.ts';

// The embedded hub's contract (SPEC LV1–LV5): who may attach to which
// channel, which events a committed write sends (through REST and Zero push
// alike), that nothing is sent for a write that failed, typing and presence,
// and that losing access or signing out drops the subscriber at once.

const h = restHarness({zero: true, live: true});
const sockets: LiveSocket[] = [];

async function connect(who: Who): Promise<LiveSocket> {
  const socket = await LiveSocket.connect(h.liveURL, who.token);
  sockets.push(socket);
  return socket;
}

const say = (who: Who, roomId: string, content: string, id: string = randomUUID()) =>
  h.call(who, 'POST', '/messages', {id, roomId, content});

/** Waits until every committed write handed to the live layer has been published. */
const settled = () => h.deps.live!.settled();

describe('[LV2] attaching: the same read rules as Zero', () => {
  it('a member attaches to a public room, its server presence and their own channel; a stranger to none', async () => {
    const {owner, member, stranger, server} = await h.community();
    const room = roomChannel(server.id, server.generalRoomID);
    const m = await connect(member);
    expect(await m.attach(room)).toMatchObject({type: 'attached', channel: room});
    expect(await m.attach(presenceChannel(server.id))).toMatchObject({type: 'attached', presence: []});
    expect(await m.attach(userChannel(member.userID))).toMatchObject({type: 'attached'});
    expect(await m.attach(userChannel(owner.userID))).toMatchObject({type: 'detached', reason: 'forbidden'});

    const s = await connect(stranger);
    for (const channel of [
      room,
      presenceChannel(server.id),
      'not a channel',
      `${server.id}:${randomUUID()}`,
    ]) {
      expect(await s.attach(channel)).toMatchObject({type: 'detached', channel, reason: 'forbidden'});
    }
  });

  it('[R1] a private room: its members only, not the rest of the server', async () => {
    const {owner, member, server} = await h.community();
    const staff = await h.privateRoom(owner, server.id);
    const o = await connect(owner);
    const m = await connect(member);
    expect(await o.attach(roomChannel(server.id, staff))).toMatchObject({type: 'attached'});
    expect(await m.attach(roomChannel(server.id, staff))).toMatchObject({type: 'detached'});
    // The room's id under another server's name is no way in either.
    const other = await h.call(member, 'POST', '/servers', {name: 'Mine'});
    expect(await m.attach(roomChannel(other.json.id, staff))).toMatchObject({type: 'detached'});
  });

  it('[DM2] a conversation: its members only', async () => {
    const {owner, member, stranger} = await h.community();
    const opened = await h.call(owner, 'POST', '/conversations', {userIds: [member.userID]});
    expect(opened.status).toBe(201);
    const channel = dmChannel(opened.json.id);
    expect(await (await connect(member)).attach(channel)).toMatchObject({type: 'attached'});
    expect(await (await connect(stranger)).attach(channel)).toMatchObject({type: 'detached'});
  });

  it('refuses a socket without a valid token: nothing before auth, a forged or expired token closes it', async () => {
    const early = new LiveSocket(h.liveURL);
    sockets.push(early);
    await early.open();
    early.send({type: 'attach', channel: 'user:x'});
    expect(await early.closedWith()).toBe(HUB_CLOSE.unauthorized);

    const forged = new LiveSocket(h.liveURL);
    sockets.push(forged);
    await forged.open();
    forged.send({type: 'auth', token: 'eyJhbGciOiJIUzI1NiJ9.e30.AAAA'});
    expect(await forged.closedWith()).toBe(HUB_CLOSE.unauthorized);

    const who = await h.user();
    const expired = await signAccessToken(
      {...h.deps.auth, accessTokenTTLSeconds: -60},
      {userID: who.userID, sessionID: randomUUID(), emailVerified: true},
    );
    const late = new LiveSocket(h.liveURL);
    sockets.push(late);
    await late.open();
    late.send({type: 'auth', token: expired});
    expect(await late.closedWith()).toBe(HUB_CLOSE.unauthorized);

    const garbage = await connect(who);
    garbage.send('{"type":"publish","channel":"x","name":"message.created"}');
    expect(await garbage.closedWith()).toBe(HUB_CLOSE.badMessage);
  });
});

describe('[LV1] committed writes reach the channel with the row as clients hold it', () => {
  it('message.created|updated|deleted and reaction.added|removed, through REST', async () => {
    const {owner, member, server} = await h.community();
    const room = roomChannel(server.id, server.generalRoomID);
    const m = await connect(member);
    await m.attach(room);

    const id = randomUUID();
    expect((await say(owner, server.generalRoomID, 'Hello **live**', id)).status).toBe(201);
    const created = await m.next(f => f.type === 'event' && f.name === 'message.created');
    expect(created).toMatchObject({channel: room, at: expect.any(Number)});
    const row = liveMessageSchema.parse((created as {data: unknown}).data);
    expect(row).toMatchObject({
      id,
      roomID: server.generalRoomID,
      conversationID: null,
      userID: owner.userID,
      content: 'Hello **live**',
      parentMessageID: null,
      replyCount: 0,
      deletedAt: null,
      author: {id: owner.userID, username: owner.username, userType: 'human'},
    });
    // The row's time is Zero's: epoch milliseconds, as the replica's row will have it.
    const {rows} = await h.pool.query<{ms: number}>(
      'SELECT (extract(epoch FROM created_at) * 1000)::float8 AS ms FROM messages WHERE id = $1',
      [id],
    );
    expect(row.createdAt).toBe(rows[0]!.ms);

    expect((await h.call(owner, 'PATCH', `/messages/${id}`, {content: 'Edited'})).status).toBe(200);
    const updated = await m.next(f => f.type === 'event' && f.name === 'message.updated');
    expect((updated as {data: {content: string; editedAt: number}}).data).toMatchObject({
      id,
      content: 'Edited',
      editedAt: expect.any(Number),
    });

    expect((await h.call(member, 'POST', `/messages/${id}/react`, {emoji: '🎉'})).status).toBe(201);
    const added = await m.next(f => f.type === 'event' && f.name === 'reaction.added');
    expect((added as {data: unknown}).data).toEqual({messageID: id, userID: member.userID, emoji: '🎉'});
    expect((await h.call(member, 'DELETE', `/messages/${id}/react?emoji=🎉`)).status).toBe(204);
    await m.next(f => f.type === 'event' && f.name === 'reaction.removed');

    expect((await h.call(owner, 'DELETE', `/messages/${id}`)).status).toBe(204);
    const deleted = await m.next(f => f.type === 'event' && f.name === 'message.deleted');
    expect((deleted as {data: {deletedAt: number}}).data).toMatchObject({id, deletedAt: expect.any(Number)});
    // In order, each once.
    expect(m.events().map(e => e.name)).toEqual([
      'message.created',
      'message.updated',
      'reaction.added',
      'reaction.removed',
      'message.deleted',
    ]);
  });

  it('the same event through a Zero push, and none for the mutation in it that failed', async () => {
    const {owner, member, server} = await h.community();
    const room = roomChannel(server.id, server.generalRoomID);
    const m = await connect(member);
    await m.attach(room);
    const good = randomUUID();
    const bad = randomUUID();
    const pushed = await zeroClient(h, owner).push([
      // A reply to a message that does not exist: refused, rolled back.
      {
        name: 'message.send',
        args: {id: bad, roomID: server.generalRoomID, content: 'orphan', parentMessageID: randomUUID()},
      },
      {name: 'message.send', args: {id: good, roomID: server.generalRoomID, content: 'Pushed'}},
    ]);
    expect(pushed.status).toBe(200);
    expect(pushed.json.mutations[0].result).toHaveProperty('error');
    await m.next(f => f.type === 'event' && f.name === 'message.created');
    await settled();
    expect(m.events().map(e => (e.data as {id: string}).id)).toEqual([good]);
    expect((await h.pool.query('SELECT 1 FROM messages WHERE id = $1', [bad])).rowCount).toBe(0);
  });

  it('[LV2] an event goes to its own room only, never to another room or a reader of none', async () => {
    const {owner, member, server} = await h.community();
    const staff = await h.privateRoom(owner, server.id);
    const m = await connect(member);
    await m.attach(roomChannel(server.id, server.generalRoomID));
    const o = await connect(owner);
    await o.attach(roomChannel(server.id, staff));
    expect((await say(owner, staff, 'Staff only')).status).toBe(201);
    await o.next(f => f.type === 'event' && f.name === 'message.created');
    expect((await say(owner, server.generalRoomID, 'For everyone')).status).toBe(201);
    await m.next(f => f.type === 'event' && f.name === 'message.created');
    await settled();
    expect(m.events().map(e => (e.data as {content: string}).content)).toEqual(['For everyone']);
    expect(o.events().map(e => (e.data as {content: string}).content)).toEqual(['Staff only']);
  });

  it('[DM4] a direct message on its conversation channel', async () => {
    const {owner, member} = await h.community();
    const opened = await h.call(owner, 'POST', '/conversations', {userIds: [member.userID]});
    const m = await connect(member);
    await m.attach(dmChannel(opened.json.id));
    const sent = await h.call(owner, 'POST', '/messages', {conversationId: opened.json.id, content: 'Psst'});
    expect(sent.status).toBe(201);
    const event = await m.next(f => f.type === 'event' && f.name === 'message.created');
    expect((event as {data: unknown}).data).toMatchObject({
      conversationID: opened.json.id,
      roomID: null,
      content: 'Psst',
    });
  });
});

describe('[LV4] typing', () => {
  it('reaches the room as the sender, whatever the frame claims; not from someone who cannot read it', async () => {
    const {owner, member, stranger, server} = await h.community();
    const room = roomChannel(server.id, server.generalRoomID);
    const o = await connect(owner);
    await o.attach(room);
    const m = await connect(member);
    m.send({type: 'publish', channel: room, name: 'typing.start', data: {userID: owner.userID}});
    const typing = await o.next(f => f.type === 'event' && f.name === 'typing.start');
    expect((typing as {data: unknown}).data).toEqual({userID: member.userID, parentMessageID: null});

    const s = await connect(stranger);
    s.send({type: 'publish', channel: room, name: 'typing.start'});
    await s.next(f => f.type === 'detached' && f.channel === room);
    // Clients publish only typing: a made-up message event breaks the protocol.
    m.send({type: 'publish', channel: room, name: 'message.created', data: {}});
    expect(await m.closedWith()).toBe(HUB_CLOSE.badMessage);
    expect(o.events('typing.start')).toHaveLength(1);
    expect(o.events('message.created')).toHaveLength(0);
  });
});

describe('[LV5] presence', () => {
  it('enter, idle, and leave when the socket closes, seen by the server members attached', async () => {
    const {owner, member, server} = await h.community();
    const channel = presenceChannel(server.id);
    const o = await connect(owner);
    await o.attach(channel);
    const m = await connect(member);
    m.send({type: 'presence', channel, action: 'enter', status: 'online'});
    expect(await o.next(f => f.type === 'presence' && f.action === 'enter')).toMatchObject({
      member: {userID: member.userID, status: 'online'},
    });
    // A second tab of the same person changes nothing; idle on one tab keeps them online.
    const m2 = await connect(member);
    m2.send({type: 'presence', channel, action: 'enter', status: 'idle'});
    m.send({type: 'presence', channel, action: 'update', status: 'idle'});
    expect(await o.next(f => f.type === 'presence' && f.action === 'update')).toMatchObject({
      member: {userID: member.userID, status: 'idle'},
    });
    // A late subscriber gets the current set with its attach.
    const late = await connect(owner);
    expect(await late.attach(channel)).toMatchObject({presence: [{userID: member.userID, status: 'idle'}]});
    m.close();
    m2.close();
    expect(await o.next(f => f.type === 'presence' && f.action === 'leave')).toMatchObject({
      member: {userID: member.userID},
    });
  });
});

describe('[LV3] losing access drops the subscriber at once', () => {
  it('kicked from the server: detached from its rooms and presence, and hears nothing after', async () => {
    const {owner, member, server} = await h.community();
    const room = roomChannel(server.id, server.generalRoomID);
    const m = await connect(member);
    await m.attach(room);
    await m.attach(presenceChannel(server.id));
    expect((await h.call(owner, 'DELETE', `/servers/${server.id}/members/${member.userID}`)).status).toBe(
      204,
    );
    await m.next(f => f.type === 'detached' && f.channel === room);
    await m.next(f => f.type === 'detached' && f.channel === presenceChannel(server.id));
    expect((await say(owner, server.generalRoomID, 'After the kick')).status).toBe(201);
    await settled();
    await new Promise(r => setTimeout(r, 100));
    expect(m.events('message.created')).toHaveLength(0);
    expect(await m.attach(room)).toMatchObject({type: 'detached'});
  });

  it('a room made private drops the members it no longer lets read', async () => {
    const {owner, member, server} = await h.community();
    const created = await h.call(owner, 'POST', '/rooms', {serverId: server.id, name: 'soon-private'});
    const channel = roomChannel(server.id, created.json.id);
    const m = await connect(member);
    expect(await m.attach(channel)).toMatchObject({type: 'attached'});
    expect((await h.call(owner, 'PATCH', `/rooms/${created.json.id}`, {isPrivate: true})).status).toBe(200);
    await m.next(f => f.type === 'detached' && f.channel === channel);
  });

  it('[AC12] signing out closes the socket, and no new one opens with the old token', async () => {
    const who = await h.user();
    const {rows} = await h.pool.query<{id: string}>(
      `INSERT INTO auth_sessions (user_id, expires_at) VALUES ($1, now() + interval '1 day') RETURNING id`,
      [who.userID],
    );
    const token = await signAccessToken(h.deps.auth, {
      userID: who.userID,
      sessionID: rows[0]!.id,
      emailVerified: true,
    });
    const socket = await connect({...who, token});
    await h.pool.query('UPDATE auth_sessions SET revoked_at = now() WHERE id = $1', [rows[0]!.id]);
    expect(await socket.closedWith()).toBe(HUB_CLOSE.sessionEnded);
    const again = new LiveSocket(h.liveURL);
    sockets.push(again);
    await again.open();
    again.send({type: 'auth', token});
    expect(await again.closedWith()).toBe(HUB_CLOSE.sessionEnded);
  });
});

describe('[LV2] server and friend events, to their readers only', () => {
  it('member.joined|left and room.created|updated on the server channel; a private room on its own', async () => {
    const {owner, member, server} = await h.community();
    const serverChannel = presenceChannel(server.id);
    const m = await connect(member);
    await m.attach(serverChannel);

    const newcomer = await h.user();
    expect((await h.call(newcomer, 'POST', '/servers/join', {accessCode: server.accessCode})).status).toBe(
      200,
    );
    // The setup's own joins may still be on their way: wait for the newcomer's.
    const isNewcomer = (f: {type: string; data?: unknown}) =>
      f.type === 'event' && (f.data as {userID?: string}).userID === newcomer.userID;
    expect(
      await m.next(f => isNewcomer(f) && f.type === 'event' && f.name === 'member.joined'),
    ).toMatchObject({
      data: {serverID: server.id, userID: newcomer.userID},
    });
    expect((await h.call(newcomer, 'POST', `/servers/${server.id}/leave`)).status).toBeLessThan(300);
    expect(await m.next(f => isNewcomer(f) && f.type === 'event' && f.name === 'member.left')).toMatchObject({
      data: {serverID: server.id, userID: newcomer.userID},
    });

    const room = await h.call(owner, 'POST', '/rooms', {serverId: server.id, name: 'news'});
    expect(await m.next(f => f.type === 'event' && f.name === 'room.created')).toMatchObject({
      data: {id: room.json.id, serverID: server.id, name: 'news', isPrivate: false},
    });
    const staff = await h.privateRoom(owner, server.id);
    const o = await connect(owner);
    await o.attach(roomChannel(server.id, staff));
    expect(
      (await h.call(owner, 'POST', `/rooms/${staff}/members`, {userId: member.userID})).status,
    ).toBeLessThan(300);
    expect(await o.next(f => f.type === 'event' && f.name === 'user.joined')).toMatchObject({
      data: {roomID: staff, userID: member.userID},
    });
    await settled();
    // The private room's creation went to nobody on the server channel.
    expect(m.events('room.created').map(e => (e.data as {id: string}).id)).toEqual([room.json.id]);
  });

  it('friend.request and friend.accepted reach both people; a blocked asker is only told their own', async () => {
    const [ana, ben, cy] = [await h.user(), await h.user(), await h.user()];
    const a = await connect(ana);
    await a.attach(userChannel(ana.userID));
    const b = await connect(ben);
    await b.attach(userChannel(ben.userID));
    expect((await h.call(ana, 'POST', '/friends/request', {username: ben.username})).status).toBe(201);
    const asked = await b.next(f => f.type === 'event' && f.name === 'friend.request');
    expect((asked as {data: unknown}).data).toMatchObject({
      userID: ana.userID,
      friendID: ben.userID,
      status: 'pending',
    });
    await a.next(f => f.type === 'event' && f.name === 'friend.request');
    // Ben asking back accepts Ana's request.
    expect((await h.call(ben, 'POST', '/friends/request', {username: ana.username})).status).toBe(200);
    await a.next(f => f.type === 'event' && f.name === 'friend.accepted');
    await b.next(f => f.type === 'event' && f.name === 'friend.accepted');

    // Ben blocked Cy: Cy's request is stored as sent, and only Cy hears of it.
    expect((await h.call(ben, 'POST', `/users/${cy.userID}/block`)).status).toBeLessThan(300);
    const c = await connect(cy);
    await c.attach(userChannel(cy.userID));
    expect((await h.call(cy, 'POST', '/friends/request', {username: ben.username})).status).toBe(201);
    await c.next(f => f.type === 'event' && f.name === 'friend.request');
    await settled();
    expect(b.events('friend.request')).toHaveLength(1);
  });
});

describe('[LV8] friends see each other connect and go', () => {
  it('on their own channel: who is online when it opens, then enter, idle and leave; a stranger sees nothing', async () => {
    const [ana, ben, cy] = [await h.user(), await h.user(), await h.user()];
    const early = await connect(ben);
    const a = await connect(ana);
    expect(await a.attach(userChannel(ana.userID))).toMatchObject({presence: []});
    // Becoming friends shows who is here at once.
    expect((await h.call(ana, 'POST', '/friends/request', {username: ben.username})).status).toBe(201);
    expect((await h.call(ben, 'POST', '/friends/request', {username: ana.username})).status).toBe(200);
    expect(await a.next(f => f.type === 'presence' && f.action === 'enter')).toMatchObject({
      member: {userID: ben.userID, status: 'online'},
    });
    const again = await connect(ana);
    expect(await again.attach(userChannel(ana.userID))).toMatchObject({
      presence: [{userID: ben.userID, status: 'online'}],
    });
    early.close();
    expect(await a.next(f => f.type === 'presence' && f.action === 'leave')).toMatchObject({
      channel: userChannel(ana.userID),
      member: {userID: ben.userID},
    });
    const b = await connect(ben);
    const from = a.frames.length;
    expect(await a.next(f => f.type === 'presence' && f.action === 'enter', from)).toMatchObject({
      member: {userID: ben.userID, status: 'online'},
    });
    // Idle everywhere Ben is present makes him idle for his friends.
    const {server} = await h.community();
    await h.call(ben, 'POST', '/servers/join', {accessCode: server.accessCode});
    b.send({type: 'presence', channel: presenceChannel(server.id), action: 'enter', status: 'idle'});
    expect(await a.next(f => f.type === 'presence' && f.action === 'update', from)).toMatchObject({
      member: {userID: ben.userID, status: 'idle'},
    });
    expect((await h.call(ana, 'GET', '/friends')).json.friends).toEqual([
      expect.objectContaining({user: expect.objectContaining({id: ben.userID}), presence: 'idle'}),
    ]);
    // Cy is no friend: their coming and going is not told to Ana, nor Ben's to Cy.
    const c = await connect(cy);
    expect(await c.attach(userChannel(cy.userID))).toMatchObject({presence: []});
    c.close();
    b.close();
    await a.next(f => f.type === 'presence' && f.action === 'leave', from);
    await new Promise(r => setTimeout(r, 100));
    const told = a.frames
      .filter(f => f.type === 'presence')
      .map(f => (f as {member: {userID: string}}).member.userID);
    expect(told.every(id => id === ben.userID)).toBe(true);
  });
});

describe('[LV1][AG7] an agent’s writes', () => {
  it('reach the room live like anyone’s, with agent.active once a minute at most', async () => {
    const {owner, member, server} = await h.community();
    const created = await h.call(owner, 'POST', '/agents', {
      name: `live${Date.now() % 100000}`,
      scopes: ['messages:write'],
    });
    await h.call(owner, 'POST', `/servers/${server.id}/agents`, {agentId: created.json.id});
    await settled();
    const m = await connect(member);
    await m.attach(roomChannel(server.id, server.generalRoomID));
    const post = (content: string) =>
      h.app.request('/api/agent/v1/messages', {
        method: 'POST',
        headers: {authorization: `Bearer ${created.json.apiKey}`, 'content-type': 'application/json'},
        body: JSON.stringify({roomId: server.generalRoomID, content}),
      });
    expect((await post('beep')).status).toBe(201);
    expect((await post('boop')).status).toBe(201);
    const created2 = await m.next(
      f => f.type === 'event' && (f.data as {content?: string}).content === 'boop',
    );
    expect(created2).toMatchObject({
      name: 'message.created',
      data: {author: {id: created.json.id, userType: 'ai_agent'}},
    });
    const active = await m.next(f => f.type === 'event' && f.name === 'agent.active');
    expect(active).toMatchObject({data: {agentID: created.json.id, roomID: server.generalRoomID}});
    await settled();
    await new Promise(r => setTimeout(r, 100));
    expect(m.events('agent.active')).toHaveLength(1);
  });
});
