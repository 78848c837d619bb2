import {randomUUID} from 'node:crypto';
import {isChorusError, type AuthContext} from '@chorus/schema';
import {describe, expect, it} from 'vitest';
import {mutatorHarness} from '../../../test/mutator-harness.ts';
import {serverMutators} from './server-mutators.ts';

// Editing, deleting, reacting and replying through the server mutators in real
// Postgres transactions. Every refusal leaves the server's rows (reactions
// included) as they were.

const h = mutatorHarness();
const m = serverMutators.message;
const r = serverMutators.reaction;

/** Sends as `who`, a reply when `parentMessageID` is given; returns the message id. */
async function send(who: AuthContext, roomID: string, content = 'hello', parentMessageID?: string) {
  const id = randomUUID();
  await h.run(m.send, who, {id, roomID, content, ...(parentMessageID ? {parentMessageID} : {})});
  return id;
}

const react = (who: AuthContext, messageID: string, emoji: string) =>
  h.run(r.add, who, {id: randomUUID(), messageID, emoji});

const messageRow = async (id: string) =>
  (
    await h.pool.query(
      `SELECT user_id, content, created_at, edited_at, deleted_at, reply_count, last_reply_at
       FROM messages WHERE id = $1`,
      [id],
    )
  ).rows[0];

const reactionsOf = async (messageID: string) =>
  (
    await h.pool.query('SELECT user_id, emoji FROM message_reactions WHERE message_id = $1 ORDER BY emoji', [
      messageID,
    ])
  ).rows;

/** The error a failed attempt throws, to compare two of them. */
const failure = (attempt: Promise<unknown>) =>
  attempt.then(
    () => undefined,
    (e: unknown) => (isChorusError(e) ? {code: e.code, message: e.message} : e),
  );

describe('[ME1] editing', () => {
  it('[ME1] the author edits; the server sets edited_at with its own clock', async () => {
    const {member, server} = await h.community();
    const id = await send(member, server.generalRoomID, 'frist');
    const before = Date.now();
    await h.run(m.edit, member, {id, content: 'first', editedAt: 0});
    const row = await messageRow(id);
    expect(row.content).toBe('first');
    expect((row.edited_at as Date).getTime()).toBeGreaterThanOrEqual(before - 1000);
    expect(row.edited_at.getTime()).toBeGreaterThanOrEqual(row.created_at.getTime());
  });

  it('[ME1] the owner, an admin and another member are FORBIDDEN; a stranger gets NOT_FOUND, as for a missing message', async () => {
    const {owner, admin, member, stranger, server} = await h.community();
    const id = await send(member, server.generalRoomID);
    const other = await h.user();
    await h.run(serverMutators.server.join, other, {accessCode: server.accessCode});
    for (const who of [owner, admin, other]) {
      await h.denied(server.id, () => h.run(m.edit, who, {id, content: 'mine now'}), 'FORBIDDEN');
    }
    await h.denied(server.id, () => h.run(m.edit, stranger, {id, content: 'x'}), 'NOT_FOUND');
    expect(await failure(h.run(m.edit, stranger, {id, content: 'x'}))).toEqual(
      await failure(h.run(m.edit, stranger, {id: randomUUID(), content: 'x'})),
    );
  });

  it('[ME1] a deleted message cannot be edited (INVALID)', async () => {
    const {member, server} = await h.community();
    const id = await send(member, server.generalRoomID);
    await h.run(m.delete, member, {id});
    await h.denied(server.id, () => h.run(m.edit, member, {id, content: 'back again'}), 'INVALID');
  });

  it('[ME1][MS2] a blank or over-long edit is refused and changes nothing', async () => {
    const {member, server} = await h.community();
    const id = await send(member, server.generalRoomID);
    for (const [content, message] of [
      ['', /cannot be empty/],
      [' \n\t', /cannot be empty/],
      ['x'.repeat(8001), /at most 8000 characters/],
    ] as const) {
      await h.denied(server.id, () => h.run(m.edit, member, {id, content}), message);
    }
    await h.run(m.edit, member, {id, content: 'x'.repeat(8000)});
    expect((await messageRow(id)).content).toHaveLength(8000);
  });
});

