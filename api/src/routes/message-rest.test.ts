import {randomUUID} from 'node:crypto';
import {describe, expect, it} from 'vitest';
import {restHarness, type Who} from '../../../test/rest-harness.ts';

// Sending, history, edits, deletes and reactions over REST: status codes,
// problem+json bodies, and the rows left behind (a refusal changes nothing).
// The idempotent 201-then-200 retry of [MS3] is proven in rest.test.ts.

const h = restHarness();

async function send(who: Who, roomId: string, content = 'hello', extra: Record<string, unknown> = {}) {
  const res = await h.call(who, 'POST', '/messages', {roomId, content, ...extra});
  expect(res.status, JSON.stringify(res.json)).toBe(201);
  return res.json;
}

/** The message as GET /messages/room/:id shows it to `who`. */
async function listed(who: Who, roomId: string, id: string) {
  const res = await h.call(who, 'GET', `/messages/room/${roomId}?limit=200`);
  expect(res.status).toBe(200);
  return res.json.messages.find((m: {id: string}) => m.id === id);
}

describe('[MS3][MS4] POST /messages', () => {
  it('[MS4] a reply answers 201 and bumps the parent’s replyCount and lastReplyAt; history lists only the parent', async () => {
    const {owner, member, server} = await h.community();
    const room = server.generalRoomID;
    const parent = await send(owner, room, 'root');
    const reply = await send(member, room, 're', {parentMessageId: parent.id});
    expect(reply).toMatchObject({parentMessageId: parent.id, userId: member.userID, content: 're'});
    const page = await h.call(member, 'GET', `/messages/room/${room}`);
    expect(page.json.messages).toHaveLength(1);
    expect(page.json.messages[0]).toMatchObject({id: parent.id, replyCount: 1, lastReplyAt: reply.createdAt});
  });

  it('[MS4] a reply to a reply, to another room’s message or to no message is a 400 naming parentMessageId', async () => {
    const {owner, server} = await h.community();
    const room = server.generalRoomID;
    const parent = await send(owner, room);
    const reply = await send(owner, room, 're', {parentMessageId: parent.id});
    const other = await send(owner, await h.privateRoom(owner, server.id));
    for (const parentMessageId of [reply.id, other.id, randomUUID(), 'not-a-uuid']) {
      const attempt = () => h.call(owner, 'POST', '/messages', {roomId: room, content: 'x', parentMessageId});
      await h.denied(server.id, attempt, 400, 'parentMessageId');
    }
  });

  it('[MS3] a retry with changed content gets the stored message; someone else’s id, or one’s own in another room, is a 409 naming id', async () => {
    const {owner, member, server} = await h.community();
    const room = server.generalRoomID;
    const first = await send(member, room, 'first', {id: randomUUID()});
    const retry = await h.call(member, 'POST', '/messages', {id: first.id, roomId: room, content: 'second'});
    expect(retry.status).toBe(200);
    expect(retry.json).toEqual(first);
    const staff = await h.privateRoom(owner, server.id);
    const reuse = (who: Who, roomId: string) => () =>
      h.call(who, 'POST', '/messages', {id: first.id, roomId, content: 'mine'});
    const random = await h.call(owner, 'POST', '/rooms', {serverId: server.id, name: 'random'});
    await h.denied(server.id, reuse(owner, room), 409, 'id');
    await h.denied(server.id, reuse(member, random.json.id), 409, 'id');
    // [MS1] comes first: a room one cannot read is a 404 whatever the id.
    await h.denied(server.id, reuse(member, staff), 404);
  });

  it('[MS1] a member not added to a private room gets the 404 of a missing message for every message route', async () => {
    const {owner, member, server} = await h.community();
    const staff = await h.privateRoom(owner, server.id);
    const secret = await send(owner, staff, 'staff only');
    const routes = (id: string) =>
      [
        ['PATCH', `/messages/${id}`, {content: 'x'}],
        ['DELETE', `/messages/${id}`, undefined],
        ['POST', `/messages/${id}/react`, {emoji: '👍'}],
        ['DELETE', `/messages/${id}/react?emoji=👍`, undefined],
      ] as const;
    const missing = routes(randomUUID());
    for (const [i, [method, path, body]] of routes(secret.id).entries()) {
      const hidden = await h.denied(server.id, () => h.call(member, method, path, body), 404);
      const [, missingPath, missingBody] = missing[i]!;
      expect(hidden.json.detail).toBe((await h.call(member, method, missingPath, missingBody)).json.detail);
    }
    await h.denied(server.id, () => h.call(member, 'POST', '/messages', {roomId: staff, content: 'x'}), 404);
    await h.denied(server.id, () => h.call(member, 'GET', `/messages/room/${staff}`), 404);
  });
});

