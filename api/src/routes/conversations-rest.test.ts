import {randomUUID} from 'node:crypto';
import {describe, expect, it} from 'vitest';
import {restHarness, type Who} from '../../../test/rest-harness.ts';

// Direct conversations over REST: who may open one, who reads it, sending,
// paging, unread counts, groups, leaving, and blocks.

const h = restHarness();

async function befriend(a: Who, b: Who) {
  expect((await h.call(a, 'POST', '/friends/request', {username: b.username})).status).toBe(201);
  expect((await h.call(b, 'POST', '/friends/request', {username: a.username})).status).toBe(200);
}

const open = (who: Who, ...others: Who[]) =>
  h.call(who, 'POST', '/conversations', {userIds: others.map(o => o.userID)});

const say = (who: Who, conversationId: string, content: string) =>
  h.call(who, 'POST', '/messages', {conversationId, content});

describe('[DM1] opening a 1:1 conversation', () => {
  it('[DM1] with a friend: 201, then the same conversation (200) whoever opens it again', async () => {
    const [ana, ben] = [await h.user(), await h.user()];
    await befriend(ana, ben);
    const first = await open(ana, ben);
    expect(first.status).toBe(201);
    expect(first.json).toMatchObject({
      id: expect.any(String),
      isGroup: false,
      unreadCount: 0,
      members: expect.arrayContaining([
        expect.objectContaining({id: ana.userID}),
        expect.objectContaining({id: ben.userID}),
      ]),
    });
    expect(first.json.members).toHaveLength(2);
    const again = await open(ben, ana);
    expect(again.status).toBe(200);
    expect(again.json.id).toBe(first.json.id);
  });

  it('[DM1] with someone who shares a server; not with a stranger; never with yourself', async () => {
    const {owner, member, stranger} = await h.community();
    expect((await open(member, owner)).status).toBe(201);
    h.expectProblem(await open(member, stranger), 403);
    h.expectProblem(await h.call(member, 'POST', '/conversations', {userIds: [member.userID]}), 400);
    h.expectProblem(await h.call(member, 'POST', '/conversations', {userIds: [randomUUID()]}), 403);
  });

  it('[DM1][F5] not when either blocked the other, and a block stops sending in an open one', async () => {
    const [ana, ben] = [await h.user(), await h.user()];
    await befriend(ana, ben);
    const conversation = (await open(ana, ben)).json.id as string;
    expect((await say(ana, conversation, 'hi')).status).toBe(201);
    expect((await h.call(ben, 'POST', `/users/${ana.userID}/block`)).status).toBe(204);
    h.expectProblem(await say(ana, conversation, 'still there?'), 403);
    h.expectProblem(await say(ben, conversation, 'bye'), 403);
    const [cat, dan] = [await h.user(), await h.user()];
    await befriend(cat, dan);
    expect((await h.call(cat, 'POST', `/users/${dan.userID}/block`)).status).toBe(204);
    h.expectProblem(await open(dan, cat), 403);
  });
});

describe('[DM2] only members read a conversation', () => {
  it('[DM2] a stranger gets the same 404 for the conversation, its messages, its message and a reply', async () => {
    const [ana, ben, eve] = [await h.user(), await h.user(), await h.user()];
    await befriend(ana, ben);
    const id = (await open(ana, ben)).json.id as string;
    const sent = await say(ben, id, 'secret plans');
    expect(sent.status).toBe(201);
    expect(sent.json).toMatchObject({conversationId: id, roomId: null, content: 'secret plans'});
    const missing = randomUUID();
    for (const path of [`/conversations/${id}`, `/conversations/${id}/messages`]) {
      h.expectProblem(await h.call(eve, 'GET', path), 404);
    }
    h.expectProblem(await h.call(eve, 'GET', `/conversations/${missing}`), 404);
    h.expectProblem(await say(eve, id, 'let me in'), 404);
    h.expectProblem(await h.call(eve, 'PATCH', `/messages/${sent.json.id}`, {content: 'mine now'}), 404);
    h.expectProblem(await h.call(eve, 'POST', `/messages/${sent.json.id}/react`, {emoji: '👀'}), 404);
    h.expectProblem(await h.call(eve, 'DELETE', `/messages/${sent.json.id}`), 404);
    expect((await h.call(eve, 'GET', '/conversations')).json.conversations).toEqual([]);
    const {rows} = await h.pool.query('SELECT content FROM messages WHERE conversation_id = $1', [id]);
    expect(rows).toEqual([{content: 'secret plans'}]);
  });
});

