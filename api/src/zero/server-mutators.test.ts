import {randomUUID} from 'node:crypto';
import {isChorusError, schema, type AuthContext, type CreateServerArgs} from '@chorus/schema';
import {zeroNodePg} from '@rocicorp/zero/server/adapters/pg';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {insertUser} from '../../../test/fixtures.ts';
import {createTestDatabase, type TestDatabase} from '../../../test/pg.ts';
import {serverMutators} from './server-mutators.ts';

// Mutators run exactly as the push endpoint runs them: inside a real Postgres
// transaction through Zero's node-postgres adapter. Each test checks the rows left behind.

let db: TestDatabase;
let zqlDb: ReturnType<typeof zeroNodePg<typeof schema>>;

beforeAll(async () => {
  db = await createTestDatabase();
  zqlDb = zeroNodePg(schema, db.pool);
});
afterAll(() => db.drop());

type Mutator = {fn: (o: {tx: never; ctx: AuthContext; args: never}) => Promise<void>};
function run<A>(mutator: {fn: unknown}, ctx: AuthContext, args: A): Promise<void> {
  return zqlDb.transaction(tx => (mutator as Mutator).fn({tx: tx as never, ctx, args: args as never}));
}

async function expectCode(p: Promise<unknown>, code: string) {
  const err = await p.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(err, `expected ${code}`).toBeDefined();
  expect(isChorusError(err) ? err.code : String(err)).toBe(code);
}

async function createServer(ctx: AuthContext, name = 'Acme', extra: Partial<CreateServerArgs> = {}) {
  const args = {id: randomUUID(), generalRoomID: randomUUID(), name, ...extra};
  await run(serverMutators.server.create, ctx, args);
  const {rows} = await db.pool.query('SELECT * FROM servers WHERE id = $1', [args.id]);
  return {...args, accessCode: rows[0].access_code as string};
}

const count = async (sql: string, params: unknown[] = []) =>
  Number((await db.pool.query(sql, params)).rows[0].count);

describe('servers', () => {
  it('[SV1][SV2] creating a server makes the creator owner and adds a public general room', async () => {
    const alice = await insertUser(db.pool);
    const server = await createServer(alice);
    expect(server.accessCode).toMatch(/^[2-9A-HJKMNP-Z]{5}$/);
    const member = await db.pool.query('SELECT role FROM user_servers WHERE server_id = $1', [server.id]);
    expect(member.rows).toEqual([{role: 'owner'}]);
    const rooms = await db.pool.query('SELECT id, name, is_private FROM rooms WHERE server_id = $1', [
      server.id,
    ]);
    expect(rooms.rows).toEqual([{id: server.generalRoomID, name: 'general', is_private: false}]);
  });

  it('[SV1] the fourth server is refused with LIMIT_REACHED and nothing is written', async () => {
    const bob = await insertUser(db.pool);
    for (const name of ['one', 'two', 'three']) await createServer(bob, name);
    await expectCode(createServer(bob, 'four'), 'LIMIT_REACHED');
    expect(await count('SELECT count(*) FROM servers WHERE created_by = $1', [bob.userID])).toBe(3);
  });

  it('[A2] an unverified user cannot create a server', async () => {
    const eve = await insertUser(db.pool, {verified: false});
    await expectCode(createServer(eve), 'EMAIL_NOT_VERIFIED');
    expect(await count('SELECT count(*) FROM servers WHERE created_by = $1', [eve.userID])).toBe(0);
  });

  it('[MS2] a blank or over-long server name is rejected by the argument schema', async () => {
    const carol = await insertUser(db.pool);
    await expect(createServer(carol, '   ')).rejects.toThrow();
    await expect(createServer(carol, 'x'.repeat(101))).rejects.toThrow();
    expect(await count('SELECT count(*) FROM servers WHERE created_by = $1', [carol.userID])).toBe(0);
  });

  it('[SV3] joining with the code makes a member; joining twice is a no-op', async () => {
    const owner = await insertUser(db.pool);
    const joiner = await insertUser(db.pool);
    const server = await createServer(owner);
    await run(serverMutators.server.join, joiner, {accessCode: server.accessCode.toLowerCase()});
    await run(serverMutators.server.join, joiner, {accessCode: server.accessCode});
    const rows = await db.pool.query('SELECT role FROM user_servers WHERE server_id = $1 AND user_id = $2', [
      server.id,
      joiner.userID,
    ]);
    expect(rows.rows).toEqual([{role: 'member'}]);
  });

  it('[SV3] a wrong code is NOT_FOUND', async () => {
    const joiner = await insertUser(db.pool);
    await expectCode(run(serverMutators.server.join, joiner, {accessCode: 'ZZZZZ'}), 'NOT_FOUND');
  });

  it('[SV4] a banned user cannot join with the code', async () => {
    const owner = await insertUser(db.pool);
    const banned = await insertUser(db.pool);
    const server = await createServer(owner);
    await db.pool.query('INSERT INTO server_bans (server_id, user_id, banned_by) VALUES ($1, $2, $3)', [
      server.id,
      banned.userID,
      owner.userID,
    ]);
    await expectCode(run(serverMutators.server.join, banned, {accessCode: server.accessCode}), 'FORBIDDEN');
    expect(await count('SELECT count(*) FROM user_servers WHERE user_id = $1', [banned.userID])).toBe(0);
  });
});