describe('[ME1] PATCH /messages/:id', () => {
  it('[ME1] the author edits: 200 with the new content and editedAt, as history shows', async () => {
    const {member, server} = await h.community();
    const sent = await send(member, server.generalRoomID, 'frist');
    const res = await h.call(member, 'PATCH', `/messages/${sent.id}`, {content: 'first'});
    expect(res.status).toBe(200);
    expect(res.json).toMatchObject({id: sent.id, content: 'first', createdAt: sent.createdAt});
    expect(Date.parse(res.json.editedAt)).toBeGreaterThanOrEqual(Date.parse(sent.createdAt));
    expect(await listed(member, server.generalRoomID, sent.id)).toEqual(res.json);
  });

  it('[ME1] the owner, an admin and another member get 403; a stranger the 404 of a missing message', async () => {
    const {owner, admin, member, stranger, server} = await h.community();
    const sent = await send(member, server.generalRoomID);
    for (const who of [owner, admin]) {
      await h.denied(server.id, () => h.call(who, 'PATCH', `/messages/${sent.id}`, {content: 'x'}), 403);
    }
    const other = await send(owner, server.generalRoomID);
    await h.denied(server.id, () => h.call(member, 'PATCH', `/messages/${other.id}`, {content: 'x'}), 403);
    const hidden = await h.denied(
      server.id,
      () => h.call(stranger, 'PATCH', `/messages/${sent.id}`, {content: 'x'}),
      404,
    );
    const missing = await h.call(stranger, 'PATCH', `/messages/${randomUUID()}`, {content: 'x'});
    expect(hidden.json.detail).toBe(missing.json.detail);
  });

  it('[ME1] an over-long or blank edit is a 400 naming content; a deleted message cannot be edited (400)', async () => {
    const {member, server} = await h.community();
    const sent = await send(member, server.generalRoomID);
    for (const content of ['x'.repeat(8001), '', '  \n ']) {
      await h.denied(
        server.id,
        () => h.call(member, 'PATCH', `/messages/${sent.id}`, {content}),
        400,
        'content',
      );
    }
    expect((await h.call(member, 'DELETE', `/messages/${sent.id}`)).status).toBe(204);
    const edit = () => h.call(member, 'PATCH', `/messages/${sent.id}`, {content: 'back'});
    expect((await h.denied(server.id, edit, 400)).json.detail).toMatch(/deleted message cannot be edited/);
  });
});

describe('[ME2] DELETE /messages/:id', () => {
  it('[ME2] the author, the owner and an admin delete (204); history shows a placeholder, its thread intact', async () => {
    const {owner, admin, member, server} = await h.community();
    const room = server.generalRoomID;
    const mine = await send(member, room, 'question');
    const reply = await send(owner, room, 'answer', {parentMessageId: mine.id});
    const others = [await send(member, room), await send(admin, room)];
    await h.call(owner, 'POST', `/messages/${mine.id}/react`, {emoji: '👍'});
    expect((await h.call(member, 'DELETE', `/messages/${mine.id}`)).status).toBe(204);
    expect((await h.call(owner, 'DELETE', `/messages/${others[0].id}`)).status).toBe(204);
    expect((await h.call(admin, 'DELETE', `/messages/${others[1].id}`)).status).toBe(204);
    expect(await listed(owner, room, mine.id)).toMatchObject({
      content: '',
      deletedAt: expect.any(String),
      reactions: [],
      replyCount: 1,
      userId: member.userID,
    });
    for (const {id} of others) expect((await listed(owner, room, id)).content).toBe('');
    const {rows} = await h.pool.query('SELECT content, deleted_at FROM messages WHERE id = $1', [reply.id]);
    expect(rows).toEqual([{content: 'answer', deleted_at: null}]);
    expect(
      await h.pool.query('SELECT 1 FROM message_reactions WHERE message_id = $1', [mine.id]),
    ).toMatchObject({rowCount: 0});
  });

  it('[ME2] a plain member deleting another’s message gets 403, a stranger 404; nothing changes', async () => {
    const {owner, admin, member, stranger, server} = await h.community();
    for (const author of [owner, admin]) {
      const sent = await send(author, server.generalRoomID);
      await h.call(member, 'POST', `/messages/${sent.id}/react`, {emoji: '👀'});
      await h.denied(server.id, () => h.call(member, 'DELETE', `/messages/${sent.id}`), 403);
      await h.denied(server.id, () => h.call(stranger, 'DELETE', `/messages/${sent.id}`), 404);
    }
  });
});

