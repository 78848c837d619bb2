import {randomUUID} from 'node:crypto';
import {isChorusError, type AuthContext} from '@chorus/schema';
import {describe, expect, it} from 'vitest';
import {mutatorHarness} from '../../../test/mutator-harness.ts';
import {serverMutators} from './server-mutators.ts';

// Direct conversations through the server mutators, as a Zero push runs them
// (REST: routes/conversations-rest.test.ts).

const h = mutatorHarness();
const c = serverMutators.conversation;

async function befriend(a: AuthContext, b: AuthContext) {
  await h.run(serverMutators.friend.request, a, {id: randomUUID(), userID: b.userID});
  await h.run(serverMutators.friend.request, b, {id: randomUUID(), userID: a.userID});
}

async function codeOf(attempt: Promise<unknown>) {
  const err = await attempt.then(
    () => undefined,
    (e: unknown) => e,
  );
  return isChorusError(err) ? err.code : String(err);
}

const conversationsOf = async (user: AuthContext) =>
  (
    await h.pool.query<{id: string}>(
      'SELECT conversation_id AS id FROM direct_conversation_members WHERE user_id = $1',
      [user.userID],
    )
  ).rows.map(r => r.id);

describe('[DM1] one conversation per pair', () => {
  it('[DM1] both opening it at once, or again with a new id, leaves one conversation', async () => {
    const [ana, ben] = [await h.user(), await h.user()];
    await befriend(ana, ben);
    await Promise.all([
      h.run(c.create, ana, {id: randomUUID(), userIDs: [ben.userID]}),
      h.run(c.create, ben, {id: randomUUID(), userIDs: [ana.userID]}),
    ]);
    await h.run(c.create, ana, {id: randomUUID(), userIDs: [ben.userID]});
    expect(await conversationsOf(ana)).toHaveLength(1);
    expect(await conversationsOf(ben)).toEqual(await conversationsOf(ana));
  });

  it('[DM1] a stranger, an unverified person, or an id already taken are refused', async () => {
    const [ana, ben, eve] = [await h.user(), await h.user(), await h.user()];
    const unverified = await h.user({verified: false});
    await befriend(ana, ben);
    const id = randomUUID();
    await h.run(c.create, ana, {id, userIDs: [ben.userID]});
    expect(await codeOf(h.run(c.create, eve, {id: randomUUID(), userIDs: [ana.userID]}))).toBe('FORBIDDEN');
    expect(await codeOf(h.run(c.create, unverified, {id: randomUUID(), userIDs: [ana.userID]}))).toBe(
      'EMAIL_NOT_VERIFIED',
    );
    expect(await codeOf(h.run(c.create, eve, {id, userIDs: [ben.userID]}))).toBe('NOT_FOUND');
    expect(await conversationsOf(eve)).toEqual([]);
  });
});

describe('[DM2][DM4] only members write', () => {
  it('[DM2] a non-member cannot send, reply, react or mark read; nothing changes', async () => {
    const [ana, ben, eve] = [await h.user(), await h.user(), await h.user()];
    await befriend(ana, ben);
    const conversationID = randomUUID();
    await h.run(c.create, ana, {id: conversationID, userIDs: [ben.userID]});
    const messageID = randomUUID();
    await h.run(c.send, ben, {id: messageID, conversationID, content: 'hello'});
    const send = {id: randomUUID(), conversationID, content: 'hi'};
    expect(await codeOf(h.run(c.send, eve, send))).toBe('NOT_FOUND');
    expect(await codeOf(h.run(c.send, eve, {...send, parentMessageID: messageID}))).toBe('NOT_FOUND');
    expect(
      await codeOf(h.run(serverMutators.reaction.add, eve, {id: randomUUID(), messageID, emoji: '👍'})),
    ).toBe('NOT_FOUND');
    expect(await codeOf(h.run(c.markRead, eve, {conversationID, readAt: Date.now()}))).toBe('NOT_FOUND');
    expect(await codeOf(h.run(serverMutators.message.edit, eve, {id: messageID, content: 'x'}))).toBe(
      'NOT_FOUND',
    );
    const {rows} = await h.pool.query('SELECT content FROM messages WHERE conversation_id = $1', [
      conversationID,
    ]);
    expect(rows).toEqual([{content: 'hello'}]);
  });

  it('[DM4] a reply’s parent is a top-level message of the same conversation', async () => {
    const [ana, ben, cat] = [await h.user(), await h.user(), await h.user()];
    await befriend(ana, ben);
    await befriend(ana, cat);
    const [withBen, withCat] = [randomUUID(), randomUUID()];
    await h.run(c.create, ana, {id: withBen, userIDs: [ben.userID]});
    await h.run(c.create, ana, {id: withCat, userIDs: [cat.userID]});
    const parent = randomUUID();
    await h.run(c.send, ana, {id: parent, conversationID: withBen, content: 'top'});
    const elsewhere = {id: randomUUID(), conversationID: withCat, content: 'r', parentMessageID: parent};
    expect(await codeOf(h.run(c.send, ana, elsewhere))).toBe('INVALID');
  });
});

describe('[DM3] group members', () => {
  it('[DM3] only the creator adds, only friends, and a member added twice is one member', async () => {
    const [ana, ben, cat, dan] = [await h.user(), await h.user(), await h.user(), await h.user()];
    for (const friend of [ben, cat, dan]) await befriend(ana, friend);
    const conversationID = randomUUID();
    await h.run(c.create, ana, {id: conversationID, userIDs: [ben.userID, cat.userID]});
    expect(await codeOf(h.run(c.addMember, ben, {conversationID, userID: dan.userID}))).toBe('FORBIDDEN');
    await h.run(c.addMember, ana, {conversationID, userID: dan.userID});
    await h.run(c.addMember, ana, {conversationID, userID: dan.userID});
    expect(await conversationsOf(dan)).toEqual([conversationID]);
  });
});
