import {randomUUID} from 'node:crypto';
import WebSocket from 'ws';

/** How the Zero client 1.9 packs its header (zero-protocol's `encodeSecProtocols`). */
export function encodeSecProtocols(initConnectionMessage: unknown, authToken: string | undefined): string {
  const bytes = new TextEncoder().encode(JSON.stringify({initConnectionMessage, authToken}));
  return encodeURIComponent(btoa(Array.from(bytes, b => String.fromCharCode(b)).join('')));
}

export type SyncSocket = {
  ws: WebSocket;
  /** Every message received so far, parsed. */
  received: unknown[];
  /** Resolves with the first message (already received or not) that `match` accepts. */
  next: (match: (message: unknown) => boolean, timeoutMs?: number) => Promise<unknown>;
  /** Resolves when the socket closes; rejects if it is still open after `timeoutMs`. */
  closed: (timeoutMs?: number) => Promise<{code: number; reason: string}>;
};

/**
 * A raw sync socket, opened the way the Zero client 1.9 opens one (its URL,
 * and its token in `Sec-WebSocket-Protocol`, with `initConnectionMessage`
 * if given), for sending what a Zero client would not. Resolves once the server said
 * `connected`; rejects with the HTTP status when the upgrade is refused.
 */
export async function openSyncSocket(
  baseURL: string,
  options: {token: string | undefined; userID: string; initConnectionMessage?: unknown},
): Promise<SyncSocket> {
  const url = new URL(`${baseURL.replace(/^http/, 'ws')}/sync/v51/connect`);
  const params = {
    clientID: randomUUID(),
    clientGroupID: randomUUID(),
    userID: options.userID,
    baseCookie: '',
    ts: '1',
    lmid: '0',
    wsid: randomUUID(),
    profileID: randomUUID(),
  };
  for (const [k, v] of Object.entries(params)) url.searchParams.set(k, v);
  const ws = new WebSocket(url, encodeSecProtocols(options.initConnectionMessage, options.token));
  const received: unknown[] = [];
  const waiters = new Set<() => void>();
  ws.on('message', data => {
    received.push(JSON.parse(String(data)));
    for (const wake of waiters) wake();
  });
  const closing = new Promise<{code: number; reason: string}>(resolve =>
    ws.once('close', (code, reason) => {
      for (const wake of waiters) wake();
      resolve({code, reason: String(reason)});
    }),
  );
  const next = (match: (message: unknown) => boolean, timeoutMs = 10_000) =>
    new Promise<unknown>((resolve, reject) => {
      const check = () => {
        const found = received.find(match);
        if (found !== undefined) done(() => resolve(found));
        else if (ws.readyState === WebSocket.CLOSED) {
          done(() => reject(new Error(`the socket closed; it received ${JSON.stringify(received)}`)));
        }
      };
      const timer = setTimeout(() => done(() => reject(new Error('no such message in time'))), timeoutMs);
      const done = (then: () => void) => {
        clearTimeout(timer);
        waiters.delete(check);
        then();
      };
      waiters.add(check);
      check();
    });
  const closed = (timeoutMs = 5_000) => {
    let timer: NodeJS.Timeout | undefined;
    const late = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`still open after ${timeoutMs} ms`)), timeoutMs);
    });
    return Promise.race([closing, late]).finally(() => clearTimeout(timer));
  };
  await new Promise<void>((resolve, reject) => {
    ws.once('open', () => resolve());
    ws.once('unexpected-response', (_req, res) => reject(new Error(`HTTP ${res.statusCode}`)));
    ws.once('error', reject);
  });
  await next(m => Array.isArray(m) && m[0] === 'connected');
  return {ws, received, next, closed};
}
