import {randomBytes, randomUUID} from 'node:crypto';
import http, {type IncomingMessage} from 'node:http';
import type {AddressInfo} from 'node:net';
import {setTimeout as sleep} from 'node:timers/promises';
import {afterAll, afterEach, beforeAll, describe, expect, it} from 'vitest';
import WebSocket, {WebSocketServer} from 'ws';
import {insertUser} from '../../../test/fixtures.ts';
import {createTestDatabase, type TestDatabase} from '../../../test/pg.ts';
import {encodeSecProtocols} from '../../../test/sync-socket.ts';
import {SessionLiveness} from '../auth/session-liveness.ts';
import {signAccessToken} from '../auth/tokens.ts';
import type {AuthConfig} from '../config.ts';
import {proxyZeroWebSockets} from './zero-proxy.ts';
import {testAuthConfig} from '../../../test/auth-config.ts';

// The relay's mechanics, with a real local WebSocket server standing in for
// zero-cache: it records what reaches it and echoes every message back.

type Upstream = {ws: WebSocket; req: IncomingMessage; received: {data: Buffer; isBinary: boolean}[]};

const auth: AuthConfig = testAuthConfig();

let db: TestDatabase;
let sessions: SessionLiveness;
let proxy: http.Server;
let zeroCache: http.Server;
let proxyURL: string;
const upstreams: Upstream[] = [];
/** How the stand-in answers the next upgrade: accept (after a delay), or an HTTP status. */
let nextUpgrade: {delayMs?: number; status?: number} = {};
const logs: string[] = [];

const listen = (server: http.Server) =>
  new Promise<number>(resolve =>
    server.listen(0, '127.0.0.1', () => resolve((server.address() as AddressInfo).port)),
  );

beforeAll(async () => {
  db = await createTestDatabase();
  sessions = await SessionLiveness.start(db.pool);
  zeroCache = http.createServer();
  const wss = new WebSocketServer({noServer: true});
  zeroCache.on('upgrade', (req, socket, head) => {
    const {delayMs = 0, status} = nextUpgrade;
    nextUpgrade = {};
    setTimeout(() => {
      if (status) return socket.end(`HTTP/1.1 ${status} Nope\r\nContent-Length: 0\r\n\r\n`);
      wss.handleUpgrade(req, socket, head, ws => {
        const upstream: Upstream = {ws, req, received: []};
        upstreams.push(upstream);
        ws.on('message', (data: Buffer, isBinary) => {
          upstream.received.push({data, isBinary});
          ws.send(data, {binary: isBinary});
        });
      });
    }, delayMs);
  });
  const port = await listen(zeroCache);
  proxy = http.createServer();
  proxyZeroWebSockets(proxy, {port, auth, sessions, log: line => logs.push(line)});
  proxyURL = `ws://127.0.0.1:${await listen(proxy)}`;
});

afterEach(() => {
  for (const u of upstreams.splice(0)) u.ws.terminate();
});

afterAll(async () => {
  proxy?.closeAllConnections();
  zeroCache?.closeAllConnections();
  await new Promise(resolve => proxy?.close(resolve));
  await new Promise(resolve => zeroCache?.close(resolve));
  await sessions?.stop();
  await db?.drop();
});

/** A signed-in person's session and token. */
async function signedIn() {
  const {userID} = await insertUser(db.pool);
  const {rows} = await db.pool.query<{id: string}>(
    `INSERT INTO auth_sessions (user_id, expires_at) VALUES ($1, now() + interval '1 day') RETURNING id`,
    [userID],
  );
  const sessionID = rows[0]!.id;
  return {userID, sessionID, token: await signAccessToken(auth, {userID, sessionID, emailVerified: true})};
}

type Browser = {
  ws: WebSocket;
  received: {data: Buffer; isBinary: boolean}[];
  closed: Promise<{code: number; reason: string}>;
};

/** Connects through the proxy like a Zero client; rejects with the HTTP status of a refusal. */
async function connect(
  who: {userID: string; token: string},
  path = '/zero/sync/v51/connect',
): Promise<Browser> {
  const ws = new WebSocket(
    `${proxyURL}${path}?clientID=c&userID=${who.userID}`,
    encodeSecProtocols(undefined, who.token),
  );
  const received: Browser['received'] = [];
  ws.on('message', (data: Buffer, isBinary) => received.push({data, isBinary}));
  const closed = new Promise<{code: number; reason: string}>(resolve =>
    ws.once('close', (code, reason) => resolve({code, reason: String(reason)})),
  );
  await new Promise<void>((resolve, reject) => {
    ws.once('open', resolve);
    ws.once('unexpected-response', (_req, res) => reject(new Error(`HTTP ${res.statusCode}`)));
    ws.once('error', reject);
  });
  return {ws, received, closed};
}

const until = async (check: () => boolean, ms = 5_000) => {
  for (const deadline = Date.now() + ms; !check(); await sleep(10)) {
    if (Date.now() > deadline) throw new Error('timed out');
  }
};