describe('[ME2] deleting', () => {
  it('[ME2] the author deletes: a placeholder stays (content emptied, deleted_at set), its reactions go, replies stay', async () => {
    const {owner, member, server} = await h.community();
    const parent = await send(member, server.generalRoomID, 'a question');
    const reply = await send(owner, server.generalRoomID, 'an answer', parent);
    await react(owner, parent, '👍');
    await react(owner, reply, '🎉');
    await h.run(m.delete, member, {id: parent});
    const row = await messageRow(parent);
    expect(row).toMatchObject({user_id: member.userID, content: '', reply_count: 1});
    expect(row.deleted_at).toBeInstanceOf(Date);
    expect(await reactionsOf(parent)).toEqual([]);
    expect(await messageRow(reply)).toMatchObject({content: 'an answer', deleted_at: null});
    expect(await reactionsOf(reply)).toEqual([{user_id: owner.userID, emoji: '🎉'}]);
    // Deleting again is a no-op: the first deletion time stands.
    await h.run(m.delete, member, {id: parent});
    expect((await messageRow(parent)).deleted_at).toEqual(row.deleted_at);
  });

  it('[ME2] the owner and an admin delete other people’s messages', async () => {
    const {owner, admin, member, server} = await h.community();
    const first = await send(member, server.generalRoomID);
    const second = await send(owner, server.generalRoomID);
    await h.run(m.delete, owner, {id: first});
    await h.run(m.delete, admin, {id: second});
    for (const id of [first, second]) expect((await messageRow(id)).deleted_at).toBeInstanceOf(Date);
  });

  it('[ME2] a plain member is FORBIDDEN to delete others’ messages; a stranger gets NOT_FOUND; reactions stay', async () => {
    const {owner, admin, member, stranger, server} = await h.community();
    const ids = [await send(owner, server.generalRoomID), await send(admin, server.generalRoomID)];
    for (const id of ids) {
      await react(member, id, '👀');
      await h.denied(server.id, () => h.run(m.delete, member, {id}), 'FORBIDDEN');
      await h.denied(server.id, () => h.run(m.delete, stranger, {id}), 'NOT_FOUND');
    }
  });

  it('[ME2][MS1] an admin not added to a private room gets NOT_FOUND for its messages, like a stranger', async () => {
    const {owner, admin, member, server} = await h.community();
    const staff = await h.privateRoom(owner, server.id);
    const id = await send(owner, staff, 'staff only');
    for (const who of [admin, member]) {
      await h.denied(server.id, () => h.run(m.delete, who, {id}), 'NOT_FOUND');
      await h.denied(server.id, () => h.run(m.edit, who, {id, content: 'x'}), 'NOT_FOUND');
      await h.denied(server.id, () => react(who, id, '👍'), 'NOT_FOUND');
      await h.denied(server.id, () => send(who, staff, 'x'), 'NOT_FOUND');
    }
  });
});

describe('[RE1][RE2] reactions', () => {
  it('[RE1] anyone who reads the message reacts, at most once per emoji: a repeat is a no-op', async () => {
    const {owner, member, server} = await h.community();
    const id = await send(owner, server.generalRoomID);
    await react(member, id, '👍');
    await react(member, id, ' 👍 ');
    await react(member, id, '🎉');
    await react(owner, id, '👍');
    expect(await reactionsOf(id)).toEqual(
      expect.arrayContaining([
        {user_id: member.userID, emoji: '👍'},
        {user_id: member.userID, emoji: '🎉'},
        {user_id: owner.userID, emoji: '👍'},
      ]),
    );
    expect(await reactionsOf(id)).toHaveLength(3);
  });

  it('[RE1] a stranger gets NOT_FOUND; reacting to a deleted message is INVALID', async () => {
    const {owner, member, stranger, server} = await h.community();
    const id = await send(owner, server.generalRoomID);
    await h.denied(server.id, () => react(stranger, id, '👍'), 'NOT_FOUND');
    await h.run(m.delete, owner, {id});
    await h.denied(server.id, () => react(member, id, '👍'), 'INVALID');
  });

  it('[RE1] a blank emoji or one over 64 characters is refused', async () => {
    const {owner, server} = await h.community();
    const id = await send(owner, server.generalRoomID);
    await h.denied(server.id, () => react(owner, id, '  '), /Emoji is required/);
    await h.denied(server.id, () => react(owner, id, 'x'.repeat(65)), /not an emoji/);
    await react(owner, id, 'x'.repeat(64));
    expect(await reactionsOf(id)).toHaveLength(1);
  });

  it('[RE2] removing takes away only one’s own reaction; removing one never made is a no-op', async () => {
    const {owner, member, server} = await h.community();
    const id = await send(owner, server.generalRoomID);
    await react(owner, id, '👍');
    await react(member, id, '👍');
    await h.run(r.remove, owner, {messageID: id, emoji: '👍'});
    expect(await reactionsOf(id)).toEqual([{user_id: member.userID, emoji: '👍'}]);
    await h.run(r.remove, owner, {messageID: id, emoji: '👍'});
    await h.run(r.remove, owner, {messageID: id, emoji: '🎉'});
    expect(await reactionsOf(id)).toEqual([{user_id: member.userID, emoji: '👍'}]);
  });
});

