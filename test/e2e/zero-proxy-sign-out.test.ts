import {randomUUID} from 'node:crypto';
import {mutators, queries, schema, type AuthContext} from '@chorus/schema';
import {Zero} from '@rocicorp/zero';
import {decodeJwt, SignJWT} from 'jose';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {signAccessToken} from '@chorus/api/auth/tokens';
import {insertUser} from '../fixtures.ts';
import {mailLink} from '../stack.ts';
import {stackSuite} from '../suite.ts';
import {openSyncSocket} from '../sync-socket.ts';

// [AC12] Ending a session closes its sync sockets at once: the Zero client
// of that session stops receiving and goes to needs-auth (where Chorus tries
// to refresh, fails, and shows sign-in). Writes already failed at once [AC5];
// before this, reads kept arriving until zero-cache next asked the API.

const suite = stackSuite(
  // Every case signs someone up and in.
  {serveClient: false, env: {RATE_LIMIT_MULTIPLIER: '100'}},
  {freshStackOnRetry: false},
);
const clients: Zero[] = [];
// Registered after the stack's: the clients close before it stops.
afterAll(async () => {
  await Promise.all(clients.map(z => z.close()));
});

const SIGNED_OUT = 'This session has been signed out. Sign in again.';
const poll = <T>(fn: () => T | Promise<T>, timeout = 10_000) => expect.poll(fn, {timeout, interval: 50});

type Call = {token?: string; refresh?: string; body?: unknown};

