import {randomUUID} from 'node:crypto';
import {describe, expect, it} from 'vitest';
import {restHarness} from '../../../test/rest-harness.ts';
import {count} from '../../../test/server-rows.ts';

// Room settings, deletion and private-room membership over REST (`/rooms/:id`):
// status codes, problem+json bodies, and the rows left behind.

const h = restHarness();

describe('[RM2] PATCH /rooms/:id', () => {
  it('[RM2] the owner renames a room; an admin makes it private and keeps reading it', async () => {
    const {owner, admin, member, server} = await h.community();
    const roomID = server.generalRoomID;
    const renamed = await h.call(owner, 'PATCH', `/rooms/${roomID}`, {name: ' lobby '});
    expect(renamed.status).toBe(200);
    expect(renamed.json).toMatchObject({id: roomID, name: 'lobby', isPrivate: false});
    const closed = await h.call(admin, 'PATCH', `/rooms/${roomID}`, {isPrivate: true});
    expect(closed.json).toMatchObject({name: 'lobby', isPrivate: true});
    expect((await h.call(member, 'GET', `/rooms/${roomID}`)).status).toBe(404);
  });

  it('[RM2] a member gets 403; a stranger the same 404 as for a missing room', async () => {
    const {member, stranger, server} = await h.community();
    const roomID = server.generalRoomID;
    await h.denied(server.id, () => h.call(member, 'PATCH', `/rooms/${roomID}`, {name: 'mine'}), 403);
    const hidden = await h.denied(
      server.id,
      () => h.call(stranger, 'PATCH', `/rooms/${roomID}`, {name: 'x'}),
      404,
    );
    const missing = await h.call(stranger, 'PATCH', `/rooms/${randomUUID()}`, {name: 'x'});
    expect(hidden.json.detail).toBe(missing.json.detail);
  });

  it('[RM2][S3] a member not added to a private room gets the 404 of a missing room, for every change', async () => {
    const {owner, member, server} = await h.community();
    const staff = await h.privateRoom(owner, server.id);
    const missing = await h.call(member, 'PATCH', `/rooms/${randomUUID()}`, {name: 'x'});
    for (const [method, path, body] of [
      ['PATCH', `/rooms/${staff}`, {name: 'x'}],
      ['DELETE', `/rooms/${staff}`, undefined],
      ['POST', `/rooms/${staff}/members`, {userId: member.userID}],
      ['DELETE', `/rooms/${staff}/members/${owner.userID}`, undefined],
    ] as const) {
      const res = await h.denied(server.id, () => h.call(member, method, path, body), 404);
      expect(res.json.detail).toBe(missing.json.detail);
    }
  });

  it('[RM2] a rename to an empty or 200-character name is a 400 naming `name` and changes nothing', async () => {
    const {owner, server} = await h.community();
    for (const name of ['', '  ', 'x'.repeat(200)]) {
      await h.denied(
        server.id,
        () => h.call(owner, 'PATCH', `/rooms/${server.generalRoomID}`, {name}),
        400,
        'name',
      );
    }
  });
});

describe('[RM3] DELETE /rooms/:id', () => {
  it('[RM3] an admin deletes a room (204); its messages and read state go with it', async () => {
    const {admin, member, server} = await h.community();
    const room = await h.call(admin, 'POST', '/rooms', {serverId: server.id, name: 'random'});
    const roomId = room.json.id as string;
    expect((await h.call(member, 'POST', '/messages', {roomId, content: 'hi'})).status).toBe(201);
    expect((await h.call(member, 'POST', `/rooms/${roomId}/join`)).status).toBe(200);
    expect((await h.call(admin, 'DELETE', `/rooms/${roomId}`)).status).toBe(204);
    expect(await count(h.pool, 'SELECT count(*) FROM rooms WHERE id = $1', [roomId])).toBe(0);
    expect(await count(h.pool, 'SELECT count(*) FROM messages WHERE room_id = $1', [roomId])).toBe(0);
    expect(await count(h.pool, 'SELECT count(*) FROM user_rooms WHERE room_id = $1', [roomId])).toBe(0);
    expect((await h.call(member, 'GET', `/rooms/${roomId}`)).status).toBe(404);
  });

  it('[RM3] the last room is a 400 for the owner; a member gets 403 and a stranger 404', async () => {
    const {owner, member, stranger, server} = await h.community();
    const last = await h.denied(
      server.id,
      () => h.call(owner, 'DELETE', `/rooms/${server.generalRoomID}`),
      400,
    );
    expect(last.json.detail).toMatch(/at least one room/);
    await h.call(owner, 'POST', '/rooms', {serverId: server.id, name: 'random'});
    await h.denied(server.id, () => h.call(member, 'DELETE', `/rooms/${server.generalRoomID}`), 403);
    await h.denied(server.id, () => h.call(stranger, 'DELETE', `/rooms/${server.generalRoomID}`), 404);
  });
});

