import {randomUUID} from 'node:crypto';
import {mentionedNames, queries, type AuthContext} from '@chorus/schema';
import {describe, expect, it} from 'vitest';
import {mutatorHarness} from '../../../test/mutator-harness.ts';
import {startActivityPublisher} from './activity-publisher.ts';
import {serverMutators} from './server-mutators.ts';

// [M1] What unread marks are computed from: each room's latest top-level
// message (kept by a trigger), and a row per person a message mentions
// (written by the server's send and edit mutators), as the queries give them.

const h = mutatorHarness();
const m = serverMutators.message;

async function send(who: AuthContext, roomID: string, content: string, parentMessageID?: string) {
  const id = randomUUID();
  await h.run(m.send, who, {id, roomID, content, ...(parentMessageID ? {parentMessageID} : {})});
  await new Promise(resolve => setTimeout(resolve, 2));
  return id;
}

const nameOf = async (who: AuthContext) =>
  (await h.pool.query('SELECT username FROM users WHERE id = $1', [who.userID])).rows[0].username as string;

const mentionsOf = async (messageID: string) =>
  (
    await h.pool.query('SELECT user_id FROM message_mentions WHERE message_id = $1 ORDER BY user_id', [
      messageID,
    ])
  ).rows.map(r => r.user_id as string);

/** Publishes the gathered activity as the API's once-a-second batch does. */
const publish = async () =>
  (await h.pool.query('SELECT publish_room_activity() AS moved')).rows[0].moved as number;

const activityOf = async (roomID: string) =>
  (
    await h.pool.query(
      'SELECT server_id, last_message_id, last_user_id, last_message_at FROM room_activity WHERE room_id = $1',
      [roomID],
    )
  ).rows[0];

describe('[M1] mentionedNames', () => {
  it('finds each @name once, lowercased, and not inside addresses or words', () => {
    expect(mentionedNames('@Ana and @ben, again @ana; mail ana@example.test or x@y')).toEqual(['ana', 'ben']);
    expect(mentionedNames('(@c.d-e_f) @x')).toEqual(['c.d-e_f']);
    // A name typed out in the composer has its underscores escaped.
    expect(mentionedNames('ping @desktop\\_light and @a\\_b\\_c')).toEqual(['desktop_light', 'a_b_c']);
  });
  it('stops at 20 people', () => {
    const many = Array.from({length: 30}, (_, i) => `@user${i}`).join(' ');
    expect(mentionedNames(many)).toHaveLength(20);
  });
});

describe('[M2] room activity', () => {
  it('follows the latest top-level message of each room; replies do not move it', async () => {
    const {owner, member, server} = await h.community();
    const first = await send(member, server.generalRoomID, 'first');
    await publish();
    expect(await activityOf(server.generalRoomID)).toMatchObject({last_message_id: first});
    const second = await send(owner, server.generalRoomID, 'second');
    await publish();
    const activity = await activityOf(server.generalRoomID);
    expect(activity).toMatchObject({
      server_id: server.id,
      last_message_id: second,
      last_user_id: owner.userID,
    });
    await send(member, server.generalRoomID, 'a reply', first);
    await publish();
    expect(await activityOf(server.generalRoomID)).toEqual(activity);
  });

  it('gathers between batches: members see a room change once per batch, with its latest message', async () => {
    const {owner, member, server} = await h.community();
    const other = randomUUID();
    await h.run(serverMutators.room.create, owner, {id: other, serverID: server.id, name: 'other'});
    await publish();
    const before = await activityOf(server.generalRoomID);
    await send(member, server.generalRoomID, 'one');
    const latest = await send(owner, server.generalRoomID, 'two');
    const elsewhere = await send(owner, other, 'three');
    // Nothing reaches room_activity (and so zero-cache) until the batch.
    expect(await activityOf(server.generalRoomID)).toEqual(before);
    expect(await publish()).toBe(2);
    expect(await activityOf(server.generalRoomID)).toMatchObject({last_message_id: latest});
    expect(await activityOf(other)).toMatchObject({last_message_id: elsewhere});
    expect(await publish()).toBe(0);
  });

  it('never moves back in time when an older message is published after a newer one', async () => {
    const {owner, server} = await h.community();
    const newer = await send(owner, server.generalRoomID, 'newer');
    await publish();
    // A message stamped earlier (another API process's clock) arrives late.
    const id = randomUUID();
    await h.pool.query(
      `INSERT INTO messages (id, room_id, user_id, content, created_at)
       VALUES ($1, $2, $3, 'late', now() - interval '1 minute')`,
      [id, server.generalRoomID, owner.userID],
    );
    await publish();
    expect(await activityOf(server.generalRoomID)).toMatchObject({last_message_id: newer});
  });

  it('the API publishes by itself about once an interval, and what is left when it stops', async () => {
    const {owner, server} = await h.community();
    const publisher = startActivityPublisher(h.pool, {intervalMs: 50});
    try {
      const first = await send(owner, server.generalRoomID, 'by itself');
      await expect.poll(async () => (await activityOf(server.generalRoomID))?.last_message_id).toBe(first);
    } finally {
      await publisher.stop();
    }
    const last = await send(owner, server.generalRoomID, 'after stop');
    const stopping = startActivityPublisher(h.pool, {intervalMs: 60_000});
    await stopping.stop();
    expect(await activityOf(server.generalRoomID)).toMatchObject({last_message_id: last});
  });

  it('reaches readers through serverActivity, but for the room they have open, and nobody who cannot read the room', async () => {
    const {owner, member, stranger, server} = await h.community();
    const staff = await h.privateRoom(owner, server.id);
    const secret = await send(owner, staff, 'secret');
    const general = await send(owner, server.generalRoomID, 'hello');
    await publish();
    const activity = async (who: AuthContext, exceptRoomID?: string) =>
      (
        await h.zqlDb.run(
          queries.serverActivity.fn({
            args: {serverID: server.id, ...(exceptRoomID ? {exceptRoomID} : {})},
            ctx: who,
          }),
        )
      )
        .map(a => a.lastMessageID)
        .sort();
    expect(await activity(member)).toEqual([general]);
    expect(await activity(owner)).toEqual([general, secret].sort());
    expect(await activity(owner, staff)).toEqual([general]);
    expect(await activity(stranger)).toEqual([]);
  });
});

