import {randomUUID} from 'node:crypto';
import pg from 'pg';
import {mutators, queries} from '@chorus/schema';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {stackSuite} from '../suite.ts';
import {zeroPerson} from '../zero-person.ts';

// Real zero-cache, real API query endpoint, headless Zero clients in Node with
// an in-memory store: what reaches each replica is exactly what the server-side
// query filters allow.

const suite = stackSuite({serveClient: false}, {freshStackOnRetry: false});
const clients: {close(): Promise<void>}[] = [];

// Registered after the stack's: the clients close before it stops.
afterAll(async () => {
  await Promise.all(clients.map(z => z.close()));
});

const person = () => zeroPerson(suite.stack, clients);

describe('what each replica receives', () => {
  let owner: Awaited<ReturnType<typeof person>>;
  let member: Awaited<ReturnType<typeof person>>;
  let stranger: Awaited<ReturnType<typeof person>>;
  let serverID: string;
  let generalID: string;
  let privateID: string;

  beforeAll(async () => {
    owner = await person();
    member = await person();
    stranger = await person();
    const server = await owner.rest('POST', '/servers', {name: 'Acme', isPrivate: true});
    serverID = server.id;
    const rooms = await suite.stack.deps.pool.query<{id: string}>(
      'SELECT id FROM rooms WHERE server_id = $1',
      [serverID],
    );
    generalID = rooms.rows[0]!.id;
    privateID = (await owner.rest('POST', '/rooms', {serverId: serverID, name: 'staff', isPrivate: true})).id;
    await owner.rest('POST', '/messages', {roomId: generalID, content: 'hello all'});
    await owner.rest('POST', '/messages', {roomId: privateID, content: 'staff only'});
    await member.rest('POST', '/servers/join', {accessCode: server.accessCode});
  });

  it('[S1][R1][M1] a non-member’s replica receives none of the server, its rooms or messages', async () => {
    const z = stranger.zero;
    expect(await z.run(queries.myServers(), {type: 'complete'})).toEqual([]);
    expect(await z.run(queries.server({serverID}), {type: 'complete'})).toBeUndefined();
    expect(await z.run(queries.serverRooms({serverID}), {type: 'complete'})).toEqual([]);
    expect(await z.run(queries.roomMessages({roomID: generalID, limit: 50}), {type: 'complete'})).toEqual([]);
    expect(await z.run(queries.roomMessages({roomID: privateID, limit: 50}), {type: 'complete'})).toEqual([]);
  });

  it('[R1] a member sees public rooms and their messages, but not a private room they were not added to', async () => {
    const z = member.zero;
    // zero-cache's replica trails Postgres by a moment: the join may not have arrived yet.
    await expect
      .poll(async () => (await z.run(queries.serverRooms({serverID}), {type: 'complete'})).map(r => r.name), {
        timeout: 10_000,
      })
      .toEqual(['general']);
    await expect
      .poll(
        async () =>
          (await z.run(queries.roomMessages({roomID: generalID, limit: 50}), {type: 'complete'})).map(
            m => m.content,
          ),
        {timeout: 10_000},
      )
      .toEqual(['hello all']);
    expect(await z.run(queries.roomMessages({roomID: privateID, limit: 50}), {type: 'complete'})).toEqual([]);
    expect(await z.run(queries.room({roomID: privateID}), {type: 'complete'})).toBeUndefined();
  });

  it('[S2] the member list reaches members only: a stranger gets no membership row, by Zero or REST', async () => {
    await expect
      .poll(
        async () => (await member.zero.run(queries.server({serverID}), {type: 'complete'}))?.members.length,
        {
          timeout: 10_000,
        },
      )
      .toBe(2);
    const seen = await member.zero.run(queries.server({serverID}), {type: 'complete'});
    expect(new Set(seen?.members.map(m => m.userID))).toEqual(new Set([owner.userID, member.userID]));
    expect(await stranger.zero.run(queries.server({serverID}), {type: 'complete'})).toBeUndefined();
    await expect(stranger.rest('GET', `/servers/${serverID}/members`)).rejects.toThrow(/: 404 /);
  });

  it('[U1] no replica holds emails: the users table has no email column', async () => {
    const me = await member.zero.run(queries.me(), {type: 'complete'});
    expect(me?.id).toBe(member.userID);
    expect(Object.keys(me ?? {})).not.toContain('email');
  });

  it('a message sent through one client’s mutator reaches another client’s live query', async () => {
    const view = member.zero.materialize(queries.roomMessages({roomID: generalID, limit: 50}));
    const id = randomUUID();
    const seen = new Promise<void>(resolve => {
      view.addListener(rows => {
        if ((rows as readonly {id: string}[]).some(m => m.id === id)) resolve();
      });
    });
    const result = owner.zero.mutate(
      mutators.message.send({id, roomID: generalID, content: 'live!', createdAt: Date.now()}),
    );
    expect((await result.server).type).toBe('success');
    await seen;
    view.destroy();
  });

  it('[MS1] a stranger’s mutator is rejected by the server and leaves no row', async () => {
    const id = randomUUID();
    const result = stranger.zero.mutate(
      mutators.message.send({id, roomID: generalID, content: 'sneaky', createdAt: Date.now()}),
    );
    const outcome = await result.server;
    expect(outcome.type).toBe('error');
    const {rows} = await suite.stack.deps.pool.query('SELECT 1 FROM messages WHERE id = $1', [id]);
    expect(rows).toHaveLength(0);
  });
});