describe('rooms', () => {
  it('[S4][RM1] the owner creates rooms; a private room starts with its creator as member', async () => {
    const owner = await insertUser(db.pool);
    const server = await createServer(owner);
    const roomID = randomUUID();
    await run(serverMutators.room.create, owner, {
      id: roomID,
      serverID: server.id,
      name: 'secret',
      isPrivate: true,
    });
    const members = await db.pool.query('SELECT user_id FROM user_rooms WHERE room_id = $1', [roomID]);
    expect(members.rows).toEqual([{user_id: owner.userID}]);
  });

  it('[S4] a plain member cannot create rooms (FORBIDDEN)', async () => {
    const owner = await insertUser(db.pool);
    const member = await insertUser(db.pool);
    const server = await createServer(owner);
    await run(serverMutators.server.join, member, {accessCode: server.accessCode});
    const roomID = randomUUID();
    await expectCode(
      run(serverMutators.room.create, member, {id: roomID, serverID: server.id, name: 'mine'}),
      'FORBIDDEN',
    );
    expect(await count('SELECT count(*) FROM rooms WHERE id = $1', [roomID])).toBe(0);
  });

  it('[S3] a stranger creating a room in someone else’s server gets NOT_FOUND', async () => {
    const owner = await insertUser(db.pool);
    const stranger = await insertUser(db.pool);
    const server = await createServer(owner);
    await expectCode(
      run(serverMutators.room.create, stranger, {id: randomUUID(), serverID: server.id, name: 'x'}),
      'NOT_FOUND',
    );
  });
});

describe('messages', () => {
  async function setup() {
    const owner = await insertUser(db.pool);
    const member = await insertUser(db.pool);
    const stranger = await insertUser(db.pool);
    const server = await createServer(owner);
    await run(serverMutators.server.join, member, {accessCode: server.accessCode});
    const privateRoomID = randomUUID();
    await run(serverMutators.room.create, owner, {
      id: privateRoomID,
      serverID: server.id,
      name: 'staff',
      isPrivate: true,
    });
    return {owner, member, stranger, server, generalID: server.generalRoomID, privateRoomID};
  }

  it('[MS1] a member sends to a public room; the server sets the time', async () => {
    const {member, generalID} = await setup();
    const id = randomUUID();
    const before = Date.now();
    await run(serverMutators.message.send, member, {id, roomID: generalID, content: 'hi', createdAt: 0});
    const {rows} = await db.pool.query('SELECT user_id, content, created_at FROM messages WHERE id = $1', [
      id,
    ]);
    expect(rows[0].user_id).toBe(member.userID);
    expect(rows[0].content).toBe('hi');
    // The client's createdAt is only for its optimistic row.
    expect((rows[0].created_at as Date).getTime()).toBeGreaterThanOrEqual(before - 1000);
  });

  it('[MS1][R1] a member not added to a private room cannot send there, nor can a stranger send anywhere', async () => {
    const {member, stranger, generalID, privateRoomID} = await setup();
    await expectCode(
      run(serverMutators.message.send, member, {id: randomUUID(), roomID: privateRoomID, content: 'x'}),
      'NOT_FOUND',
    );
    await expectCode(
      run(serverMutators.message.send, stranger, {id: randomUUID(), roomID: generalID, content: 'x'}),
      'NOT_FOUND',
    );
    expect(
      await count('SELECT count(*) FROM messages WHERE room_id = ANY($1)', [[generalID, privateRoomID]]),
    ).toBe(0);
  });

  it('[MS2] empty, blank and over-long content is rejected and nothing is written', async () => {
    const {owner, generalID} = await setup();
    for (const content of ['', '   \n', 'x'.repeat(8001)]) {
      await expect(
        run(serverMutators.message.send, owner, {id: randomUUID(), roomID: generalID, content}),
      ).rejects.toThrow();
    }
    expect(await count('SELECT count(*) FROM messages WHERE room_id = $1', [generalID])).toBe(0);
  });

  it('[MS3] sending the same id twice stores one message; another user reusing the id is a CONFLICT', async () => {
    const {owner, member, generalID} = await setup();
    const id = randomUUID();
    await run(serverMutators.message.send, owner, {id, roomID: generalID, content: 'once'});
    await run(serverMutators.message.send, owner, {id, roomID: generalID, content: 'once'});
    await expectCode(
      run(serverMutators.message.send, member, {id, roomID: generalID, content: 'mine'}),
      'CONFLICT',
    );
    expect(await count('SELECT count(*) FROM messages WHERE id = $1', [id])).toBe(1);
  });

  it('[MS4] a reply bumps its parent’s reply count; replying to a reply is INVALID', async () => {
    const {owner, member, generalID} = await setup();
    const parent = randomUUID();
    const reply = randomUUID();
    await run(serverMutators.message.send, owner, {id: parent, roomID: generalID, content: 'root'});
    await run(serverMutators.message.send, member, {
      id: reply,
      roomID: generalID,
      content: 're',
      parentMessageID: parent,
    });
    const {rows} = await db.pool.query('SELECT reply_count, last_reply_at FROM messages WHERE id = $1', [
      parent,
    ]);
    expect(rows[0].reply_count).toBe(1);
    expect(rows[0].last_reply_at).not.toBeNull();
    await expectCode(
      run(serverMutators.message.send, owner, {
        id: randomUUID(),
        roomID: generalID,
        content: 'x',
        parentMessageID: reply,
      }),
      'INVALID',
    );
  });

  it('[RS1] last_read_at moves forward only and never past the server clock', async () => {
    const {member, generalID} = await setup();
    const far = Date.now() + 10 * 86_400_000;
    await run(serverMutators.roomState.markRead, member, {roomID: generalID, readAt: far});
    const read = async () =>
      (
        (
          await db.pool.query('SELECT last_read_at FROM user_rooms WHERE user_id = $1 AND room_id = $2', [
            member.userID,
            generalID,
          ])
        ).rows[0].last_read_at as Date
      ).getTime();
    const first = await read();
    expect(first).toBeLessThan(far);
    await run(serverMutators.roomState.markRead, member, {roomID: generalID, readAt: 1000});
    expect(await read()).toBe(first);
  });
});
