import {describe, expect, it} from 'vitest';
import {restHarness} from '../../../test/rest-harness.ts';
import {count, makeAdmin, roleOf} from '../../../test/server-rows.ts';

// Roles, ownership, kicks and bans over REST (`/servers/:id/...`): status codes,
// problem+json bodies naming the field, and the rows left behind.

const h = restHarness();

const owners = (serverID: string) =>
  count(h.pool, `SELECT count(*) FROM user_servers WHERE server_id = $1 AND role = 'owner'`, [serverID]);

describe('[MB1] PATCH /servers/:id/members/:userId', () => {
  it('[MB1] the owner promotes a member and demotes an admin; the member list shows it', async () => {
    const {owner, admin, member, server} = await h.community();
    const promoted = await h.call(owner, 'PATCH', `/servers/${server.id}/members/${member.userID}`, {
      role: 'admin',
    });
    expect(promoted.status).toBe(200);
    expect(promoted.json).toEqual({userId: member.userID, role: 'admin'});
    expect(
      (await h.call(owner, 'PATCH', `/servers/${server.id}/members/${admin.userID}`, {role: 'member'}))
        .status,
    ).toBe(200);
    const list = await h.call(member, 'GET', `/servers/${server.id}/members`);
    const roles = Object.fromEntries(
      list.json.members.map((m: {userId: string; role: string}) => [m.userId, m.role]),
    );
    expect(roles).toEqual({[owner.userID]: 'owner', [admin.userID]: 'member', [member.userID]: 'admin'});
  });

  it('[MB1] an admin and a member get 403', async () => {
    const {owner, admin, member, server} = await h.community();
    const patch = (who: typeof admin, target: string, role: string) => () =>
      h.call(who, 'PATCH', `/servers/${server.id}/members/${target}`, {role});
    await h.denied(server.id, patch(admin, member.userID, 'admin'), 403);
    await h.denied(server.id, patch(admin, owner.userID, 'member'), 403);
    await h.denied(server.id, patch(member, member.userID, 'admin'), 403);
  });

  it('[MB1] the owner’s own role is a 400 naming userId; a non-member 404; a bad role a 400 naming role', async () => {
    const {owner, member, stranger, server} = await h.community();
    const patch = (target: string, role: string) => () =>
      h.call(owner, 'PATCH', `/servers/${server.id}/members/${target}`, {role});
    const self = await h.denied(server.id, patch(owner.userID, 'admin'), 400, 'userId');
    expect(self.json.detail).toMatch(/transferring ownership/);
    await h.denied(server.id, patch(stranger.userID, 'admin'), 404, 'userId');
    await h.denied(server.id, patch(member.userID, 'owner'), 400, 'role');
    await h.denied(server.id, patch('not-a-uuid', 'admin'), 400, 'userId');
  });
});

describe('[MB2] POST /servers/:id/transfer', () => {
  it('[MB2] the owner hands the server over and becomes an admin; exactly one owner remains', async () => {
    const {owner, member, server} = await h.community();
    const res = await h.call(owner, 'POST', `/servers/${server.id}/transfer`, {userId: member.userID});
    expect(res.status).toBe(200);
    expect(res.json).toEqual({ownerId: member.userID});
    expect(await roleOf(h.pool, server.id, member.userID)).toBe('owner');
    expect(await roleOf(h.pool, server.id, owner.userID)).toBe('admin');
    expect(await owners(server.id)).toBe(1);
    await h.denied(server.id, () => h.call(owner, 'DELETE', `/servers/${server.id}`), 403);
  });

  it('[MB2] an admin and a member get 403; to oneself is a 400 and to a non-member a 404, naming userId', async () => {
    const {owner, admin, member, stranger, server} = await h.community();
    const transfer = (who: typeof owner, to: string) => () =>
      h.call(who, 'POST', `/servers/${server.id}/transfer`, {userId: to});
    await h.denied(server.id, transfer(admin, admin.userID), 403);
    await h.denied(server.id, transfer(member, member.userID), 403);
    await h.denied(server.id, transfer(owner, owner.userID), 400, 'userId');
    await h.denied(server.id, transfer(owner, stranger.userID), 404, 'userId');
    await h.denied(server.id, transfer(owner, 'nobody'), 400, 'userId');
    expect(await owners(server.id)).toBe(1);
  });
});

