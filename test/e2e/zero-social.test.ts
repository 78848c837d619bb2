import {randomUUID} from 'node:crypto';
import {mutators, queries} from '@chorus/schema';
import {afterAll, describe, expect, it} from 'vitest';
import {stackSuite} from '../suite.ts';
import {zeroPerson, type ZeroPerson} from '../zero-person.ts';

// Friends, blocks and direct conversations through real zero-cache replicas:
// what reaches each person's replica is what the server-side filters allow
// (SPEC F1, F5, DM2), and Zero's mutators are held to the same rules as REST.

const suite = stackSuite({serveClient: false}, {freshStackOnRetry: false});
const clients: {close(): Promise<void>}[] = [];

// Registered after the stack's: the clients close before it stops.
afterAll(async () => {
  await Promise.all(clients.map(z => z.close()));
});

const person = () => zeroPerson(suite.stack, clients);
const poll = <T>(fn: () => T | Promise<T>) => expect.poll(fn, {timeout: 10_000});

async function befriend(a: ZeroPerson, b: ZeroPerson) {
  await a.rest('POST', '/friends/request', {username: b.username});
  await b.rest('POST', '/friends/request', {username: a.username});
}

const friendships = (p: ZeroPerson) =>
  p.zero.run(queries.myFriendships(), {type: 'complete'}).then(rows => rows.map(r => r.id));

describe('[F1][F5] friendships in replicas', () => {
  it('[F1] a request reaches both people’s replicas live, and no one else’s', async () => {
    const [ana, ben, eve] = [await person(), await person(), await person()];
    const view = ben.zero.materialize(queries.myFriendships());
    const sent = await ana.rest('POST', '/friends/request', {username: ben.username});
    await poll(() => view.data.map(r => [r.id, r.status, r.requester?.username])).toEqual([
      [sent.id, 'pending', ana.username],
    ]);
    // Accepted through Zero's mutator: the asker's replica follows.
    const accepted = ben.zero.mutate(mutators.friend.accept({id: sent.id}));
    expect((await accepted.server).type).toBe('success');
    await poll(async () => (await ana.zero.run(queries.myFriendships(), {type: 'complete'}))[0]?.status).toBe(
      'accepted',
    );
    expect(await friendships(eve)).toEqual([]);
    view.destroy();
  });

  it('[F5] a blocked person’s request never reaches the blocker; the block reaches only the blocker', async () => {
    const [ana, ben] = [await person(), await person()];
    await ben.rest('POST', `/users/${ana.userID}/block`);
    const sent = await ana.rest('POST', '/friends/request', {username: ben.username});
    await poll(() => friendships(ana)).toEqual([sent.id]);
    expect(await friendships(ben)).toEqual([]);
    const blocks = (p: ZeroPerson) =>
      p.zero.run(queries.myBlocks(), {type: 'complete'}).then(rows => rows.map(b => b.blocked?.username));
    await poll(() => blocks(ben)).toEqual([ana.username]);
    expect(await blocks(ana)).toEqual([]);
  });
});

describe('[DM2] conversations in replicas', () => {
  it('[DM2] members receive a conversation and its messages live; a stranger receives nothing by any query', async () => {
    const [ana, ben, eve] = [await person(), await person(), await person()];
    await befriend(ana, ben);
    const conversation = await ana.rest('POST', '/conversations', {userIds: [ben.userID]});
    const conversationID = conversation.id as string;
    const first = await ana.rest('POST', '/messages', {conversationId: conversationID, content: 'just us'});

    const messages = ben.zero.materialize(queries.conversationMessages({conversationID, limit: 50}));
    await poll(() => messages.data.map(m => m.content)).toEqual(['just us']);
    const list = await ben.zero.run(queries.myConversations(), {type: 'complete'});
    expect(list.map(c => [c.id, c.lastMessageID, c.members.map(m => m.user?.username).sort()])).toEqual([
      [conversationID, first.id, [ana.username, ben.username].sort()],
    ]);

    // Ben answers through Zero's mutator; it reaches Ana's replica.
    const answer = ben.zero.mutate(
      mutators.conversation.send({
        id: randomUUID(),
        conversationID,
        content: 'hi ana',
        createdAt: Date.now(),
      }),
    );
    expect((await answer.server).type).toBe('success');
    await poll(async () =>
      (await ana.zero.run(queries.conversationMessages({conversationID, limit: 50}), {type: 'complete'})).map(
        m => m.content,
      ),
    ).toEqual(['hi ana', 'just us']);

    // Once Ana has it, zero-cache has it: Eve's empty answers mean something.
    expect(await eve.zero.run(queries.myConversations(), {type: 'complete'})).toEqual([]);
    expect(await eve.zero.run(queries.conversation({conversationID}), {type: 'complete'})).toBeUndefined();
    expect(
      await eve.zero.run(queries.conversationMessages({conversationID, limit: 50}), {type: 'complete'}),
    ).toEqual([]);
    expect(await eve.zero.run(queries.thread({messageID: first.id}), {type: 'complete'})).toBeUndefined();
    // [DM5] What desktop notifications read: the latest messages of my conversations only.
    const latest = await ben.zero.run(queries.latestDirectMessages(), {type: 'complete'});
    expect(latest.map(c => [c.id, c.lastMessage?.content])).toEqual([[conversationID, 'hi ana']]);
    expect(await eve.zero.run(queries.latestDirectMessages(), {type: 'complete'})).toEqual([]);
    const intrusion = eve.zero.mutate(
      mutators.conversation.send({
        id: randomUUID(),
        conversationID,
        content: 'me too',
        createdAt: Date.now(),
      }),
    );
    expect((await intrusion.server).type).toBe('error');
    messages.destroy();
  });

  it('[DM3] leaving a group drops it and its messages from the leaver’s replica', async () => {
    const [ana, ben, cat] = [await person(), await person(), await person()];
    await befriend(ana, ben);
    await befriend(ana, cat);
    const group = await ana.rest('POST', '/conversations', {userIds: [ben.userID, cat.userID]});
    await ana.rest('POST', '/messages', {conversationId: group.id, content: 'welcome'});
    const view = cat.zero.materialize(queries.conversationMessages({conversationID: group.id, limit: 50}));
    await poll(() => view.data.length).toBe(1);
    const left = cat.zero.mutate(mutators.conversation.leave({conversationID: group.id}));
    expect((await left.server).type).toBe('success');
    await poll(() => view.data.length).toBe(0);
    expect(await cat.zero.run(queries.myConversations(), {type: 'complete'})).toEqual([]);
    view.destroy();
  });
});