describe('[MS3][MS4] sending and replying', () => {
  it('[MS4] replies bump the parent’s reply_count and last_reply_at; a retried reply counts once', async () => {
    const {owner, member, server} = await h.community();
    const room = server.generalRoomID;
    const parent = await send(owner, room, 'root');
    await send(member, room, 'one', parent);
    const last = randomUUID();
    await h.run(m.send, owner, {id: last, roomID: room, content: 'two', parentMessageID: parent});
    await h.run(m.send, owner, {id: last, roomID: room, content: 'two', parentMessageID: parent});
    const row = await messageRow(parent);
    expect(row.reply_count).toBe(2);
    expect(row.last_reply_at).toEqual((await messageRow(last)).created_at);
  });

  it('[MS4] a reply to a reply, to another room’s message or to a missing message is INVALID naming parentMessageID', async () => {
    const {owner, server} = await h.community();
    const parent = await send(owner, server.generalRoomID);
    const reply = await send(owner, server.generalRoomID, 're', parent);
    const elsewhere = await send(owner, await h.privateRoom(owner, server.id));
    for (const parentID of [reply, elsewhere, randomUUID()]) {
      const attempt = () => send(owner, server.generalRoomID, 'x', parentID);
      await h.denied(server.id, attempt, 'INVALID', 'parentMessageID');
    }
  });

  it('[MS3] a retry changes nothing; the same id in another room is a CONFLICT naming id', async () => {
    const {owner, server} = await h.community();
    const other = await h.privateRoom(owner, server.id);
    const id = randomUUID();
    await h.run(m.send, owner, {id, roomID: server.generalRoomID, content: 'first'});
    await h.run(m.send, owner, {id, roomID: server.generalRoomID, content: 'second'});
    expect((await messageRow(id)).content).toBe('first');
    const elsewhere = () => h.run(m.send, owner, {id, roomID: other, content: 'first'});
    await h.denied(server.id, elsewhere, 'CONFLICT', 'id');
  });
});

describe('concurrent writes', () => {
  it('[MS4] replies sent at the same moment each count on the parent', async () => {
    const {owner, admin, member, server} = await h.community();
    const parent = await send(owner, server.generalRoomID);
    const who = [owner, admin, member, owner, admin, member];
    await Promise.all(who.map(w => send(w, server.generalRoomID, 're', parent)));
    expect((await messageRow(parent)).reply_count).toBe(who.length);
  });

  it('[MS3] of two people sending one id at once, one gets CONFLICT rather than a silent no-op', async () => {
    const {owner, member, server} = await h.community();
    const id = randomUUID();
    const results = await Promise.all(
      [owner, member].map(w => failure(h.run(m.send, w, {id, roomID: server.generalRoomID, content: 'hi'}))),
    );
    expect(results.filter(f => f === undefined)).toHaveLength(1);
    expect(results.find(f => f !== undefined)).toMatchObject({code: 'CONFLICT'});
  });

  it('[RE1] the same reaction sent at once several times leaves one row and no error', async () => {
    const {owner, member, server} = await h.community();
    const id = await send(owner, server.generalRoomID);
    await Promise.all([1, 2, 3, 4].map(() => react(member, id, '👍')));
    expect(await reactionsOf(id)).toEqual([{user_id: member.userID, emoji: '👍'}]);
  });

  it('[ME1][ME2][RE1] an edit or a reaction racing a delete never refills or decorates the placeholder', async () => {
    const {owner, admin, member, server} = await h.community();
    for (let i = 0; i < 10; i++) {
      const id = await send(member, server.generalRoomID, 'original');
      await Promise.all([
        failure(h.run(m.edit, member, {id, content: 'edited'})),
        h.run(m.delete, admin, {id}),
        failure(react(owner, id, '👍')),
      ]);
      expect(await messageRow(id)).toMatchObject({content: '', deleted_at: expect.any(Date)});
      expect(await reactionsOf(id)).toEqual([]);
    }
  });
});
