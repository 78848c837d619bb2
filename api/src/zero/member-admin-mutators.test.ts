import {describe, expect, it} from 'vitest';
import {mutatorHarness} from '../../../test/mutator-harness.ts';
import {count, makeAdmin, roleOf} from '../../../test/server-rows.ts';
import {serverMutators} from './server-mutators.ts';

// Roles, ownership, kicks and bans through the server mutators in real
// Postgres transactions. Every refusal leaves the server's rows as they were.

const h = mutatorHarness();
const m = serverMutators.member;

const owners = (serverID: string) =>
  count(h.pool, `SELECT count(*) FROM user_servers WHERE server_id = $1 AND role = 'owner'`, [serverID]);

describe('[MB1] roles', () => {
  it('[MB1] the owner promotes a member to admin and demotes an admin to member', async () => {
    const {owner, admin, member, server} = await h.community();
    await h.run(m.setRole, owner, {serverID: server.id, userID: member.userID, role: 'admin'});
    await h.run(m.setRole, owner, {serverID: server.id, userID: admin.userID, role: 'member'});
    expect(await roleOf(h.pool, server.id, member.userID)).toBe('admin');
    expect(await roleOf(h.pool, server.id, admin.userID)).toBe('member');
  });

  it('[MB1] an admin and a member are FORBIDDEN to change roles; a stranger gets NOT_FOUND', async () => {
    const {owner, admin, member, stranger, server} = await h.community();
    const serverID = server.id;
    await h.denied(
      serverID,
      () => h.run(m.setRole, admin, {serverID, userID: member.userID, role: 'admin'}),
      'FORBIDDEN',
    );
    await h.denied(
      serverID,
      () => h.run(m.setRole, admin, {serverID, userID: admin.userID, role: 'member'}),
      'FORBIDDEN',
    );
    await h.denied(
      serverID,
      () => h.run(m.setRole, member, {serverID, userID: member.userID, role: 'admin'}),
      'FORBIDDEN',
    );
    await h.denied(
      serverID,
      () => h.run(m.setRole, stranger, {serverID, userID: owner.userID, role: 'member'}),
      'NOT_FOUND',
    );
  });

  it('[MB1] the owner’s role changes only by transfer; a non-member target is NOT_FOUND; `owner` is no role to give', async () => {
    const {owner, member, stranger, server} = await h.community();
    const serverID = server.id;
    await h.denied(
      serverID,
      () => h.run(m.setRole, owner, {serverID, userID: owner.userID, role: 'admin'}),
      'INVALID',
      'userID',
    );
    await h.denied(
      serverID,
      () => h.run(m.setRole, owner, {serverID, userID: stranger.userID, role: 'admin'}),
      'NOT_FOUND',
      'userID',
    );
    await h.denied(
      serverID,
      () => h.run(m.setRole, owner, {serverID, userID: member.userID, role: 'owner'}),
      /Role must be admin or member/,
    );
  });
});

describe('[MB2] transferring ownership', () => {
  it('[MB2] the owner hands the server to a member, becomes an admin, and exactly one owner remains', async () => {
    const {owner, member, server} = await h.community();
    await h.run(m.transferOwnership, owner, {serverID: server.id, userID: member.userID});
    expect(await roleOf(h.pool, server.id, member.userID)).toBe('owner');
    expect(await roleOf(h.pool, server.id, owner.userID)).toBe('admin');
    expect(await owners(server.id)).toBe(1);
    // The powers moved with the title.
    await h.denied(
      server.id,
      () => h.run(serverMutators.server.delete, owner, {serverID: server.id}),
      'FORBIDDEN',
    );
    await h.run(m.setRole, member, {serverID: server.id, userID: owner.userID, role: 'member'});
    expect(await roleOf(h.pool, server.id, owner.userID)).toBe('member');
  });

  it('[MB2] an admin and a member are FORBIDDEN to transfer; a stranger gets NOT_FOUND', async () => {
    const {admin, member, stranger, server} = await h.community();
    const serverID = server.id;
    await h.denied(
      serverID,
      () => h.run(m.transferOwnership, admin, {serverID, userID: admin.userID}),
      'FORBIDDEN',
    );
    await h.denied(
      serverID,
      () => h.run(m.transferOwnership, member, {serverID, userID: admin.userID}),
      'FORBIDDEN',
    );
    await h.denied(
      serverID,
      () => h.run(m.transferOwnership, stranger, {serverID, userID: stranger.userID}),
      'NOT_FOUND',
    );
    expect(await owners(serverID)).toBe(1);
  });

  it('[MB2] handing it to oneself is INVALID and to a non-member NOT_FOUND, naming userID', async () => {
    const {owner, stranger, server} = await h.community();
    const serverID = server.id;
    await h.denied(
      serverID,
      () => h.run(m.transferOwnership, owner, {serverID, userID: owner.userID}),
      'INVALID',
      'userID',
    );
    await h.denied(
      serverID,
      () => h.run(m.transferOwnership, owner, {serverID, userID: stranger.userID}),
      'NOT_FOUND',
      'userID',
    );
  });
});