describe('[M2] mentions', () => {
  it('records each mentioned person who can read the room, in any case, but not the author', async () => {
    const {owner, admin, member, stranger, server} = await h.community();
    const [ownerName, memberName, strangerName] = [
      await nameOf(owner),
      await nameOf(member),
      await nameOf(stranger),
    ];
    const id = await send(
      admin,
      server.generalRoomID,
      `@${ownerName.toUpperCase()} and @${memberName}, @${memberName} again; @${strangerName} is not here; @${await nameOf(admin)} is me; @nobody-at-all`,
    );
    expect(await mentionsOf(id)).toEqual([owner.userID, member.userID].sort());
  });

  it('does not tell someone outside a private room about it', async () => {
    const {owner, member, server} = await h.community();
    const staff = await h.privateRoom(owner, server.id);
    const id = await send(owner, staff, `@${await nameOf(member)} look`);
    expect(await mentionsOf(id)).toEqual([]);
  });

  it('follows edits, and deleting the message removes them', async () => {
    const {owner, admin, member, server} = await h.community();
    const id = await send(admin, server.generalRoomID, `hi @${await nameOf(owner)}`);
    expect(await mentionsOf(id)).toEqual([owner.userID]);
    await h.run(m.edit, admin, {id, content: `hi @${await nameOf(member)}`});
    expect(await mentionsOf(id)).toEqual([member.userID]);
    await h.run(m.delete, admin, {id});
    expect(await mentionsOf(id)).toEqual([]);
  });

  it('myMentions gives only my mentions with their message, newest first, and only where I can still read', async () => {
    const {owner, admin, member, server} = await h.community();
    const memberName = await nameOf(member);
    const older = await send(owner, server.generalRoomID, `@${memberName} one`);
    const newer = await send(admin, server.generalRoomID, `two @${memberName}`);
    await send(owner, server.generalRoomID, `@${await nameOf(admin)} not for member`);
    const mine = await h.zqlDb.run(queries.myMentions.fn({args: undefined, ctx: member}));
    expect(mine.map(r => [r.messageID, r.message?.content, r.message?.author?.id])).toEqual([
      [newer, `two @${memberName}`, admin.userID],
      [older, `@${memberName} one`, owner.userID],
    ]);
    // Once out of the server, the mentions stay behind.
    await h.run(serverMutators.server.leave, member, {serverID: server.id});
    expect(await h.zqlDb.run(queries.myMentions.fn({args: undefined, ctx: member}))).toEqual([]);
  });

  it('recentMessages gives others’ messages in the rooms asked for, only where readable', async () => {
    const {owner, admin, member, stranger, server} = await h.community();
    const staff = await h.privateRoom(owner, server.id);
    const since = Date.now() - 1000;
    await send(owner, server.generalRoomID, 'to everyone');
    await send(member, server.generalRoomID, 'my own');
    await send(owner, staff, 'staff only');
    const recent = async (who: AuthContext) =>
      (
        await h.zqlDb.run(
          queries.recentMessages.fn({args: {roomIDs: [server.generalRoomID, staff], since}, ctx: who}),
        )
      ).map(r => r.content);
    expect(await recent(member)).toEqual(['to everyone']);
    expect(await recent(owner)).toEqual(['my own']);
    // Newest first; an admin not added to the private room does not see it.
    expect(await recent(admin)).toEqual(['my own', 'to everyone']);
    expect(await recent(stranger)).toEqual([]);
  });
});

