import {randomUUID} from 'node:crypto';
import {setTimeout as sleep} from 'node:timers/promises';
import {mutators, schema, type AuthContext} from '@chorus/schema';
import {Zero} from '@rocicorp/zero';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {signAccessToken} from '@chorus/api/auth/tokens';
import {insertUser} from '../fixtures.ts';
import {stackSuite} from '../suite.ts';
import {openSyncSocket, type SyncSocket} from '../sync-socket.ts';

// [Z2] zero-cache's inspector runs queries without the read permissions, for
// whoever knows its admin password (anyone, in development mode). Browsers
// reach zero-cache only through the API's /zero proxy, which passes on no
// inspect message. Here the attacker even knows the admin password.

const ADMIN_PASSWORD = 'inspector-password-for-this-test-only';
const suite = stackSuite(
  {serveClient: false, env: {ZERO_ADMIN_PASSWORD: ADMIN_PASSWORD}},
  {freshStackOnRetry: false},
);
const sockets: SyncSocket[] = [];
const clients: Zero[] = [];
// Registered after the stack's: these close before it stops.
afterAll(async () => {
  for (const s of sockets) s.ws.terminate();
  await Promise.all(clients.map(z => z.close()));
});

/** The server AST of "every message": no permission filter is applied to it. */
const everyMessage = {table: 'messages', orderBy: [['id', 'asc']]};
const inspect = (body: Record<string, unknown>) => JSON.stringify(['inspect', body]);

describe('[Z2] the /zero proxy passes on no inspect message', () => {
  let strangerID: string;
  let token: string;
  let secret: string;

  beforeAll(async () => {
    const pool = suite.stack.deps.pool;
    const owner = await insertUser(pool);
    const ownerToken = await signAccessToken(suite.stack.deps.auth, {
      userID: owner.userID,
      sessionID: randomUUID(),
      emailVerified: true,
    });
    const post = async (path: string, body: unknown) => {
      const res = await fetch(`${suite.stack.url}/api/v1${path}`, {
        method: 'POST',
        headers: {authorization: `Bearer ${ownerToken}`, 'content-type': 'application/json'},
        body: JSON.stringify(body),
      });
      if (!res.ok) throw new Error(`${path}: ${res.status} ${await res.text()}`);
      return (await res.json()) as {id: string};
    };
    const server = await post('/servers', {name: 'Vault', isPrivate: true});
    const room = await post('/rooms', {serverId: server.id, name: 'secrets', isPrivate: true});
    secret = `the vault code is ${randomUUID()}`;
    await post('/messages', {roomId: room.id, content: secret});
    // A stranger: signed in (a real session), email not even verified.
    const stranger = await insertUser(pool, {verified: false});
    strangerID = stranger.userID;
    const {rows} = await pool.query<{id: string}>(
      `INSERT INTO auth_sessions (user_id, expires_at) VALUES ($1, now() + interval '1 day') RETURNING id`,
      [strangerID],
    );
    token = await signAccessToken(suite.stack.deps.auth, {
      userID: strangerID,
      sessionID: rows[0]!.id,
      emailVerified: false,
    });
  });

  async function open(baseURL: string, init?: unknown) {
    const socket = await openSyncSocket(baseURL, {token, userID: strangerID, initConnectionMessage: init});
    sockets.push(socket);
    return socket;
  }

  /** The stranger's Zero client, connected to `cacheURL`. */
  async function zeroAt(cacheURL: string) {
    const zero = new Zero({
      schema,
      mutators,
      userID: strangerID,
      auth: token,
      context: {userID: strangerID, emailVerified: false, replica: true} as AuthContext | undefined,
      cacheURL,
      kvStore: 'mem',
    });
    clients.push(zero);
    await expect.poll(() => zero.connection.state.current.name, {timeout: 15_000}).toBe('connected');
    return zero;
  }

  /** What the Zero client's inspector gets: every message, or nothing within a few seconds. */
  async function attack(zero: Zero): Promise<string> {
    const answer = (async () => {
      if (!(await zero.inspector.authenticate(ADMIN_PASSWORD))) return 'refused';
      return JSON.stringify(await zero.inspector.analyzeServerAST(everyMessage as never, {syncedRows: true}));
    })();
    return Promise.race([answer, sleep(3_000).then(() => 'no answer')]);
  }

  it('the threat: straight to zero-cache (which browsers cannot reach), the inspector reads every row', async () => {
    const zero = await zeroAt(`${suite.stack.zeroCacheURL!}/zero`);
    // The message may not have reached zero-cache's replica yet.
    await expect.poll(() => attack(zero), {timeout: 15_000}).toContain(secret);
  });

  it('[Z2] through /zero, the Zero client’s inspector gets no answer', async () => {
    const zero = await zeroAt(`${suite.stack.url}/zero`);
    expect(await attack(zero)).toBe('no answer');
  });

  it('[Z2] through /zero, an inspect message closes the socket with 1008 and nothing comes back', async () => {
    const socket = await open(`${suite.stack.url}/zero`);
    socket.ws.send(inspect({op: 'authenticate', id: 'auth', value: ADMIN_PASSWORD}));
    socket.ws.send(
      inspect({op: 'analyze-query', id: 'rows', ast: everyMessage, options: {syncedRows: true}}),
    );
    expect((await socket.closed()).code).toBe(1008);
    expect(socket.received.filter(m => Array.isArray(m) && m[0] === 'inspect')).toEqual([]);
    expect(JSON.stringify(socket.received)).not.toContain(secret);
  });

  it('[Z2] however the message is spelled: JSON escapes, whitespace, a binary frame', async () => {
    const body = '{"op":"authenticate","id":"auth","value":"x"}';
    for (const [data, binary] of [
      [`["\\u0069nspect",${body}]`, false],
      [` [ "inspect" , ${body} ]`, false],
      [`["inspect",${body}]`, true],
    ] as const) {
      const socket = await open(`${suite.stack.url}/zero`);
      socket.ws.send(binary ? Buffer.from(data) : data, {binary});
      expect((await socket.closed()).code, data).toBe(1008);
      expect(
        socket.received.filter(m => Array.isArray(m) && m[0] === 'inspect'),
        data,
      ).toEqual([]);
    }
  });

  it('[Z2] an inspect message in the protocol header is refused before zero-cache sees it', async () => {
    const smuggled = ['inspect', {op: 'authenticate', id: 'auth', value: ADMIN_PASSWORD}];
    await expect(open(`${suite.stack.url}/zero`, smuggled)).rejects.toThrow('HTTP 400');
  });

  it('a socket through /zero still syncs: ping is answered', async () => {
    const socket = await open(`${suite.stack.url}/zero`);
    socket.ws.send(JSON.stringify(['ping', {}]));
    await socket.next(m => Array.isArray(m) && m[0] === 'pong');
    socket.ws.close(1000);
    expect((await socket.closed()).code).toBe(1000);
  });
});
