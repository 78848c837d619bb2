import {randomUUID} from 'node:crypto';
import {isChorusError, queries, type AuthContext} from '@chorus/schema';
import {describe, expect, it} from 'vitest';
import {mutatorHarness} from '../../../test/mutator-harness.ts';
import {count} from '../../../test/server-rows.ts';
import {serverMutators} from './server-mutators.ts';

// Room settings, deletion and private-room membership through the server
// mutators in real Postgres transactions. Every refusal leaves the server's rows as they were.

const h = mutatorHarness();
const m = serverMutators.room;

const roomRow = async (id: string) =>
  (await h.pool.query('SELECT name, is_private FROM rooms WHERE id = $1', [id])).rows[0];
const canRead = async (ctx: AuthContext, roomID: string) =>
  (await h.zqlDb.run(queries.room.fn({args: {roomID}, ctx}))) !== undefined;

/** The error a failed attempt throws, to compare two of them. */
const failure = (attempt: Promise<unknown>) =>
  attempt.then(
    () => undefined,
    (e: unknown) => (isChorusError(e) ? {code: e.code, message: e.message} : e),
  );

describe('[RM2] room settings', () => {
  it('[RM2] the owner renames a room; an admin makes it private and keeps reading it', async () => {
    const {owner, admin, member, server} = await h.community();
    const roomID = server.generalRoomID;
    await h.run(m.update, owner, {roomID, name: '  lobby '});
    await h.run(m.update, admin, {roomID, isPrivate: true});
    expect(await roomRow(roomID)).toEqual({name: 'lobby', is_private: true});
    expect(await canRead(admin, roomID)).toBe(true);
    expect(await canRead(member, roomID)).toBe(false);
  });

  it('[RM2] a member is FORBIDDEN; a stranger gets NOT_FOUND, as for a missing room', async () => {
    const {member, stranger, server} = await h.community();
    const roomID = server.generalRoomID;
    await h.denied(server.id, () => h.run(m.update, member, {roomID, name: 'mine'}), 'FORBIDDEN');
    await h.denied(server.id, () => h.run(m.update, member, {roomID, isPrivate: true}), 'FORBIDDEN');
    await h.denied(server.id, () => h.run(m.update, stranger, {roomID, name: 'x'}), 'NOT_FOUND');
    expect(await failure(h.run(m.update, stranger, {roomID, name: 'x'}))).toEqual(
      await failure(h.run(m.update, stranger, {roomID: randomUUID(), name: 'x'})),
    );
  });

  it('[RM2][S3] a member who cannot read a private room learns nothing: the same NOT_FOUND as a missing room', async () => {
    const {owner, member, server} = await h.community();
    const staff = await h.privateRoom(owner, server.id);
    const missing = await failure(h.run(m.update, member, {roomID: randomUUID(), name: 'x'}));
    expect(missing).toMatchObject({code: 'NOT_FOUND'});
    for (const attempt of [
      () => h.run(m.update, member, {roomID: staff, name: 'x'}),
      () => h.run(m.delete, member, {roomID: staff}),
      () => h.run(m.addMember, member, {roomID: staff, userID: member.userID}),
      () => h.run(m.removeMember, member, {roomID: staff, userID: owner.userID}),
    ]) {
      expect(await failure(attempt())).toEqual(missing);
    }
    await h.denied(server.id, () => h.run(m.delete, member, {roomID: staff}), 'NOT_FOUND');
  });

  it('[RM2] a rename to an empty or 200-character name is refused and changes nothing', async () => {
    const {owner, server} = await h.community();
    for (const [name, message] of [
      ['', /cannot be empty/],
      [' ', /cannot be empty/],
      ['x'.repeat(200), /at most 100 characters/],
    ] as const) {
      await h.denied(server.id, () => h.run(m.update, owner, {roomID: server.generalRoomID, name}), message);
    }
  });
});