describe('[MB3] DELETE /servers/:id/members/:userId', () => {
  it('[MB3] the owner kicks an admin and a member (204); the kicked lose the server’s room memberships', async () => {
    const {owner, admin, member, server} = await h.community();
    const staff = await h.privateRoom(owner, server.id);
    expect((await h.call(owner, 'POST', `/rooms/${staff}/members`, {userId: member.userID})).status).toBe(
      204,
    );
    expect((await h.call(member, 'POST', `/rooms/${server.generalRoomID}/join`)).status).toBe(200);
    expect(await count(h.pool, 'SELECT count(*) FROM user_rooms WHERE user_id = $1', [member.userID])).toBe(
      2,
    );
    for (const who of [admin, member]) {
      expect((await h.call(owner, 'DELETE', `/servers/${server.id}/members/${who.userID}`)).status).toBe(204);
      expect((await h.call(who, 'GET', `/servers/${server.id}`)).status).toBe(404);
    }
    expect(await count(h.pool, 'SELECT count(*) FROM user_rooms WHERE user_id = $1', [member.userID])).toBe(
      0,
    );
    expect((await h.call(member, 'GET', `/rooms/${server.generalRoomID}`)).status).toBe(404);
  });

  it('[MB3] an admin kicks a member, who can rejoin with the code', async () => {
    const {admin, member, server} = await h.community();
    expect((await h.call(admin, 'DELETE', `/servers/${server.id}/members/${member.userID}`)).status).toBe(
      204,
    );
    const back = await h.call(member, 'POST', '/servers/join', {accessCode: server.accessCode});
    expect(back.json).toMatchObject({id: server.id, role: 'member'});
  });

  it('[MB3] an admin cannot kick another admin or the owner; a member cannot kick anyone: 403', async () => {
    const {owner, admin, member, server} = await h.community();
    const other = await h.user();
    await h.call(other, 'POST', '/servers/join', {accessCode: server.accessCode});
    const kick = (who: typeof owner, target: string) => () =>
      h.call(who, 'DELETE', `/servers/${server.id}/members/${target}`);
    await h.denied(server.id, kick(admin, owner.userID), 403);
    for (const target of [other, admin, owner]) await h.denied(server.id, kick(member, target.userID), 403);
    await makeAdmin(h.pool, server.id, other.userID);
    await h.denied(server.id, kick(admin, other.userID), 403);
  });

  it('[MB3] kicking oneself is a 400 and a non-member a 404, both naming userId', async () => {
    const {owner, stranger, server} = await h.community();
    const kick = (target: string) => () => h.call(owner, 'DELETE', `/servers/${server.id}/members/${target}`);
    const self = await h.denied(server.id, kick(owner.userID), 400, 'userId');
    expect(self.json.detail).toMatch(/leave the server/);
    await h.denied(server.id, kick(stranger.userID), 404, 'userId');
  });
});

describe('[MB4] /servers/:id/bans', () => {
  it('[MB4] an admin bans a member (204): removed, recorded, and their join with the code is a 403', async () => {
    const {admin, member, server} = await h.community();
    expect((await h.call(admin, 'POST', `/servers/${server.id}/bans`, {userId: member.userID})).status).toBe(
      204,
    );
    expect(await roleOf(h.pool, server.id, member.userID)).toBeUndefined();
    const {rows} = await h.pool.query('SELECT user_id, banned_by FROM server_bans WHERE server_id = $1', [
      server.id,
    ]);
    expect(rows).toEqual([{user_id: member.userID, banned_by: admin.userID}]);
    const join = () => h.call(member, 'POST', '/servers/join', {accessCode: server.accessCode});
    const refused = await h.denied(server.id, join, 403);
    expect(refused.json.detail).toMatch(/banned/);
    await h.denied(server.id, () => h.call(member, 'POST', `/servers/${server.id}/join`), 403);
  });

  it('[MB4] a member gets 403, an admin banning an admin or the owner 403, oneself 400', async () => {
    const {owner, admin, member, server} = await h.community();
    const ban = (who: typeof owner, target: string) => () =>
      h.call(who, 'POST', `/servers/${server.id}/bans`, {userId: target});
    await h.denied(server.id, ban(member, admin.userID), 403);
    await h.denied(server.id, ban(admin, owner.userID), 403);
    await makeAdmin(h.pool, server.id, member.userID);
    await h.denied(server.id, ban(admin, member.userID), 403);
    await h.denied(server.id, ban(owner, owner.userID), 400, 'userId');
    await h.denied(server.id, ban(owner, 'x'), 400, 'userId');
  });

  it('[MB4] only the owner and admins unban (403 for a member); an unbanned user rejoins with the code', async () => {
    const {owner, member, server} = await h.community();
    const banned = await h.user();
    await h.call(banned, 'POST', '/servers/join', {accessCode: server.accessCode});
    await h.call(owner, 'POST', `/servers/${server.id}/bans`, {userId: banned.userID});
    const unban = (who: typeof owner) => () =>
      h.call(who, 'DELETE', `/servers/${server.id}/bans/${banned.userID}`);
    await h.denied(server.id, unban(member), 403);
    await h.denied(server.id, unban(banned), 404);
    expect((await unban(owner)()).status).toBe(204);
    expect(await count(h.pool, 'SELECT count(*) FROM server_bans WHERE server_id = $1', [server.id])).toBe(0);
    const back = await h.call(banned, 'POST', '/servers/join', {accessCode: server.accessCode});
    expect(back.status).toBe(200);
    expect(back.json).toMatchObject({id: server.id, role: 'member'});
  });
});
