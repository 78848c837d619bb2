import {connect, type Socket} from 'node:net';

/** Where clamd listens (`TCPSocket`, `TCPAddr` in clamd.conf). */
export type ClamdConfig = {host: string; port: number; timeoutMs?: number | undefined};

/** What clamd said of a file: clean, or the name of what it found. */
export type ScanVerdict = {clean: true} | {clean: false; finding: string};

/** Scans a file's bytes as they are read (from storage), never holding all of them. */
export type Scanner = (body: AsyncIterable<Uint8Array>) => Promise<ScanVerdict>;

/** clamd's INSTREAM frames: a 4-byte big-endian length, then that many bytes. */
const FRAME = 64 * 1024;
const DEFAULT_TIMEOUT_MS = 60_000;

/**
 * [FL7] The reply to `zINSTREAM`: `stream: OK`, `stream: <name> FOUND`, or an
 * error (`INSTREAM size limit exceeded. ERROR`, …), which throws: a file
 * clamd could not judge is never called clean.
 */
export function parseScanReply(reply: string): ScanVerdict {
  if (reply === 'stream: OK') return {clean: true};
  const found = /^stream: (.+) FOUND$/.exec(reply);
  if (found?.[1]) return {clean: false, finding: found[1]};
  if (/size limit exceeded/i.test(reply)) {
    throw new Error(
      `clamd refused the file as larger than its StreamMaxLength: raise StreamMaxLength in clamd.conf to at least FILE_MAX_BYTES (${reply})`,
    );
  }
  throw new Error(`clamd could not scan the file: ${reply}`);
}

/**
 * [FL7] A clamd client over TCP: scans with `zINSTREAM` (the bytes are sent in
 * frames, then a zero-length frame; clamd answers once, NUL-terminated).
 * Connection errors, timeouts and clamd's own errors reject.
 */
export function clamdScanner(config: ClamdConfig): Scanner {
  return body =>
    exchange(config, async socket => {
      await write(socket, Buffer.from('zINSTREAM\0'));
      for await (const chunk of body) {
        for (let at = 0; at < chunk.length; at += FRAME) {
          const part = chunk.subarray(at, at + FRAME);
          const length = Buffer.alloc(4);
          length.writeUInt32BE(part.length);
          // clamd may answer (and close) before the end, e.g. past its size limit: stop sending then.
          if (!(await write(socket, Buffer.concat([length, part])))) return;
        }
      }
      await write(socket, Buffer.alloc(4));
    }).then(parseScanReply);
}

/** `zPING` → `PONG`: whether clamd is up and answering (tests wait for it). */
export async function clamdPing(config: ClamdConfig): Promise<boolean> {
  try {
    return (await exchange(config, socket => write(socket, Buffer.from('zPING\0')))) === 'PONG';
  } catch {
    return false;
  }
}

/** Sends a command, resolves with clamd's NUL-terminated reply. */
function exchange(config: ClamdConfig, send: (socket: Socket) => Promise<unknown>): Promise<string> {
  const timeoutMs = config.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  return new Promise<string>((resolve, reject) => {
    const socket = connect({host: config.host, port: config.port});
    const received: Buffer[] = [];
    let settled = false;
    const settle = (fn: () => void) => {
      if (settled) return;
      settled = true;
      socket.destroy();
      fn();
    };
    socket.setTimeout(timeoutMs, () =>
      settle(() =>
        reject(new Error(`clamd at ${config.host}:${config.port} did not answer within ${timeoutMs} ms`)),
      ),
    );
    socket.on('data', data => {
      received.push(data);
      const reply = Buffer.concat(received);
      const end = reply.indexOf(0);
      if (end >= 0) settle(() => resolve(reply.subarray(0, end).toString('utf8').trim()));
    });
    socket.on('error', (err: NodeJS.ErrnoException) => {
      // clamd answers a stream past its limit and hangs up at once; a write racing that
      // answer fails, and the answer is lost with the connection.
      const hint =
        err.code === 'EPIPE' || err.code === 'ECONNRESET'
          ? ' (clamd hung up mid-file: is the file larger than its StreamMaxLength? It must be at least FILE_MAX_BYTES)'
          : '';
      settle(() => reject(new Error(`clamd at ${config.host}:${config.port}: ${err.message}${hint}`)));
    });
    socket.on('close', () =>
      settle(() => reject(new Error(`clamd at ${config.host}:${config.port} closed without an answer`))),
    );
    socket.once('connect', () => {
      send(socket).catch(err => settle(() => reject(err instanceof Error ? err : new Error(String(err)))));
    });
  });
}

/** Writes, waiting out backpressure; false once the socket is gone (clamd answered or hung up). */
function write(socket: Socket, bytes: Uint8Array): Promise<boolean> {
  if (socket.destroyed || !socket.writable) return Promise.resolve(false);
  if (socket.write(bytes)) return Promise.resolve(true);
  return new Promise(resolve => {
    const done = (ok: boolean) => () => {
      socket.off('drain', onDrain);
      socket.off('close', onClose);
      resolve(ok);
    };
    const onDrain = done(true);
    const onClose = done(false);
    socket.once('drain', onDrain);
    socket.once('close', onClose);
  });
}