describe('what replicas see as servers are administered', () => {
  type Person = Awaited<ReturnType<typeof person>>;
  const poll = <T>(fn: () => T | Promise<T>) => expect.poll(fn, {timeout: 10_000});
  const generalOf = async (serverID: string) =>
    (await suite.stack.deps.pool.query<{id: string}>('SELECT id FROM rooms WHERE server_id = $1', [serverID]))
      .rows[0]!.id;

  async function serverWith(owner: Person, members: Person[], options: {isPrivate?: boolean} = {}) {
    const server = await owner.rest('POST', '/servers', {name: 'Guild', ...options});
    for (const m of members) await m.rest('POST', '/servers/join', {accessCode: server.accessCode});
    return {serverID: server.id as string, generalID: await generalOf(server.id)};
  }

  it('[S5] a non-member’s replica finds a public server in the directory, never a private one', async () => {
    const [owner, visitor] = [await person(), await person()];
    // The private one first: once the later public one has reached zero-cache, so has it.
    const closed = await serverWith(owner, [], {isPrivate: true});
    const open = await serverWith(owner, []);
    const directory = visitor.zero.materialize(queries.publicServers());
    const ids = () => directory.data.map(s => s.id);
    await poll(ids).toContain(open.serverID);
    expect(ids()).not.toContain(closed.serverID);
    expect(directory.data.find(s => s.id === open.serverID)?.members).toEqual([]);
    expect(await visitor.zero.run(queries.myServers(), {type: 'complete'})).toEqual([]);
    // Going private takes it out of every outsider's replica.
    await owner.rest('PATCH', `/servers/${open.serverID}`, {isPrivate: true});
    await poll(ids).not.toContain(open.serverID);
    directory.destroy();
  });

  it('[S6] a plain member’s replica holds no bans, while the owner’s shows the ban', async () => {
    const [owner, member, troll] = [await person(), await person(), await person()];
    const {serverID} = await serverWith(owner, [member, troll]);
    await owner.rest('POST', `/servers/${serverID}/bans`, {userId: troll.userID});
    const bans = (p: Person) =>
      p.zero.run(queries.serverBans({serverID}), {type: 'complete'}).then(rows => rows.map(b => b.userID));
    // Once the owner sees the ban, zero-cache has it: the others' empty answers mean something.
    await poll(() => bans(owner)).toEqual([troll.userID]);
    expect(await bans(member)).toEqual([]);
    expect(await bans(troll)).toEqual([]);
  });

  it('[MB3] a kicked member’s live queries drop the server, its rooms and its messages', async () => {
    const [owner, member] = [await person(), await person()];
    const {serverID, generalID} = await serverWith(owner, [member]);
    await owner.rest('POST', '/messages', {roomId: generalID, content: 'before the kick'});
    const servers = member.zero.materialize(queries.myServers());
    const rooms = member.zero.materialize(queries.serverRooms({serverID}));
    const messages = member.zero.materialize(queries.roomMessages({roomID: generalID, limit: 50}));
    await poll(() => servers.data.map(s => s.id)).toEqual([serverID]);
    await poll(() => rooms.data.map(r => r.id)).toEqual([generalID]);
    await poll(() => messages.data.map(m => m.content)).toEqual(['before the kick']);

    await owner.rest('DELETE', `/servers/${serverID}/members/${member.userID}`);
    await poll(() => servers.data).toEqual([]);
    await poll(() => rooms.data).toEqual([]);
    await poll(() => messages.data).toEqual([]);
    for (const view of [servers, rooms, messages]) view.destroy();
  });

  it('[RM4] adding a member to a private room brings it into their serverRooms', async () => {
    const [owner, member] = [await person(), await person()];
    const {serverID} = await serverWith(owner, [member]);
    const staff = await owner.rest('POST', '/rooms', {serverId: serverID, name: 'staff', isPrivate: true});
    const rooms = member.zero.materialize(queries.serverRooms({serverID}));
    const names = () => rooms.data.map(r => r.name);
    await poll(names).toEqual(['general']);
    await owner.rest('POST', `/rooms/${staff.id}/members`, {userId: member.userID});
    await poll(names).toEqual(['general', 'staff']);
    rooms.destroy();
  });
});

describe('zero-cache’s own database (embedded default)', () => {
  it('keeps client view records apart, without synchronous commit, planned for small batches', async () => {
    const cvr = new pg.Client({
      connectionString: suite.stack.databaseURL.replace(/\/chorus(\?|$)/, '/chorus_zero_cvr$1'),
    });
    await cvr.connect();
    try {
      // zero-cache created its client view records here, not in the app's database.
      const {rows: schemas} = await cvr.query<{n: string}>(
        `SELECT count(*) AS n FROM pg_namespace WHERE nspname LIKE '%/cvr'`,
      );
      expect(Number(schemas[0]!.n)).toBe(1);
      const {rows: commit} = await cvr.query<{synchronous_commit: string}>('SHOW synchronous_commit');
      expect(commit[0]!.synchronous_commit).toBe('off');
      // Its query updates join json_to_recordset: estimated at 1 row, they use the primary key.
      const {rows: fn} = await cvr.query<{prorows: number}>(
        `SELECT prorows FROM pg_proc WHERE oid = 'pg_catalog.json_to_recordset(json)'::regprocedure`,
      );
      expect(fn[0]!.prorows).toBe(1);
    } finally {
      await cvr.end();
    }
    // The app's own database keeps Postgres's defaults.
    const {rows: app} = await suite.stack.deps.pool.query<{prorows: number}>(
      `SELECT prorows FROM pg_proc WHERE oid = 'pg_catalog.json_to_recordset(json)'::regprocedure`,
    );
    expect(app[0]!.prorows).toBe(100);
  });
});
