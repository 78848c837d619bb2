import {randomUUID} from 'node:crypto';
import {queries, type AuthContext} from '@chorus/schema';
import {describe, expect, it} from 'vitest';
import {mutatorHarness} from '../../../test/mutator-harness.ts';
import {count, roleOf} from '../../../test/server-rows.ts';
import {serverMutators} from './server-mutators.ts';

// Server settings, deletion, leaving, codes, the directory and bans through the
// server mutators in real Postgres transactions. Every refusal is checked to
// leave the server's rows exactly as they were.

const h = mutatorHarness();
const m = serverMutators.server;

const serverRow = async (id: string) =>
  (await h.pool.query('SELECT name, is_private, access_code FROM servers WHERE id = $1', [id])).rows[0];

describe('[SV5] server settings', () => {
  it('[SV5] the owner renames the server and an admin makes it private', async () => {
    const {owner, admin, server} = await h.community();
    await h.run(m.update, owner, {serverID: server.id, name: '  Acme HQ  '});
    await h.run(m.update, admin, {serverID: server.id, isPrivate: true});
    const row = await serverRow(server.id);
    expect(row).toMatchObject({name: 'Acme HQ', is_private: true});
    // [S5] The code was visible in the directory while public: going private replaces it.
    expect(row.access_code).not.toBe(server.accessCode);
    expect(row.access_code).toMatch(/^[2-9A-HJKMNP-Z]{5}$/);
  });

  it('[SV5] a member is FORBIDDEN; [S3] a stranger gets NOT_FOUND, as for a missing server', async () => {
    const {member, stranger, server} = await h.community();
    await h.denied(
      server.id,
      () => h.run(m.update, member, {serverID: server.id, name: 'Mine'}),
      'FORBIDDEN',
    );
    await h.denied(server.id, () => h.run(m.update, stranger, {serverID: server.id, name: 'x'}), 'NOT_FOUND');
    await h.denied(
      server.id,
      () => h.run(m.update, stranger, {serverID: randomUUID(), name: 'x'}),
      'NOT_FOUND',
    );
  });

  it('[SV5] a rename to an empty or 200-character name is refused and changes nothing', async () => {
    const {owner, server} = await h.community();
    for (const [name, message] of [
      ['', /cannot be empty/],
      ['   ', /cannot be empty/],
      ['x'.repeat(200), /at most 100 characters/],
    ] as const) {
      await h.denied(server.id, () => h.run(m.update, owner, {serverID: server.id, name}), message);
    }
  });
});

describe('[SV6] deleting a server', () => {
  it('[SV6] the owner deletes the server; its rooms, messages, memberships and bans go with it', async () => {
    const {owner, admin, member, server} = await h.community();
    const staff = await h.privateRoom(owner, server.id);
    await h.run(serverMutators.message.send, member, {
      id: randomUUID(),
      roomID: server.generalRoomID,
      content: 'hi',
    });
    await h.run(serverMutators.member.ban, owner, {serverID: server.id, userID: admin.userID});
    await h.run(m.delete, owner, {serverID: server.id});
    for (const [table, where] of [
      ['servers', 'id = $1'],
      ['user_servers', 'server_id = $1'],
      ['server_bans', 'server_id = $1'],
      ['rooms', 'server_id = $1'],
    ]) {
      expect(await count(h.pool, `SELECT count(*) FROM ${table} WHERE ${where}`, [server.id]), table).toBe(0);
    }
    const roomIDs = [server.generalRoomID, staff];
    expect(await count(h.pool, 'SELECT count(*) FROM messages WHERE room_id = ANY($1)', [roomIDs])).toBe(0);
    expect(await count(h.pool, 'SELECT count(*) FROM user_rooms WHERE room_id = ANY($1)', [roomIDs])).toBe(0);
  });

  it('[SV6] an admin and a member are FORBIDDEN, a stranger NOT_FOUND; nothing changes', async () => {
    const {admin, member, stranger, server} = await h.community();
    await h.denied(server.id, () => h.run(m.delete, admin, {serverID: server.id}), 'FORBIDDEN');
    await h.denied(server.id, () => h.run(m.delete, member, {serverID: server.id}), 'FORBIDDEN');
    await h.denied(server.id, () => h.run(m.delete, stranger, {serverID: server.id}), 'NOT_FOUND');
  });

  it('[SV1][SV6] deleting one of three servers frees a slot for a fourth', async () => {
    const owner = await h.user();
    const [first] = [await h.createServer(owner), await h.createServer(owner), await h.createServer(owner)];
    const fourth = {name: 'four', generalRoomID: randomUUID(), id: randomUUID()};
    await expect(h.run(m.create, owner, fourth)).rejects.toThrow(/at most 3 servers/);
    await h.run(m.delete, owner, {serverID: first!.id});
    await h.run(m.create, owner, fourth);
    expect(await roleOf(h.pool, fourth.id, owner.userID)).toBe('owner');
  });
});

