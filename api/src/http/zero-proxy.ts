import {STATUS_CODES, type IncomingHttpHeaders, type IncomingMessage, type Server} from 'node:http';
import type {Duplex} from 'node:stream';
import WebSocket, {WebSocketServer} from 'ws';
import type {SessionLiveness} from '../auth/session-liveness.ts';
import {verifyAccessToken} from '../auth/tokens.ts';
import type {AuthConfig} from '../config.ts';
import {SyncRelay} from './zero-relay.ts';
import {isAllowedHeaderMessage, readSecProtocols} from './zero-wire.ts';

export type ZeroProxyOptions = {
  /** Where zero-cache listens. */
  port: number;
  host?: string | undefined;
  auth: AuthConfig;
  sessions: SessionLiveness;
  log?: ((line: string) => void) | undefined;
  /** Upgrade paths another listener on the same server answers. */
  otherPaths?: readonly string[] | undefined;
};

/** The Zero client's sync socket; zero-cache's other sockets are not for browsers. */
const SYNC_PATH = /^\/zero\/sync\/v\d+\/connect(?:\?|$)/;
/** zero-cache's own limit on a client's message (`websocketMaxPayloadBytes`). */
const MAX_CLIENT_MESSAGE_BYTES = 10 * 1024 * 1024;
const UPSTREAM_TIMEOUT_MS = 10_000;
/** Request headers zero-cache may use (the origin and cookies it can pass to the API). */
const FORWARDED_HEADERS = ['origin', 'cookie', 'user-agent'] as const;

/**
 * Serves zero-cache's sync socket at `/zero/sync/…`, so the whole app is one
 * URL, as a WebSocket relay that reads what it passes on:
 *
 * - [Z2] No `inspect` message from a browser reaches zero-cache, in a frame
 *   or in the protocol header (see `SyncRelay`).
 * - [AC12] The upgrade needs a correctly signed access token of this API
 *   (expired is fine: Zero keeps its socket across token refreshes), else
 *   401. A connection whose session has ended, or ends later, gets a Zero
 *   auth error and is closed.
 *
 * The browser's handshake completes only once zero-cache has accepted the
 * same request (same path, query and `Sec-WebSocket-Protocol`, which carries
 * the token); zero-cache's refusal is passed back as its HTTP status.
 */
export function proxyZeroWebSockets(server: Server, options: ZeroProxyOptions): void {
  const log = options.log ?? (() => {});
  const host = options.host ?? '127.0.0.1';
  const origin = `ws://${host.includes(':') ? `[${host}]` : host}:${options.port}`;
  // The protocol to answer each browser with: the one zero-cache chose.
  const protocols = new WeakMap<IncomingMessage, string>();
  const wss = new WebSocketServer({
    noServer: true,
    perMessageDeflate: false,
    clientTracking: false,
    maxPayload: MAX_CLIENT_MESSAGE_BYTES,
    handleProtocols: (_offered, req) => protocols.get(req) ?? false,
  });

  async function accept(req: IncomingMessage, socket: Duplex, head: Buffer) {
    if (!SYNC_PATH.test(req.url ?? '')) return refuse(socket, 404);
    const header = req.headers['sec-websocket-protocol'];
    const sec = readSecProtocols(header);
    if (!header || !sec?.authToken) return refuse(socket, 401);
    if (!isAllowedHeaderMessage(sec.initConnectionMessage)) {
      log('zero proxy: refused a sync socket whose header carried a message other than initConnection');
      return refuse(socket, 400);
    }
    const verified = await verifyAccessToken(options.auth, sec.authToken, {allowExpired: true});
    if (!verified.ok) return refuse(socket, 401);
    // zero-cache binds the client group to this user; it must be the token's.
    const userParam = new URL(req.url ?? '', 'http://proxy').searchParams.get('userID');
    if (userParam !== null && userParam !== verified.session.userID) return refuse(socket, 401);

    const relay = new SyncRelay({
      session: verified.session,
      auth: options.auth,
      sessions: options.sessions,
      log,
    });
    let upstream: WebSocket | number | undefined;
    let gone = false;
    // The browser left, or ws refused its handshake.
    const onEarlyClose = () => {
      gone = true;
      relay.dispose();
      if (upstream instanceof WebSocket) upstream.terminate();
    };
    socket.once('close', onEarlyClose);
    try {
      // An ended session gets no upstream: `attach` tells the client to sign in again.
      if (!(await relay.ended())) upstream = await openUpstream(`${origin}${req.url}`, header, req.headers);
    } catch (err) {
      relay.dispose();
      throw err;
    }
    if (gone) {
      if (upstream instanceof WebSocket) upstream.terminate();
      return;
    }
    if (typeof upstream === 'number') {
      relay.dispose();
      return refuse(socket, upstream);
    }
    protocols.set(req, upstream?.protocol || header);
    wss.handleUpgrade(req, socket, head, browser => {
      socket.off('close', onEarlyClose);
      relay.attach(browser, upstream);
    });
  }

  server.on('upgrade', (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    if (!req.url?.startsWith('/zero/')) {
      // Other listeners serve their own paths (the live hub, `live/hub.ts`).
      const path = new URL(req.url ?? '/', 'http://proxy').pathname;
      if (!options.otherPaths?.includes(path)) socket.destroy();
      return;
    }
    // Until the handshake completes nothing else listens for its errors (and
    // after it, ws destroys the socket on error as well).
    socket.on('error', () => socket.destroy());
    accept(req, socket, head).catch((err: unknown) => {
      log(`zero proxy: ${String(err)}`);
      refuse(socket, 503);
    });
  });
}

/**
 * Opens zero-cache's side, paused until the relay listens. Resolves with an
 * HTTP status for the browser when it cannot be opened.
 */
function openUpstream(
  url: string,
  protocol: string,
  headers: IncomingHttpHeaders,
): Promise<WebSocket | number> {
  const forwarded: Record<string, string> = {};
  for (const name of FORWARDED_HEADERS) {
    const value = headers[name];
    if (typeof value === 'string') forwarded[name] = value;
  }
  return new Promise(resolve => {
    const upstream = new WebSocket(url, protocol, {
      perMessageDeflate: false,
      handshakeTimeout: UPSTREAM_TIMEOUT_MS,
      headers: forwarded,
    });
    let settled = false;
    const fail = (status: number) => {
      if (settled) return;
      settled = true;
      upstream.terminate();
      resolve(status);
    };
    // ws is already CLOSING when it reports a refused connection or a
    // timeout, so `settled`, not readyState, says whether the browser still
    // waits. Errors after opening are the relay's; it hears them as 'close'.
    upstream.on('error', err => fail(/timed out/.test(err.message) ? 504 : 502));
    upstream.once('unexpected-response', (_req, res) => {
      res.resume();
      fail(res.statusCode ?? 502);
    });
    upstream.once('open', () => {
      settled = true;
      // Nothing zero-cache sends may be read before the relay listens.
      upstream.pause();
      resolve(upstream);
    });
  });
}

/** Answers an upgrade with an HTTP error and closes the connection. */
function refuse(socket: Duplex, status: number) {
  if (socket.destroyed || !socket.writable) return;
  const auth = status === 401 ? 'WWW-Authenticate: Bearer\r\n' : '';
  socket.once('finish', () => socket.destroy());
  socket.end(
    `HTTP/1.1 ${status} ${STATUS_CODES[status] ?? ''}\r\nConnection: close\r\nContent-Length: 0\r\n${auth}\r\n`,
  );
}