async function call(method: string, path: string, {token, refresh, body}: Call = {}) {
  const headers: Record<string, string> = {};
  if (token) headers.authorization = `Bearer ${token}`;
  if (refresh) headers.cookie = `chorus_refresh=${refresh}`;
  if (body !== undefined) headers['content-type'] = 'application/json';
  const res = await fetch(`${suite.stack.url}/api/v1${path}`, {
    method,
    headers,
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  const cookie = res.headers.getSetCookie().find(c => c.startsWith('chorus_refresh='));
  return {
    status: res.status,
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    json: (text ? JSON.parse(text) : undefined) as any,
    refresh: cookie?.slice('chorus_refresh='.length).split(';')[0],
  };
}

/** Signs in: a new session, its access token and its refresh token. */
async function signIn(who: {email: string; password: string}) {
  const res = await call('POST', '/auth/login', {body: {email: who.email, password: who.password}});
  expect(res.status).toBe(200);
  const accessToken = res.json.accessToken as string;
  return {accessToken, refresh: res.refresh!, sessionID: decodeJwt(accessToken).sid as string};
}

type Session = Awaited<ReturnType<typeof signIn>>;

let ownerToken: string;
let generalID: string;
let accessCode: string;
/** The owner's client, still connected after every sign-out: what it sees had time to arrive. */
let observer: ReturnType<typeof watchGeneral>;

async function post(content: string) {
  const res = await call('POST', '/messages', {token: ownerToken, body: {roomId: generalID, content}});
  expect(res.status).toBe(201);
}

/** Someone signed up, verified and signed in, who has joined the server. */
async function member() {
  const id = randomUUID().slice(0, 8);
  const who = {username: `m${id}`, email: `m${id}@example.test`, password: 'correct horse battery'};
  const registered = await call('POST', '/auth/register', {body: who});
  expect(registered.status).toBe(201);
  const userID = registered.json.user.id as string;
  await suite.stack.deps.pool.query('UPDATE users SET email_verified_at = now() WHERE id = $1', [userID]);
  const session = await signIn(who);
  expect((await call('POST', '/servers/join', {token: session.accessToken, body: {accessCode}})).status).toBe(
    200,
  );
  return {...who, userID, session};
}

/** A Zero client through `/zero` watching #general, as the room page does. */
function watchGeneral(userID: string, token: string) {
  const zero = new Zero({
    schema,
    mutators,
    userID,
    auth: token,
    context: {userID, emailVerified: true, replica: true} as AuthContext | undefined,
    cacheURL: `${suite.stack.url}/zero`,
    kvStore: 'mem',
  });
  clients.push(zero);
  const view = zero.materialize(queries.roomMessages({roomID: generalID, limit: 100}));
  return {zero, contents: () => view.data.map(m => m.content)};
}

/** `userID`'s client, once it has received a message posted after it connected. */
async function connected(userID: string, session: Session) {
  const client = watchGeneral(userID, session.accessToken);
  const hello = `hello ${randomUUID()}`;
  await post(hello);
  await poll(client.contents, 20_000).toContain(hello);
  return client;
}

/** The client was told its session ended, at once, and receives nothing more. */
async function expectCutOff(client: ReturnType<typeof watchGeneral>) {
  await poll(() => client.zero.connection.state.current, 3_000).toEqual({
    name: 'needs-auth',
    reason: {type: 'zero-cache', reason: SIGNED_OUT},
  });
  const after = `after ${randomUUID()}`;
  await post(after);
  await poll(observer.contents).toContain(after);
  expect(client.contents()).not.toContain(after);
  expect(client.zero.connection.state.current.name).toBe('needs-auth');
}

beforeAll(async () => {
  const owner = await insertUser(suite.stack.deps.pool);
  ownerToken = await signAccessToken(suite.stack.deps.auth, {
    userID: owner.userID,
    sessionID: randomUUID(),
    emailVerified: true,
  });
  const server = await call('POST', '/servers', {token: ownerToken, body: {name: 'Town'}});
  expect(server.status).toBe(201);
  accessCode = server.json.accessCode;
  const {rows} = await suite.stack.deps.pool.query<{id: string}>(
    'SELECT id FROM rooms WHERE server_id = $1',
    [server.json.id],
  );
  generalID = rows[0]!.id;
  observer = watchGeneral(owner.userID, ownerToken);
});

describe('[AC12] ending a session closes its sync sockets at once', () => {
  it('[AC12] signing out', async () => {
    const m = await member();
    const client = await connected(m.userID, m.session);
    expect((await call('POST', '/auth/logout', {refresh: m.session.refresh})).status).toBe(204);
    await expectCutOff(client);
  });

  it('[AC12] signing that session out from another one', async () => {
    const m = await member();
    const other = await signIn(m);
    const client = await connected(m.userID, m.session);
    const res = await call('DELETE', `/auth/sessions/${m.session.sessionID}`, {token: other.accessToken});
    expect(res.status).toBe(204);
    await expectCutOff(client);
  });

  it('[AC12] signing out everywhere ends every session’s sockets', async () => {
    const m = await member();
    const other = await signIn(m);
    const [first, second] = [await connected(m.userID, m.session), await connected(m.userID, other)];
    expect((await call('DELETE', '/auth/sessions', {token: other.accessToken})).status).toBe(204);
    await expectCutOff(first);
    await expectCutOff(second);
  });

  it('[AC12] a refresh token used twice (theft) ends the session', async () => {
    const m = await member();
    const client = await connected(m.userID, m.session);
    expect((await call('POST', '/auth/refresh', {refresh: m.session.refresh})).status).toBe(200);
    // Past the grace period in which two tabs refreshing at once are not theft.
    await suite.stack.deps.pool.query(
      `UPDATE refresh_tokens SET used_at = now() - interval '1 minute' WHERE session_id = $1 AND used_at IS NOT NULL`,
      [m.session.sessionID],
    );
    expect((await call('POST', '/auth/refresh', {refresh: m.session.refresh})).status).toBe(401);
    await expectCutOff(client);
  });

  it('[AC12] resetting the password', async () => {
    const m = await member();
    const client = await connected(m.userID, m.session);
    expect((await call('POST', '/auth/forgot-password', {body: {email: m.email}})).status).toBe(202);
    const link = new URL(await mailLink(suite.stack.sesURL!, m.email, '/reset-password?token='));
    const token = link.searchParams.get('token');
    const res = await call('POST', '/auth/reset-password', {
      body: {token, password: 'a brand new passphrase'},
    });
    expect(res.status).toBe(200);
    await expectCutOff(client);
  });

  it('[AC12] a token of a session already signed out is told so on connecting, and gets nothing', async () => {
    const m = await member();
    expect((await call('POST', '/auth/logout', {refresh: m.session.refresh})).status).toBe(204);
    const client = watchGeneral(m.userID, m.session.accessToken);
    await poll(() => client.zero.connection.state.current, 10_000).toEqual({
      name: 'needs-auth',
      reason: {type: 'zero-cache', reason: SIGNED_OUT},
    });
    expect(client.contents()).toEqual([]);
  });
});

describe('[AC12] who may open a sync socket', () => {
  it('no token, or one not signed by the API: 401 on the upgrade', async () => {
    const base = `${suite.stack.url}/zero`;
    const userID = randomUUID();
    await expect(openSyncSocket(base, {token: undefined, userID})).rejects.toThrow('HTTP 401');
    const forged = await new SignJWT({sid: randomUUID(), ev: true})
      .setProtectedHeader({alg: 'HS256'})
      .setSubject(userID)
      .setIssuer(suite.stack.env.JWT_ISSUER)
      .setAudience(suite.stack.env.JWT_AUDIENCE)
      .setIssuedAt()
      .setExpirationTime('5m')
      .sign(new TextEncoder().encode('not the API’s secret, not the API’s secret'));
    await expect(openSyncSocket(base, {token: forged, userID})).rejects.toThrow('HTTP 401');
    await expect(openSyncSocket(base, {token: 'junk', userID})).rejects.toThrow('HTTP 401');
  });

  it('a token for another user than the connection names: 401', async () => {
    const m = await member();
    const base = `${suite.stack.url}/zero`;
    await expect(openSyncSocket(base, {token: m.session.accessToken, userID: randomUUID()})).rejects.toThrow(
      'HTTP 401',
    );
  });

  it('an expired but genuine token still connects: Zero refreshes it over the open socket', async () => {
    const m = await member();
    const now = Math.floor(Date.now() / 1000);
    const expired = await new SignJWT({sid: m.session.sessionID, ev: true})
      .setProtectedHeader({alg: 'HS256', typ: 'JWT'})
      .setSubject(m.userID)
      .setIssuer(suite.stack.env.JWT_ISSUER)
      .setAudience(suite.stack.env.JWT_AUDIENCE)
      .setIssuedAt(now - 1200)
      .setExpirationTime(now - 300)
      .sign(suite.stack.deps.auth.jwtSecret);
    const socket = await openSyncSocket(`${suite.stack.url}/zero`, {token: expired, userID: m.userID});
    socket.ws.close(1000);
    await socket.closed();
  });

  it('a refreshed token of another user sent over the socket closes it', async () => {
    const [m, someoneElse] = [await member(), await member()];
    const socket = await openSyncSocket(`${suite.stack.url}/zero`, {
      token: m.session.accessToken,
      userID: m.userID,
    });
    socket.ws.send(JSON.stringify(['updateAuth', {auth: someoneElse.session.accessToken}]));
    expect((await socket.closed()).code).toBe(3000);
    expect(socket.received.at(-1)).toEqual([
      'error',
      {kind: 'Unauthorized', message: expect.any(String), origin: 'server'},
    ]);
  });
});