describe('[MB3] kicking', () => {
  it('[MB3] the owner kicks an admin and a member; their room memberships in that server go, others stay', async () => {
    const {owner, admin, member, server} = await h.community();
    const staff = await h.privateRoom(owner, server.id);
    await h.run(serverMutators.room.addMember, owner, {roomID: staff, userID: member.userID});
    await h.run(serverMutators.roomState.markRead, member, {roomID: server.generalRoomID, readAt: 1});
    const elsewhere = await h.createServer(admin);
    await h.run(serverMutators.server.join, member, {accessCode: elsewhere.accessCode});
    await h.run(serverMutators.roomState.markRead, member, {roomID: elsewhere.generalRoomID, readAt: 1});

    for (const who of [admin, member]) await h.run(m.kick, owner, {serverID: server.id, userID: who.userID});
    expect(await roleOf(h.pool, server.id, admin.userID)).toBeUndefined();
    expect(await roleOf(h.pool, server.id, member.userID)).toBeUndefined();
    const {rows} = await h.pool.query('SELECT room_id FROM user_rooms WHERE user_id = $1', [member.userID]);
    expect(rows).toEqual([{room_id: elsewhere.generalRoomID}]);
  });

  it('[MB3] an admin kicks a member, who may rejoin with the code (a kick is not a ban)', async () => {
    const {admin, member, server} = await h.community();
    await h.run(m.kick, admin, {serverID: server.id, userID: member.userID});
    expect(await roleOf(h.pool, server.id, member.userID)).toBeUndefined();
    await h.run(serverMutators.server.join, member, {accessCode: server.accessCode});
    expect(await roleOf(h.pool, server.id, member.userID)).toBe('member');
  });

  it('[MB3] an admin cannot kick another admin or the owner', async () => {
    const {owner, admin, member, server} = await h.community();
    await makeAdmin(h.pool, server.id, member.userID);
    for (const target of [member, owner]) {
      await h.denied(
        server.id,
        () => h.run(m.kick, admin, {serverID: server.id, userID: target.userID}),
        'FORBIDDEN',
      );
    }
  });

  it('[MB3] a member cannot kick anyone; a stranger gets NOT_FOUND', async () => {
    const {owner, admin, member, stranger, server} = await h.community();
    const other = await h.user();
    await h.run(serverMutators.server.join, other, {accessCode: server.accessCode});
    for (const target of [other, admin, owner]) {
      await h.denied(
        server.id,
        () => h.run(m.kick, member, {serverID: server.id, userID: target.userID}),
        'FORBIDDEN',
      );
    }
    await h.denied(
      server.id,
      () => h.run(m.kick, stranger, {serverID: server.id, userID: member.userID}),
      'NOT_FOUND',
    );
  });

  it('[MB3] nobody kicks themselves (they leave), and kicking a non-member is NOT_FOUND, naming userID', async () => {
    const {owner, admin, stranger, server} = await h.community();
    for (const who of [owner, admin]) {
      await h.denied(
        server.id,
        () => h.run(m.kick, who, {serverID: server.id, userID: who.userID}),
        'INVALID',
        'userID',
      );
    }
    await h.denied(
      server.id,
      () => h.run(m.kick, owner, {serverID: server.id, userID: stranger.userID}),
      'NOT_FOUND',
      'userID',
    );
  });
});