describe('[DM4] messages in a conversation', () => {
  it('[DM4] send, edit, react, reply and delete as in rooms; only the author deletes; pages like rooms', async () => {
    const [ana, ben] = [await h.user(), await h.user()];
    await befriend(ana, ben);
    const id = (await open(ana, ben)).json.id as string;
    const ids: string[] = [];
    for (let i = 0; i < 5; i++) ids.push((await say(i % 2 ? ben : ana, id, `m${i}`)).json.id);
    // A retry of the same id answers 200 with the stored message.
    const retry = await h.call(ana, 'POST', '/messages', {id: ids[0], conversationId: id, content: 'm0'});
    expect(retry.status).toBe(200);
    expect((await h.call(ana, 'PATCH', `/messages/${ids[0]}`, {content: 'm0 edited'})).status).toBe(200);
    expect((await h.call(ben, 'POST', `/messages/${ids[0]}/react`, {emoji: '👍'})).status).toBe(201);
    const reply = await h.call(ben, 'POST', '/messages', {
      conversationId: id,
      content: 'r',
      parentMessageId: ids[0],
    });
    expect(reply.status).toBe(201);
    h.expectProblem(await h.call(ben, 'DELETE', `/messages/${ids[0]}`), 403);
    expect((await h.call(ana, 'DELETE', `/messages/${ids[2]}`)).status).toBe(204);

    const page1 = await h.call(ben, 'GET', `/conversations/${id}/messages?limit=3`);
    expect(page1.json.messages.map((m: {content: string}) => m.content)).toEqual(['m4', 'm3', '']);
    const page2 = await h.call(
      ben,
      'GET',
      `/conversations/${id}/messages?limit=3&before=${page1.json.nextCursor}`,
    );
    expect(page2.json.messages.map((m: {content: string}) => m.content)).toEqual(['m1', 'm0 edited']);
    expect(page2.json.nextCursor).toBeNull();
    expect(page2.json.messages[1]).toMatchObject({replyCount: 1, reactions: [{emoji: '👍', count: 1}]});
  });

  it('[DM4] a body with both roomId and conversationId, or neither, is 400', async () => {
    const ana = await h.user();
    const both = await h.call(ana, 'POST', '/messages', {
      roomId: randomUUID(),
      conversationId: randomUUID(),
      content: 'x',
    });
    h.expectProblem(both, 400);
    h.expectProblem(await h.call(ana, 'POST', '/messages', {content: 'x'}), 400);
  });
});

describe('[DM5] unread and activity', () => {
  it('[DM5] the list is ordered by last activity with unread counts; a read mark clears them', async () => {
    const [ana, ben, cat] = [await h.user(), await h.user(), await h.user()];
    await befriend(ana, ben);
    await befriend(ana, cat);
    const withBen = (await open(ana, ben)).json.id as string;
    const withCat = (await open(ana, cat)).json.id as string;
    await say(ben, withBen, 'one');
    await say(ben, withBen, 'two');
    await say(cat, withCat, 'latest');
    await say(ana, withBen, 'mine do not count');
    const listed = (await h.call(ana, 'GET', '/conversations')).json.conversations;
    expect(listed.map((c: {id: string; unreadCount: number}) => [c.id, c.unreadCount])).toEqual([
      [withBen, 2],
      [withCat, 1],
    ]);
    expect((await h.call(ana, 'POST', `/conversations/${withBen}/read`)).status).toBe(204);
    const after = (await h.call(ana, 'GET', '/conversations')).json.conversations;
    expect(after.find((c: {id: string}) => c.id === withBen).unreadCount).toBe(0);
    h.expectProblem(await h.call(cat, 'POST', `/conversations/${withBen}/read`), 404);
  });
});

describe('[DM3] groups', () => {
  it('[DM3] a group of friends; the creator adds friends up to 10; members leave; strangers are refused', async () => {
    const [ana, ben, cat, dan, eve] = [
      await h.user(),
      await h.user(),
      await h.user(),
      await h.user(),
      await h.user(),
    ];
    for (const friend of [ben, cat, dan]) await befriend(ana, friend);
    h.expectProblem(await open(ana, ben, eve), 403);
    const group = await open(ana, ben, cat);
    expect(group.status).toBe(201);
    expect(group.json).toMatchObject({isGroup: true, createdBy: ana.userID});
    const id = group.json.id as string;
    h.expectProblem(await h.call(ben, 'POST', `/conversations/${id}/members`, {userId: dan.userID}), 403);
    h.expectProblem(await h.call(ana, 'POST', `/conversations/${id}/members`, {userId: eve.userID}), 403);
    const added = await h.call(ana, 'POST', `/conversations/${id}/members`, {userId: dan.userID});
    expect(added.json.members.map((m: {id: string}) => m.id)).toContain(dan.userID);
    expect((await h.call(cat, 'DELETE', `/conversations/${id}/members/me`)).status).toBe(204);
    h.expectProblem(await h.call(cat, 'GET', `/conversations/${id}`), 404);
    h.expectProblem(await say(cat, id, 'back?'), 404);

    // Ten at most.
    const more: Who[] = [];
    for (let i = 0; i < 8; i++) {
      const friend = await h.user();
      await befriend(ana, friend);
      more.push(friend);
    }
    // Ana, Ben and Dan are left: seven more make ten.
    for (const friend of more.slice(0, 7)) {
      expect(
        (await h.call(ana, 'POST', `/conversations/${id}/members`, {userId: friend.userID})).status,
      ).toBe(200);
    }
    h.expectProblem(
      await h.call(ana, 'POST', `/conversations/${id}/members`, {userId: more[7]!.userID}),
      409,
    );
  });

  it('[DM3] a 1:1 conversation cannot be left', async () => {
    const [ana, ben] = [await h.user(), await h.user()];
    await befriend(ana, ben);
    const id = (await open(ana, ben)).json.id as string;
    h.expectProblem(await h.call(ana, 'DELETE', `/conversations/${id}/members/me`), 400);
  });
});