describe('[RM4] /rooms/:id/members', () => {
  it('[RM4] an admin adds a member to a private room (204), who can then read it; removing them ends it', async () => {
    const {owner, admin, member, server} = await h.community();
    const staff = await h.privateRoom(owner, server.id);
    expect((await h.call(member, 'GET', `/rooms/${staff}`)).status).toBe(404);
    for (let i = 0; i < 2; i++) {
      expect((await h.call(admin, 'POST', `/rooms/${staff}/members`, {userId: member.userID})).status).toBe(
        204,
      );
    }
    expect((await h.call(member, 'GET', `/rooms/${staff}`)).json).toMatchObject({id: staff, isPrivate: true});
    expect((await h.call(member, 'POST', '/messages', {roomId: staff, content: 'in'})).status).toBe(201);
    expect((await h.call(owner, 'DELETE', `/rooms/${staff}/members/${member.userID}`)).status).toBe(204);
    expect((await h.call(member, 'GET', `/rooms/${staff}`)).status).toBe(404);
  });

  it('[RM4] adding someone outside the server is a 400 naming userId', async () => {
    const {owner, stranger, server} = await h.community();
    const staff = await h.privateRoom(owner, server.id);
    const add = () => h.call(owner, 'POST', `/rooms/${staff}/members`, {userId: stranger.userID});
    const res = await h.denied(server.id, add, 400, 'userId');
    expect(res.json.detail).toMatch(/Only members of the server/);
    await h.denied(
      server.id,
      () => h.call(owner, 'POST', `/rooms/${staff}/members`, {userId: 'x'}),
      400,
      'userId',
    );
  });

  it('[RM4] a member who reads the room gets 403 to add or remove; a stranger 404', async () => {
    const {owner, member, stranger, server} = await h.community();
    const staff = await h.privateRoom(owner, server.id);
    await h.call(owner, 'POST', `/rooms/${staff}/members`, {userId: member.userID});
    const other = await h.user();
    await h.call(other, 'POST', '/servers/join', {accessCode: server.accessCode});
    await h.denied(
      server.id,
      () => h.call(member, 'POST', `/rooms/${staff}/members`, {userId: other.userID}),
      403,
    );
    await h.denied(server.id, () => h.call(member, 'DELETE', `/rooms/${staff}/members/${owner.userID}`), 403);
    await h.denied(
      server.id,
      () => h.call(stranger, 'POST', `/rooms/${staff}/members`, {userId: stranger.userID}),
      404,
    );
    await h.denied(
      server.id,
      () => h.call(stranger, 'DELETE', `/rooms/${staff}/members/${member.userID}`),
      404,
    );
  });
});

describe('[RS1] POST /rooms/:id/read', () => {
  const lastReadOf = async (userID: string, roomID: string) =>
    (
      await h.pool.query('SELECT last_read_at FROM user_rooms WHERE user_id = $1 AND room_id = $2', [
        userID,
        roomID,
      ])
    ).rows[0]?.last_read_at as Date | null | undefined;

  it('[RS1] tracks the room at once, then batches later marks; answers 204', async () => {
    const {member, server} = await h.community();
    const roomID = server.generalRoomID;
    const first = Date.now() - 60_000;
    const tracked = await h.call(member, 'POST', `/rooms/${roomID}/read`, {readAt: first});
    expect(tracked.status).toBe(204);
    expect((await lastReadOf(member.userID, roomID))?.getTime()).toBe(first);
    expect((await h.call(member, 'POST', `/rooms/${roomID}/read`, {readAt: first + 5_000})).status).toBe(204);
    expect((await lastReadOf(member.userID, roomID))?.getTime()).toBe(first);
    await h.pool.query('SELECT publish_read_marks()');
    expect((await lastReadOf(member.userID, roomID))?.getTime()).toBe(first + 5_000);
  });

  it('[RS1][R1] refuses a room one cannot read with the 404 of a missing one, and bad input with a 400', async () => {
    const {owner, member, stranger, server} = await h.community();
    const staff = await h.privateRoom(owner, server.id);
    const missing = await h.call(member, 'POST', `/rooms/${randomUUID()}/read`, {readAt: 1});
    expect(missing.status).toBe(404);
    for (const [who, roomID] of [
      [member, staff],
      [stranger, server.generalRoomID],
    ] as const) {
      const res = await h.call(who, 'POST', `/rooms/${roomID}/read`, {readAt: 1});
      expect(res.status).toBe(404);
      expect(res.json.detail).toBe(missing.json.detail);
      expect(await lastReadOf(who.userID, roomID)).toBeUndefined();
    }
    const bad = await h.call(member, 'POST', `/rooms/${server.generalRoomID}/read`, {readAt: 'yesterday'});
    expect(bad.status).toBe(400);
    expect(bad.json).toMatchObject({field: 'readAt', detail: expect.stringMatching(/^Read at: /)});
  });
});