describe('[RM3] deleting rooms', () => {
  it('[RM3] the owner and an admin delete rooms; messages and read state go with them', async () => {
    const {owner, admin, member, server} = await h.community();
    const staff = await h.privateRoom(owner, server.id);
    const extra = randomUUID();
    await h.run(m.create, admin, {id: extra, serverID: server.id, name: 'random'});
    await h.run(serverMutators.message.send, member, {id: randomUUID(), roomID: extra, content: 'hi'});
    await h.run(serverMutators.roomState.markRead, member, {roomID: extra, readAt: 1});
    await h.run(m.delete, admin, {roomID: extra});
    await h.run(m.delete, owner, {roomID: staff});
    const ids = [extra, staff];
    expect(await count(h.pool, 'SELECT count(*) FROM rooms WHERE id = ANY($1)', [ids])).toBe(0);
    expect(await count(h.pool, 'SELECT count(*) FROM messages WHERE room_id = ANY($1)', [ids])).toBe(0);
    expect(await count(h.pool, 'SELECT count(*) FROM user_rooms WHERE room_id = ANY($1)', [ids])).toBe(0);
  });

  it('[RM3] a server’s last room cannot be deleted (INVALID)', async () => {
    const {owner, server} = await h.community();
    await h.denied(server.id, () => h.run(m.delete, owner, {roomID: server.generalRoomID}), 'INVALID');
  });

  it('[RM3] a member is FORBIDDEN and a stranger NOT_FOUND', async () => {
    const {owner, member, stranger, server} = await h.community();
    await h.run(m.create, owner, {id: randomUUID(), serverID: server.id, name: 'random'});
    await h.denied(server.id, () => h.run(m.delete, member, {roomID: server.generalRoomID}), 'FORBIDDEN');
    await h.denied(server.id, () => h.run(m.delete, stranger, {roomID: server.generalRoomID}), 'NOT_FOUND');
  });
});

describe('[RM4] private room members', () => {
  it('[RM4] an admin adds a member to a private room, who can then read and post; removing them ends it', async () => {
    const {owner, admin, member, server} = await h.community();
    const staff = await h.privateRoom(owner, server.id);
    expect(await canRead(member, staff)).toBe(false);
    await h.run(m.addMember, admin, {roomID: staff, userID: member.userID});
    await h.run(m.addMember, admin, {roomID: staff, userID: member.userID});
    expect(await canRead(member, staff)).toBe(true);
    await h.run(serverMutators.message.send, member, {id: randomUUID(), roomID: staff, content: 'in'});
    await h.run(m.removeMember, owner, {roomID: staff, userID: member.userID});
    expect(await canRead(member, staff)).toBe(false);
    // Membership ends; the read state they had stays (is_member false).
    expect(
      await count(h.pool, 'SELECT count(*) FROM user_rooms WHERE room_id = $1 AND is_member', [staff]),
    ).toBe(1);
  });

  it('[RM2] making a room private keeps out people who merely read it while it was public', async () => {
    const {owner, member, server} = await h.community();
    const room = randomUUID();
    await h.run(m.create, owner, {id: room, serverID: server.id, name: 'open'});
    await h.run(serverMutators.roomState.markRead, member, {roomID: room, readAt: Date.now()});
    expect(await canRead(member, room)).toBe(true);
    await h.run(m.update, owner, {roomID: room, isPrivate: true});
    expect(await canRead(member, room)).toBe(false);
    expect(await canRead(owner, room)).toBe(true);
  });

  it('[RM4] only members of the server can be added (INVALID, naming userID)', async () => {
    const {owner, stranger, server} = await h.community();
    const staff = await h.privateRoom(owner, server.id);
    const add = () => h.run(m.addMember, owner, {roomID: staff, userID: stranger.userID});
    await h.denied(server.id, add, 'INVALID', 'userID');
  });

  it('[RM4] a member is FORBIDDEN to add or remove, even in a room they read; a stranger gets NOT_FOUND', async () => {
    const {owner, member, stranger, server} = await h.community();
    const staff = await h.privateRoom(owner, server.id);
    await h.run(m.addMember, owner, {roomID: staff, userID: member.userID});
    const other = await h.user();
    await h.run(serverMutators.server.join, other, {accessCode: server.accessCode});
    const serverID = server.id;
    await h.denied(
      serverID,
      () => h.run(m.addMember, member, {roomID: staff, userID: other.userID}),
      'FORBIDDEN',
    );
    await h.denied(
      serverID,
      () => h.run(m.removeMember, member, {roomID: staff, userID: owner.userID}),
      'FORBIDDEN',
    );
    await h.denied(
      serverID,
      () => h.run(m.addMember, stranger, {roomID: staff, userID: stranger.userID}),
      'NOT_FOUND',
    );
    await h.denied(
      serverID,
      () => h.run(m.removeMember, stranger, {roomID: staff, userID: member.userID}),
      'NOT_FOUND',
    );
  });
});