describe('[RS1] read marks in batches', () => {
  const lastReadOf = async (who: AuthContext, roomID: string) =>
    (
      await h.pool.query('SELECT last_read_at FROM user_rooms WHERE user_id = $1 AND room_id = $2', [
        who.userID,
        roomID,
      ])
    ).rows[0]?.last_read_at as Date | null | undefined;
  const pendingCount = async () =>
    Number((await h.pool.query('SELECT count(*) AS n FROM user_room_reads_pending')).rows[0].n);
  const publishMarks = async () =>
    (await h.pool.query('SELECT publish_read_marks() AS moved')).rows[0].moved as number;
  const mark = (who: AuthContext, roomID: string, readAt: number) =>
    h.run(serverMutators.roomState.markRead, who, {roomID, readAt});

  it('a first mark tracks the room at once; later ones wait for the batch, the latest wins, never backwards', async () => {
    const {member, server} = await h.community();
    const room = server.generalRoomID;
    const t0 = Date.now() - 60_000;
    await mark(member, room, t0);
    expect((await lastReadOf(member, room))?.getTime()).toBe(t0);

    // Three marks between batches: one change for zero-cache, the latest, with exact milliseconds.
    await mark(member, room, t0 + 2_000);
    await mark(member, room, t0 + 5_123);
    await mark(member, room, t0 + 1_000);
    expect((await lastReadOf(member, room))?.getTime()).toBe(t0);
    await publishMarks();
    expect((await lastReadOf(member, room))?.getTime()).toBe(t0 + 5_123);
    expect(await pendingCount()).toBe(0);

    // An older mark than the published one is not even queued.
    await mark(member, room, t0 + 3_000);
    expect(await publishMarks()).toBe(0);
    expect((await lastReadOf(member, room))?.getTime()).toBe(t0 + 5_123);
    // And the future is clamped to the server's clock.
    const before = Date.now();
    await mark(member, room, Date.now() + 86_400_000);
    await publishMarks();
    const read = (await lastReadOf(member, room))!.getTime();
    expect(read).toBeGreaterThanOrEqual(before);
    expect(read).toBeLessThanOrEqual(Date.now());
  });

  it('a mark left pending when the reader loses the room is dropped, not resurrected', async () => {
    const {owner, member, server} = await h.community();
    const room = server.generalRoomID;
    await mark(member, room, Date.now() - 10_000);
    await mark(member, room, Date.now() - 5_000);
    await h.run(serverMutators.member.kick, owner, {serverID: server.id, userID: member.userID});
    expect(await publishMarks()).toBe(1);
    expect(await lastReadOf(member, room)).toBeUndefined();
  });

  it('the API publishes marks with room activity, in one transaction per batch', async () => {
    const {owner, member, server} = await h.community();
    const room = server.generalRoomID;
    await mark(member, room, Date.now() - 10_000);
    const message = await send(owner, room, 'read me');
    const readAt = Date.now();
    await mark(member, room, readAt);
    const publisher = startActivityPublisher(h.pool, {intervalMs: 50});
    try {
      await expect.poll(async () => (await lastReadOf(member, room))?.getTime()).toBe(readAt);
      // Both tables changed in the same transaction, so no client sees the message unread in between.
      const {rows} = await h.pool.query(
        `SELECT (SELECT xmin FROM room_activity WHERE room_id = $1) AS activity,
                (SELECT xmin FROM user_rooms WHERE room_id = $1 AND user_id = $2) AS mark`,
        [room, member.userID],
      );
      expect(rows[0].activity).toBe(rows[0].mark);
      expect(await activityOf(room)).toMatchObject({last_message_id: message});
    } finally {
      await publisher.stop();
    }
  });
});