describe('the /zero relay', () => {
  it('reaches zero-cache with the same path, query and protocol, and answers with its protocol', async () => {
    const who = await signedIn();
    const browser = await connect(who);
    await until(() => upstreams.length === 1);
    const {req} = upstreams[0]!;
    expect(req.url).toBe(`/zero/sync/v51/connect?clientID=c&userID=${who.userID}`);
    expect(req.headers['sec-websocket-protocol']).toBe(encodeSecProtocols(undefined, who.token));
    expect(browser.ws.protocol).toBe(encodeSecProtocols(undefined, who.token));
    browser.ws.close();
  });

  it('passes text and binary messages both ways, unchanged and in order, past its backlog limit', async () => {
    const browser = await connect(await signedIn());
    const sent: {data: Buffer; isBinary: boolean}[] = [];
    for (let i = 0; i < 300; i++) {
      const isBinary = i % 3 === 0;
      // A few messages past the 1 MiB backlog limit, so the relay pauses and resumes.
      const size = i % 100 === 7 ? 2 * 1024 * 1024 : 1 + (i % 17) * 100;
      const data = isBinary
        ? randomBytes(size)
        : Buffer.from(`["push",${JSON.stringify('x'.repeat(size))},${i}]`);
      sent.push({data, isBinary});
      browser.ws.send(data, {binary: isBinary});
    }
    await until(() => browser.received.length === sent.length, 20_000);
    for (const [i, got] of browser.received.entries()) {
      expect(got.isBinary, `message ${i}`).toBe(sent[i]!.isBinary);
      expect(got.data.equals(sent[i]!.data), `message ${i}`).toBe(true);
    }
    expect(upstreams[0]!.received.map(m => m.isBinary)).toEqual(sent.map(m => m.isBinary));
    browser.ws.close();
  });

  it('relays close codes and reasons both ways', async () => {
    const first = await connect(await signedIn());
    await until(() => upstreams.length === 1);
    const upstreamClosed = new Promise(resolve =>
      upstreams[0]!.ws.once('close', (code, reason) => resolve([code, String(reason)])),
    );
    first.ws.close(4001, 'going to lunch');
    expect(await upstreamClosed).toEqual([4001, 'going to lunch']);

    const second = await connect(await signedIn());
    await until(() => upstreams.length === 2);
    upstreams[1]!.ws.close(4002, 'rebalancing');
    expect(await second.closed).toEqual({code: 4002, reason: 'rebalancing'});
  });

  it('answers with zero-cache’s refusal, and 502 when it cannot be reached', async () => {
    nextUpgrade = {status: 503};
    await expect(connect(await signedIn())).rejects.toThrow('HTTP 503');
    const down = http.createServer();
    proxyZeroWebSockets(down, {port: 1, auth, sessions});
    const url = `ws://127.0.0.1:${await listen(down)}/zero/sync/v51/connect`;
    const who = await signedIn();
    const status = await new Promise(resolve => {
      const ws = new WebSocket(url, encodeSecProtocols(undefined, who.token));
      ws.once('unexpected-response', (_req, res) => resolve(res.statusCode));
      ws.once('error', () => {});
    });
    expect(status).toBe(502);
    await new Promise(resolve => down.close(resolve));
  });

  it('serves only the sync socket', async () => {
    const who = await signedIn();
    await expect(connect(who, '/zero/mutate/v51/connect')).rejects.toThrow('HTTP 404');
    await expect(connect(who, '/zero/sync/v51/connect/../../mutate/v51/connect')).rejects.toThrow('HTTP 404');
  });

  it('[Z2] drops an inspect answer from zero-cache (it answers only inspect messages, which never get there)', async () => {
    const browser = await connect(await signedIn());
    await until(() => upstreams.length === 1);
    upstreams[0]!.ws.send(JSON.stringify(['inspect', {op: 'version', id: '1', value: 'x'}]));
    upstreams[0]!.ws.send(JSON.stringify(['pong', {}]));
    await until(() => browser.received.length === 1);
    expect(String(browser.received[0]!.data)).toBe('["pong",{}]');
    browser.ws.close();
  });

  it('[AC12] a session that ends while zero-cache is still answering gets the auth error, and zero-cache’s side is closed', async () => {
    const who = await signedIn();
    nextUpgrade = {delayMs: 500};
    const connecting = connect(who);
    await sleep(100);
    await db.pool.query('UPDATE auth_sessions SET revoked_at = now() WHERE id = $1', [who.sessionID]);
    const browser = await connecting;
    expect(await browser.closed).toEqual({code: 3000, reason: 'Unauthorized'});
    expect(JSON.parse(String(browser.received[0]!.data))).toEqual([
      'error',
      {kind: 'AuthInvalidated', message: expect.any(String), origin: 'server'},
    ]);
    await until(() => upstreams.every(u => u.ws.readyState === WebSocket.CLOSED));
  });

  it('a token whose session has no row (rows go only with their user) is let through, as the API does', async () => {
    const {userID} = await insertUser(db.pool);
    const token = await signAccessToken(auth, {userID, sessionID: randomUUID(), emailVerified: true});
    const browser = await connect({userID, token});
    browser.ws.close();
  });
});