describe('[RE1][RE2] /messages/:id/react', () => {
  it('[RE1] readers react (201); a repeat is a no-op, not an error; answers group reactions by emoji in first-use order', async () => {
    const {owner, member, server} = await h.community();
    const sent = await send(owner, server.generalRoomID);
    const path = `/messages/${sent.id}/react`;
    const res = await h.call(member, 'POST', path, {emoji: '👍'});
    expect(res.status).toBe(201);
    expect(res.json).toEqual({messageId: sent.id, emoji: '👍', userId: member.userID});
    expect((await h.call(member, 'POST', path, {emoji: '👍'})).status).toBe(201);
    for (const [who, emoji] of [
      [owner, '🎉'],
      [member, '👀'],
      [owner, '👍'],
    ] as const) {
      // A millisecond apart, so first use has one right answer.
      await new Promise(resolve => setTimeout(resolve, 2));
      expect((await h.call(who, 'POST', path, {emoji})).status).toBe(201);
    }
    const {reactions} = await listed(member, server.generalRoomID, sent.id);
    expect(reactions).toEqual([
      {emoji: '👍', count: 2, userIds: [member.userID, owner.userID]},
      {emoji: '🎉', count: 1, userIds: [owner.userID]},
      {emoji: '👀', count: 1, userIds: [member.userID]},
    ]);
    const edited = await h.call(owner, 'PATCH', `/messages/${sent.id}`, {content: 'edited'});
    expect(edited.json.reactions).toEqual(reactions);
  });

  it('[RE1] a stranger gets 404, a deleted message 400, a blank or 65-character emoji 400 naming emoji', async () => {
    const {owner, member, stranger, server} = await h.community();
    const sent = await send(owner, server.generalRoomID);
    const react = (who: Who, emoji: unknown) => () =>
      h.call(who, 'POST', `/messages/${sent.id}/react`, {emoji});
    await h.denied(server.id, react(stranger, '👍'), 404);
    for (const emoji of ['x'.repeat(65), ' ', undefined]) {
      await h.denied(server.id, react(member, emoji), 400, 'emoji');
    }
    expect((await h.call(owner, 'DELETE', `/messages/${sent.id}`)).status).toBe(204);
    const refused = await h.denied(server.id, react(member, '👍'), 400);
    expect(refused.json.detail).toMatch(/deleted message/);
  });

  it('[RE2] DELETE removes only one’s own reaction, named by ?emoji= or a JSON body', async () => {
    const {owner, member, stranger, server} = await h.community();
    const sent = await send(owner, server.generalRoomID);
    const path = `/messages/${sent.id}/react`;
    for (const who of [owner, member]) {
      for (const emoji of ['👍', '🎉']) await h.call(who, 'POST', path, {emoji});
    }
    expect((await h.call(owner, 'DELETE', `${path}?emoji=${encodeURIComponent('👍')}`)).status).toBe(204);
    expect((await h.call(owner, 'DELETE', path, {emoji: '🎉'})).status).toBe(204);
    expect((await h.call(owner, 'DELETE', path, {emoji: '🎉'})).status).toBe(204);
    const {rows} = await h.pool.query(
      'SELECT user_id, emoji FROM message_reactions WHERE message_id = $1 ORDER BY emoji',
      [sent.id],
    );
    expect(rows).toEqual([
      {user_id: member.userID, emoji: '🎉'},
      {user_id: member.userID, emoji: '👍'},
    ]);
    await h.denied(server.id, () => h.call(stranger, 'DELETE', `${path}?emoji=👍`), 404);
    await h.denied(
      server.id,
      () => h.call(member, 'DELETE', `${path}?emoji=${'x'.repeat(65)}`),
      400,
      'emoji',
    );
    await h.denied(server.id, () => h.call(member, 'DELETE', path, {emoji: ''}), 400, 'emoji');
  });
});

describe('GET /messages/room/:id', () => {
  it('[M1] pages newest to oldest by nextCursor, through equal and sub-millisecond timestamps', async () => {
    const {owner, server} = await h.community();
    const room = server.generalRoomID;
    const ids: string[] = [];
    for (let i = 0; i < 5; i++) ids.push((await send(owner, room, `m${i}`)).id);
    // One timestamp, so only the id orders them, with microseconds, as rows written in SQL have.
    await h.pool.query(`UPDATE messages SET created_at = now() WHERE room_id = $1`, [room]);
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const query: string = `?limit=2${cursor ? `&before=${cursor}` : ''}`;
      const page = await h.call(owner, 'GET', `/messages/room/${room}${query}`);
      expect(page.status).toBe(200);
      expect(page.json.messages.length).toBeLessThanOrEqual(2);
      seen.push(...page.json.messages.map((m: {id: string}) => m.id));
      cursor = page.json.nextCursor;
    } while (cursor);
    expect(seen).toEqual([...ids].sort().reverse());
    for (const limit of ['0', '201', 'many']) {
      h.expectProblem(await h.call(owner, 'GET', `/messages/room/${room}?limit=${limit}`), 400, 'limit');
    }
  });
});
