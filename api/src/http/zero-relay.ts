import WebSocket from 'ws';
import type {SessionLiveness} from '../auth/session-liveness.ts';
import {verifyAccessToken, type AuthSession} from '../auth/tokens.ts';
import type {AuthConfig} from '../config.ts';
import {authErrorMessage, messageType, updatedAuth} from './zero-wire.ts';

/**
 * Past this many bytes waiting to be written to one side, the other side is
 * no longer read until they are. A Zero poke on first sync can be megabytes;
 * this bounds what the proxy holds per connection, not the message size.
 */
const HIGH_WATER_BYTES = 1 << 20;
const TEXT = {binary: false};
const BINARY = {binary: true};
/** IANA's registered close code "Unauthorized", which zero-cache uses for auth errors too. */
const CLOSE_UNAUTHORIZED = 3000;
const CLOSE_POLICY_VIOLATION = 1008;

export type SyncRelayContext = {
  /** The session and user of the token the connection was opened with. */
  session: AuthSession;
  auth: AuthConfig;
  sessions: SessionLiveness;
  log: (line: string) => void;
};

/**
 * One browser's sync connection through the `/zero` proxy: relays messages
 * both ways, never passes an `inspect` message on [Z2], and closes as soon
 * as a session whose token it carries ends [AC12].
 *
 * Created before the browser's handshake completes, so a sign-out while
 * zero-cache is being reached is not missed: `attach` then ends the
 * connection at once.
 */
export class SyncRelay {
  readonly #context: SyncRelayContext;
  readonly #unwatch: (() => void)[] = [];
  readonly #sessionIDs = new Set<string>();
  #browser: WebSocket | undefined;
  #upstream: WebSocket | undefined;
  #sessionEnded = false;
  #disposed = false;

  constructor(context: SyncRelayContext) {
    this.#context = context;
    this.#watch(context.session.sessionID);
  }

