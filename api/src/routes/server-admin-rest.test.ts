import {randomUUID} from 'node:crypto';
import {describe, expect, it} from 'vitest';
import {restHarness} from '../../../test/rest-harness.ts';
import {count, roleOf} from '../../../test/server-rows.ts';

// Server settings, deletion, leaving, codes and the directory over REST: status
// codes, problem+json bodies, and the rows left behind (a refusal changes nothing).

const h = restHarness();

describe('[SV5] PATCH /servers/:id', () => {
  it('[SV5] the owner renames the server and an admin makes it private', async () => {
    const {owner, admin, server} = await h.community();
    const renamed = await h.call(owner, 'PATCH', `/servers/${server.id}`, {name: '  Acme HQ '});
    expect(renamed.status).toBe(200);
    expect(renamed.json).toMatchObject({id: server.id, name: 'Acme HQ', isPrivate: false, role: 'owner'});
    const closed = await h.call(admin, 'PATCH', `/servers/${server.id}`, {isPrivate: true});
    expect(closed.json).toMatchObject({name: 'Acme HQ', isPrivate: true, role: 'admin'});
    const {rows} = await h.pool.query('SELECT name, is_private FROM servers WHERE id = $1', [server.id]);
    expect(rows).toEqual([{name: 'Acme HQ', is_private: true}]);
  });

  it('[SV5] a member gets 403; [S3] a stranger gets the same 404 as for a missing server', async () => {
    const {member, stranger, server} = await h.community();
    await h.denied(server.id, () => h.call(member, 'PATCH', `/servers/${server.id}`, {name: 'Mine'}), 403);
    const hidden = await h.denied(
      server.id,
      () => h.call(stranger, 'PATCH', `/servers/${server.id}`, {name: 'x'}),
      404,
    );
    const missing = await h.call(stranger, 'PATCH', `/servers/${randomUUID()}`, {name: 'x'});
    expect(hidden.json.detail).toBe(missing.json.detail);
  });

  it('[SV5] a rename to an empty or 200-character name is a 400 naming `name` and changes nothing', async () => {
    const {owner, server} = await h.community();
    for (const name of ['', '   ', 'x'.repeat(200)]) {
      await h.denied(server.id, () => h.call(owner, 'PATCH', `/servers/${server.id}`, {name}), 400, 'name');
    }
    await h.denied(
      server.id,
      () => h.call(owner, 'PATCH', `/servers/${server.id}`, {isPrivate: 'yes'}),
      400,
      'isPrivate',
    );
  });
});

describe('[SV6] DELETE /servers/:id', () => {
  it('[SV6] the owner deletes the server (204); rooms, messages, memberships and bans go with it', async () => {
    const {owner, admin, member, server} = await h.community();
    const staff = await h.privateRoom(owner, server.id);
    expect(
      (await h.call(member, 'POST', '/messages', {roomId: server.generalRoomID, content: 'hi'})).status,
    ).toBe(201);
    expect((await h.call(owner, 'POST', `/servers/${server.id}/bans`, {userId: admin.userID})).status).toBe(
      204,
    );
    expect((await h.call(owner, 'DELETE', `/servers/${server.id}`)).status).toBe(204);
    const rooms = [server.generalRoomID, staff];
    expect(await count(h.pool, 'SELECT count(*) FROM servers WHERE id = $1', [server.id])).toBe(0);
    expect(await count(h.pool, 'SELECT count(*) FROM user_servers WHERE server_id = $1', [server.id])).toBe(
      0,
    );
    expect(await count(h.pool, 'SELECT count(*) FROM server_bans WHERE server_id = $1', [server.id])).toBe(0);
    expect(await count(h.pool, 'SELECT count(*) FROM rooms WHERE id = ANY($1)', [rooms])).toBe(0);
    expect(await count(h.pool, 'SELECT count(*) FROM messages WHERE room_id = ANY($1)', [rooms])).toBe(0);
    expect(await count(h.pool, 'SELECT count(*) FROM user_rooms WHERE room_id = ANY($1)', [rooms])).toBe(0);
    expect((await h.call(member, 'GET', `/servers/${server.id}`)).status).toBe(404);
  });

  it('[SV6] an admin and a member get 403, a stranger 404; nothing changes', async () => {
    const {admin, member, stranger, server} = await h.community();
    await h.denied(server.id, () => h.call(admin, 'DELETE', `/servers/${server.id}`), 403);
    await h.denied(server.id, () => h.call(member, 'DELETE', `/servers/${server.id}`), 403);
    await h.denied(server.id, () => h.call(stranger, 'DELETE', `/servers/${server.id}`), 404);
  });

  it('[SV1][SV6] after a 409 for the fourth server, deleting one frees a slot', async () => {
    const owner = await h.user();
    const ids: string[] = [];
    for (const name of ['one', 'two', 'three'])
      ids.push((await h.call(owner, 'POST', '/servers', {name})).json.id);
    h.expectProblem(await h.call(owner, 'POST', '/servers', {name: 'four'}), 409);
    expect((await h.call(owner, 'DELETE', `/servers/${ids[0]}`)).status).toBe(204);
    const fourth = await h.call(owner, 'POST', '/servers', {name: 'four'});
    expect(fourth.status).toBe(201);
    expect(await count(h.pool, 'SELECT count(*) FROM servers WHERE created_by = $1', [owner.userID])).toBe(3);
  });
});