describe('[MB4] bans', () => {
  it('[MB4] an admin bans a member: removed, recorded, and the code no longer lets them in', async () => {
    const {admin, member, server} = await h.community();
    await h.run(serverMutators.roomState.markRead, member, {roomID: server.generalRoomID, readAt: 1});
    await h.run(m.ban, admin, {serverID: server.id, userID: member.userID});
    expect(await roleOf(h.pool, server.id, member.userID)).toBeUndefined();
    expect(await count(h.pool, 'SELECT count(*) FROM user_rooms WHERE user_id = $1', [member.userID])).toBe(
      0,
    );
    const {rows} = await h.pool.query(
      'SELECT banned_by FROM server_bans WHERE server_id = $1 AND user_id = $2',
      [server.id, member.userID],
    );
    expect(rows).toEqual([{banned_by: admin.userID}]);
    const join = () => h.run(serverMutators.server.join, member, {accessCode: server.accessCode});
    await h.denied(server.id, join, 'FORBIDDEN');
  });

  it('[MB4] someone who already left can still be banned, and then cannot rejoin', async () => {
    const {owner, member, server} = await h.community();
    await h.run(serverMutators.server.leave, member, {serverID: server.id});
    await h.run(m.ban, owner, {serverID: server.id, userID: member.userID});
    expect(await count(h.pool, 'SELECT count(*) FROM server_bans WHERE user_id = $1', [member.userID])).toBe(
      1,
    );
    const join = () => h.run(serverMutators.server.join, member, {accessCode: server.accessCode});
    await h.denied(server.id, join, 'FORBIDDEN');
  });

  it('[MB4] bans follow the kick ranks: members FORBIDDEN, admins not over admins or the owner; strangers NOT_FOUND', async () => {
    const {owner, admin, member, stranger, server} = await h.community();
    const serverID = server.id;
    await h.denied(serverID, () => h.run(m.ban, member, {serverID, userID: admin.userID}), 'FORBIDDEN');
    await h.denied(serverID, () => h.run(m.ban, admin, {serverID, userID: owner.userID}), 'FORBIDDEN');
    await makeAdmin(h.pool, serverID, member.userID);
    await h.denied(serverID, () => h.run(m.ban, admin, {serverID, userID: member.userID}), 'FORBIDDEN');
    await h.denied(serverID, () => h.run(m.ban, stranger, {serverID, userID: member.userID}), 'NOT_FOUND');
    await h.denied(
      serverID,
      () => h.run(m.ban, owner, {serverID, userID: owner.userID}),
      'INVALID',
      'userID',
    );
  });

  it('[MB4] only the owner and admins unban; an unbanned user rejoins with the code', async () => {
    const {owner, member, stranger, server} = await h.community();
    const banned = await h.user();
    await h.run(serverMutators.server.join, banned, {accessCode: server.accessCode});
    await h.run(m.ban, owner, {serverID: server.id, userID: banned.userID});
    const args = {serverID: server.id, userID: banned.userID};
    await h.denied(server.id, () => h.run(m.unban, member, args), 'FORBIDDEN');
    await h.denied(server.id, () => h.run(m.unban, stranger, args), 'NOT_FOUND');
    await h.denied(server.id, () => h.run(m.unban, banned, args), 'NOT_FOUND');
    await h.run(m.unban, owner, args);
    expect(await count(h.pool, 'SELECT count(*) FROM server_bans WHERE server_id = $1', [server.id])).toBe(0);
    await h.run(serverMutators.server.join, banned, {accessCode: server.accessCode});
    expect(await roleOf(h.pool, server.id, banned.userID)).toBe('member');
  });
});