describe('[SV7] leaving a server', () => {
  it('[SV7] a member and an admin leave; their room memberships in the server go too', async () => {
    const {owner, admin, member, server} = await h.community();
    const staff = await h.privateRoom(owner, server.id);
    await h.run(serverMutators.room.addMember, owner, {roomID: staff, userID: member.userID});
    await h.run(serverMutators.roomState.markRead, member, {roomID: server.generalRoomID, readAt: 1});
    for (const who of [member, admin]) await h.run(m.leave, who, {serverID: server.id});
    expect(await roleOf(h.pool, server.id, member.userID)).toBeUndefined();
    expect(await roleOf(h.pool, server.id, admin.userID)).toBeUndefined();
    expect(await count(h.pool, 'SELECT count(*) FROM user_rooms WHERE user_id = $1', [member.userID])).toBe(
      0,
    );
  });

  it('[SV7] the owner is FORBIDDEN to leave until they hand the server over', async () => {
    const {owner, admin, server} = await h.community();
    await h.denied(server.id, () => h.run(m.leave, owner, {serverID: server.id}), 'FORBIDDEN');
    await h.run(serverMutators.member.transferOwnership, owner, {serverID: server.id, userID: admin.userID});
    await h.run(m.leave, owner, {serverID: server.id});
    expect(await roleOf(h.pool, server.id, owner.userID)).toBeUndefined();
    expect(await roleOf(h.pool, server.id, admin.userID)).toBe('owner');
  });

  it('[S3][SV7] a stranger leaving a server gets NOT_FOUND', async () => {
    const {stranger, server} = await h.community();
    await h.denied(server.id, () => h.run(m.leave, stranger, {serverID: server.id}), 'NOT_FOUND');
  });
});

describe('[SV8] access codes', () => {
  it('[SV8] the owner and an admin replace the code; the old one is NOT_FOUND, the new one joins', async () => {
    const {owner, admin, server} = await h.community();
    await h.run(m.regenerateCode, owner, {serverID: server.id});
    await h.run(m.regenerateCode, admin, {serverID: server.id});
    const code = (await serverRow(server.id)).access_code as string;
    expect(code).not.toBe(server.accessCode);
    expect(code).toMatch(/^[2-9A-HJKMNP-Z]{5}$/);
    const joiner = await h.user();
    await h.denied(
      server.id,
      () => h.run(m.join, joiner, {accessCode: server.accessCode}),
      'NOT_FOUND',
      'accessCode',
    );
    await h.run(m.join, joiner, {accessCode: code});
    expect(await roleOf(h.pool, server.id, joiner.userID)).toBe('member');
  });

  it('[SV8] a member is FORBIDDEN and a stranger NOT_FOUND; the code stays', async () => {
    const {member, stranger, server} = await h.community();
    await h.denied(server.id, () => h.run(m.regenerateCode, member, {serverID: server.id}), 'FORBIDDEN');
    await h.denied(server.id, () => h.run(m.regenerateCode, stranger, {serverID: server.id}), 'NOT_FOUND');
  });
});

describe('[SV9] joining from the directory', () => {
  it('[SV9] anyone joins a public server without its code; joining twice is a no-op', async () => {
    const {server} = await h.community();
    const visitor = await h.user({verified: false});
    await h.run(m.joinPublic, visitor, {serverID: server.id});
    await h.run(m.joinPublic, visitor, {serverID: server.id});
    expect(await roleOf(h.pool, server.id, visitor.userID)).toBe('member');
  });

  it('[SV9] a private server is NOT_FOUND without its code, the same as a missing one', async () => {
    const {stranger, server} = await h.community({isPrivate: true});
    await h.denied(server.id, () => h.run(m.joinPublic, stranger, {serverID: server.id}), 'NOT_FOUND');
    await h.denied(server.id, () => h.run(m.joinPublic, stranger, {serverID: randomUUID()}), 'NOT_FOUND');
  });

  it('[SV4][SV9] a banned user cannot join a public server from the directory either', async () => {
    const {owner, member, server} = await h.community();
    await h.run(serverMutators.member.ban, owner, {serverID: server.id, userID: member.userID});
    await h.denied(server.id, () => h.run(m.joinPublic, member, {serverID: server.id}), 'FORBIDDEN');
  });
});

describe('[S5][S6] read filters, run by the server for each synced query', () => {
  it('[S5] the directory shows a public server to a non-member, never a private one', async () => {
    const {stranger, server: open} = await h.community();
    const {server: closed} = await h.community({isPrivate: true});
    const rows = await h.zqlDb.run(queries.publicServers.fn({args: undefined, ctx: stranger}));
    const ids = rows.map(s => s.id);
    expect(ids).toContain(open.id);
    expect(ids).not.toContain(closed.id);
    expect(rows.find(s => s.id === open.id)?.members).toEqual([]);
  });

  it('[S6] a server’s bans are readable by its owner and admins, not by members, strangers or the banned', async () => {
    const {owner, admin, member, stranger, server} = await h.community();
    const banned = await h.user();
    await h.run(m.join, banned, {accessCode: server.accessCode});
    await h.run(serverMutators.member.ban, admin, {serverID: server.id, userID: banned.userID});
    const bans = (ctx: AuthContext) =>
      h.zqlDb
        .run(queries.serverBans.fn({args: {serverID: server.id}, ctx}))
        .then(rows => rows.map(b => b.userID));
    expect(await bans(owner)).toEqual([banned.userID]);
    expect(await bans(admin)).toEqual([banned.userID]);
    for (const who of [member, stranger, banned]) expect(await bans(who)).toEqual([]);
  });
});