describe('[SV7] POST /servers/:id/leave', () => {
  it('[SV7] a member and an admin leave (204) and lose their room memberships there', async () => {
    const {owner, admin, member, server} = await h.community();
    const staff = await h.privateRoom(owner, server.id);
    expect((await h.call(owner, 'POST', `/rooms/${staff}/members`, {userId: member.userID})).status).toBe(
      204,
    );
    for (const who of [member, admin]) {
      expect((await h.call(who, 'POST', `/servers/${server.id}/leave`)).status).toBe(204);
      expect((await h.call(who, 'GET', `/servers/${server.id}`)).status).toBe(404);
    }
    expect(await count(h.pool, 'SELECT count(*) FROM user_rooms WHERE user_id = $1', [member.userID])).toBe(
      0,
    );
  });

  it('[SV7] the owner gets 403 until they transfer ownership; a stranger gets 404', async () => {
    const {owner, admin, stranger, server} = await h.community();
    const refused = await h.denied(
      server.id,
      () => h.call(owner, 'POST', `/servers/${server.id}/leave`),
      403,
    );
    expect(refused.json.detail).toMatch(/transfer ownership/);
    await h.denied(server.id, () => h.call(stranger, 'POST', `/servers/${server.id}/leave`), 404);
    expect(
      (await h.call(owner, 'POST', `/servers/${server.id}/transfer`, {userId: admin.userID})).status,
    ).toBe(200);
    expect((await h.call(owner, 'POST', `/servers/${server.id}/leave`)).status).toBe(204);
    expect(await roleOf(h.pool, server.id, admin.userID)).toBe('owner');
  });
});

describe('[SV8] POST /servers/:id/access-code', () => {
  it('[SV8] an admin replaces the code: the old one is a 404 on join, the new one joins', async () => {
    const {admin, server} = await h.community();
    const res = await h.call(admin, 'POST', `/servers/${server.id}/access-code`);
    expect(res.status).toBe(200);
    expect(res.json.accessCode).toMatch(/^[2-9A-HJKMNP-Z]{5}$/);
    expect(res.json.accessCode).not.toBe(server.accessCode);
    const joiner = await h.user();
    await h.denied(
      server.id,
      () => h.call(joiner, 'POST', '/servers/join', {accessCode: server.accessCode}),
      404,
      'accessCode',
    );
    const byID = () => h.call(joiner, 'POST', `/servers/${server.id}/join`, {accessCode: server.accessCode});
    await h.denied(server.id, byID, 404, 'accessCode');
    const joined = await h.call(joiner, 'POST', '/servers/join', {accessCode: res.json.accessCode});
    expect(joined.json).toMatchObject({id: server.id, role: 'member'});
  });

  it('[SV8] a member gets 403 and a stranger 404; the code stays', async () => {
    const {owner, member, stranger, server} = await h.community();
    await h.denied(server.id, () => h.call(member, 'POST', `/servers/${server.id}/access-code`), 403);
    await h.denied(server.id, () => h.call(stranger, 'POST', `/servers/${server.id}/access-code`), 404);
    expect((await h.call(owner, 'GET', `/servers/${server.id}`)).json.accessCode).toBe(server.accessCode);
  });
});

describe('[SV9][S5] the directory', () => {
  it('[S5] GET /servers/directory lists public servers to anyone, without codes, never a private one', async () => {
    const {member, server: open} = await h.community();
    const {server: closed} = await h.community({isPrivate: true});
    const res = await h.call(await h.user(false), 'GET', '/servers/directory');
    expect(res.status).toBe(200);
    const ids = res.json.servers.map((s: {id: string}) => s.id);
    expect(ids).toContain(open.id);
    expect(ids).not.toContain(closed.id);
    expect(res.json.servers.find((s: {id: string}) => s.id === open.id)).toEqual({
      id: open.id,
      name: 'Acme',
      joined: false,
    });
    const mine = await h.call(member, 'GET', '/servers/directory');
    expect(mine.json.servers.find((s: {id: string}) => s.id === open.id).joined).toBe(true);
  });

  it('[SV9] POST /servers/:id/join without a code joins a public server; twice is a no-op', async () => {
    const {server} = await h.community();
    const visitor = await h.user();
    for (let i = 0; i < 2; i++) {
      const res = await h.call(visitor, 'POST', `/servers/${server.id}/join`);
      expect(res.status).toBe(200);
      expect(res.json).toMatchObject({id: server.id, role: 'member'});
    }
    expect(
      await count(h.pool, 'SELECT count(*) FROM user_servers WHERE user_id = $1', [visitor.userID]),
    ).toBe(1);
  });

  it('[SV9] a private server without a code is the same 404 as a missing one', async () => {
    const {stranger, server} = await h.community({isPrivate: true});
    const hidden = await h.denied(
      server.id,
      () => h.call(stranger, 'POST', `/servers/${server.id}/join`),
      404,
    );
    const missing = await h.call(stranger, 'POST', `/servers/${randomUUID()}/join`);
    h.expectProblem(missing, 404);
    expect(hidden.json.detail).toBe(missing.json.detail);
  });
});

describe('[S3] a server one does not belong to', () => {
  it('[S3] every management route answers a stranger 404 and changes nothing', async () => {
    const {member, stranger, server} = await h.community();
    const base = `/servers/${server.id}`;
    const user = {userId: member.userID};
    for (const [method, path, body] of [
      ['GET', base, undefined],
      ['GET', `${base}/members`, undefined],
      ['PATCH', `${base}/members/${member.userID}`, {role: 'admin'}],
      ['DELETE', `${base}/members/${member.userID}`, undefined],
      ['POST', `${base}/transfer`, user],
      ['POST', `${base}/bans`, user],
      ['DELETE', `${base}/bans/${member.userID}`, undefined],
    ] as const) {
      await h.denied(server.id, () => h.call(stranger, method, path, body), 404);
    }
  });
});