  /** Whether a session of this connection has ended (checked at upgrade). */
  async ended(): Promise<boolean> {
    if (this.#sessionEnded) return true;
    if (!(await this.#context.sessions.ended(this.#context.session.sessionID))) return false;
    this.#sessionEnded = true;
    return true;
  }

  /**
   * Starts relaying between the browser's socket and zero-cache's (paused
   * until now, so nothing zero-cache sent was missed). Without `upstream`,
   * or when a session ended meanwhile, the browser is told to sign in again.
   */
  attach(browser: WebSocket, upstream: WebSocket | undefined): void {
    this.#browser = browser;
    this.#upstream = upstream;
    browser.on('error', () => {}); // a 'close' follows
    browser.once('close', (code: number, reason: Buffer) => {
      this.dispose();
      if (upstream) closeLike(upstream, code, reason);
    });
    if (!upstream || this.#sessionEnded) {
      // Never read (paused): no closing handshake to wait for.
      upstream?.terminate();
      this.#endSession();
      return;
    }
    upstream.on('error', () => {});
    upstream.once('close', (code: number, reason: Buffer) => {
      this.dispose();
      closeLike(browser, code, reason);
    });
    pipe(browser, upstream, data => this.#fromBrowser(data));
    pipe(upstream, browser, data => this.#fromZeroCache(data));
    upstream.resume();
  }

  /** Stops watching sessions (the connection is closed or was never made). */
  dispose(): void {
    if (this.#disposed) return;
    this.#disposed = true;
    for (const unwatch of this.#unwatch) unwatch();
    this.#unwatch.length = 0;
  }

  #watch(sessionID: string) {
    if (this.#sessionIDs.has(sessionID) || this.#disposed) return;
    this.#sessionIDs.add(sessionID);
    this.#unwatch.push(this.#context.sessions.watch(sessionID, () => this.#endSession()));
  }

  /** Whether to pass a browser's message on. */
  #fromBrowser(data: Buffer): boolean {
    switch (messageType(data)) {
      case 'inspect':
        // zero-cache's inspector runs queries without the read permissions;
        // its admin password is the other lock (issue #13).
        this.#context.log(
          `zero proxy: closed the sync socket of user ${this.#context.session.userID}: it sent an inspect message`,
        );
        this.#close(CLOSE_POLICY_VIOLATION, 'Inspecting is not allowed');
        return false;
      case 'updateAuth':
        void this.#checkUpdatedAuth(data);
        return true;
      case 'other':
        return true;
    }
  }

  /** Whether to pass zero-cache's message on. */
  #fromZeroCache(data: Buffer): boolean {
    // Only ever an answer to an inspect message, which never gets through.
    if (messageType(data) !== 'inspect') return true;
    this.#context.log('zero proxy: dropped an inspect answer from zero-cache');
    return false;
  }

  /**
   * The client sends each refreshed token over the socket. It is passed on at
   * once (zero-cache uses it for later queries and pushes, which the API
   * checks), and checked here: another user's or a forged token closes the
   * connection, and a new session is watched too.
   */
  async #checkUpdatedAuth(data: Buffer) {
    const token = updatedAuth(data);
    const result = token && (await verifyAccessToken(this.#context.auth, token, {allowExpired: true}));
    if (!result || !result.ok || result.session.userID !== this.#context.session.userID) {
      this.#endSession('Unauthorized', 'That access token is not valid. Sign in again.');
      return;
    }
    const {sessionID} = result.session;
    if (this.#sessionIDs.has(sessionID)) return;
    this.#watch(sessionID);
    try {
      if (await this.#context.sessions.ended(sessionID)) this.#endSession();
    } catch (err) {
      this.#context.log(`zero proxy: cannot check session ${sessionID}: ${String(err)}`);
    }
  }

  /** Tells the client to sign in again (it goes to `needs-auth`) and closes both sides. */
  #endSession(
    kind: 'AuthInvalidated' | 'Unauthorized' = 'AuthInvalidated',
    message = 'This session has been signed out. Sign in again.',
  ) {
    this.#sessionEnded = true;
    const browser = this.#browser;
    if (!browser) return; // `attach` ends it
    if (browser.readyState === WebSocket.OPEN) browser.send(authErrorMessage(kind, message));
    this.#close(CLOSE_UNAUTHORIZED, 'Unauthorized');
  }

  #close(code: number, reason: string) {
    this.dispose();
    if (this.#browser?.readyState === WebSocket.OPEN) this.#browser.close(code, reason);
    if (this.#upstream?.readyState === WebSocket.OPEN) this.#upstream.close(1000);
  }
}

/**
 * Relays `from`'s messages to `to` as they are (text stays text) when `pass`
 * says so. When `to` has a backlog, `from` is paused until the message that
 * made it so has been written.
 */
function pipe(from: WebSocket, to: WebSocket, pass: (data: Buffer) => boolean) {
  const resume = () => from.resume();
  from.on('message', (data: Buffer, isBinary: boolean) => {
    if (to.readyState !== WebSocket.OPEN || !pass(data)) return;
    const full = to.bufferedAmount + data.length >= HIGH_WATER_BYTES;
    if (full) from.pause();
    to.send(data, isBinary ? BINARY : TEXT, full ? resume : undefined);
  });
}

/** Closes `ws` the way its peer closed: same code and reason where they can be sent. */
function closeLike(ws: WebSocket, code: number, reason: Buffer) {
  if (ws.readyState === WebSocket.CLOSING || ws.readyState === WebSocket.CLOSED) return;
  // 1006: the connection dropped without a close frame; drop this one too.
  if (code === 1006) ws.terminate();
  else if (canSend(code)) ws.close(code, reason);
  else ws.close();
}

/** Close codes that may appear in a close frame (RFC 6455 7.4). */
function canSend(code: number): boolean {
  return (
    (code >= 1000 && code <= 1014 && code !== 1004 && code !== 1005 && code !== 1006) ||
    (code >= 3000 && code <= 4999)
  );
}
