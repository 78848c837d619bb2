import {randomUUID} from 'node:crypto';
import {mutators, queries, schema, type AuthContext} from '@chorus/schema';
import {Zero} from '@rocicorp/zero';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {signAccessToken} from '../../api/src/auth/tokens.ts';
import {insertUser} from '../fixtures.ts';
import {startTestStack} from '../stack.ts';

// Real zero-cache, real API query endpoint, headless Zero clients in Node with
// an in-memory store: what reaches each replica is exactly what the server-side
// query filters allow.

type TestStack = Awaited<ReturnType<typeof startTestStack>>;
let stack: TestStack;
const clients: {close(): Promise<void>}[] = [];

beforeAll(async () => {
  stack = await startTestStack({serveClient: false});
});
afterAll(async () => {
  await Promise.all(clients.map(z => z.close()));
  await stack?.dispose();
});

async function person() {
  const u = await insertUser(stack.deps.pool);
  const token = await signAccessToken(stack.deps.auth, {
    userID: u.userID,
    sessionID: randomUUID(),
    emailVerified: true,
  });
  const rest = async (method: string, path: string, body?: unknown) => {
    const res = await fetch(`${stack.url}/api/v1${path}`, {
      method,
      headers: {authorization: `Bearer ${token}`, 'content-type': 'application/json'},
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    return (await res.json()) as any;
  };
  const zero = new Zero({
    schema,
    mutators,
    userID: u.userID,
    auth: token,
    context: {userID: u.userID, emailVerified: true} as AuthContext | undefined,
    cacheURL: stack.zeroCacheURL!,
    kvStore: 'mem',
  });
  clients.push(zero);
  return {...u, token, rest, zero};
}

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
    const rooms = await stack.deps.pool.query<{id: string}>('SELECT id FROM rooms WHERE server_id = $1', [
      serverID,
    ]);
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
      .poll(async () => (await z.run(queries.serverRooms({serverID}), {type: 'complete'})).map(r => r.name), {timeout: 10_000})
      .toEqual(['general']);
    await expect
      .poll(
        async () =>
          (await z.run(queries.roomMessages({roomID: generalID, limit: 50}), {type: 'complete'})).map(m => m.content),
        {timeout: 10_000},
      )
      .toEqual(['hello all']);
    expect(await z.run(queries.roomMessages({roomID: privateID, limit: 50}), {type: 'complete'})).toEqual([]);
    expect(await z.run(queries.room({roomID: privateID}), {type: 'complete'})).toBeUndefined();
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
    const {rows} = await stack.deps.pool.query('SELECT 1 FROM messages WHERE id = $1', [id]);
    expect(rows).toHaveLength(0);
  });
});
