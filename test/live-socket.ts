import type {HubServerMessage} from '@chorus/schema';
import WebSocket from 'ws';

type Frame = HubServerMessage;

/**
 * A client of the embedded hub (`/api/live`) speaking its wire protocol, as
 * a browser would: it records every frame, and waits for the ones a test expects.
 */
export class LiveSocket {
  readonly frames: Frame[] = [];
  closed: {code: number; reason: string} | undefined;
  readonly #ws: WebSocket;
  readonly #opened: Promise<void>;
  #waiters = new Set<() => void>();

  constructor(url: string) {
    this.#ws = new WebSocket(url);
    this.#opened = new Promise((resolve, reject) => {
      this.#ws.once('open', () => resolve());
      this.#ws.once('error', reject);
    });
    this.#ws.on('message', data => {
      this.frames.push(JSON.parse(data.toString()) as Frame);
      this.#wake();
    });
    this.#ws.on('close', (code, reason) => {
      this.closed = {code, reason: reason.toString()};
      this.#wake();
    });
  }

  /** Opens, authenticates with `token` and waits for `ready`. */
  static async connect(url: string, token: string): Promise<LiveSocket> {
    const socket = new LiveSocket(url);
    await socket.open();
    socket.send({type: 'auth', token});
    await socket.next(f => f.type === 'ready');
    return socket;
  }

  open(): Promise<void> {
    return this.#opened;
  }

  send(message: unknown): void {
    this.#ws.send(typeof message === 'string' ? message : JSON.stringify(message));
  }

  /** Attaches and resolves with the hub's answer: `attached` or `detached`. */
  async attach(channel: string): Promise<Frame> {
    const from = this.frames.length;
    this.send({type: 'attach', channel});
    return this.next(f => (f.type === 'attached' || f.type === 'detached') && f.channel === channel, from);
  }

  /** The first frame from index `from` on that matches, waiting up to `timeoutMs` for it. */
  next(match: (frame: Frame) => boolean, from = 0, timeoutMs = 5_000): Promise<Frame> {
    return new Promise((resolve, reject) => {
      const check = () => {
        const found = this.frames.slice(from).find(match);
        if (found) {
          this.#waiters.delete(check);
          clearTimeout(timer);
          resolve(found);
        } else if (this.closed) {
          this.#waiters.delete(check);
          clearTimeout(timer);
          reject(
            new Error(`socket closed (${this.closed.code} ${this.closed.reason}) before the frame came`),
          );
        }
      };
      const timer = setTimeout(() => {
        this.#waiters.delete(check);
        reject(
          new Error(`no such frame within ${timeoutMs} ms; got ${JSON.stringify(this.frames.slice(from))}`),
        );
      }, timeoutMs);
      this.#waiters.add(check);
      check();
    });
  }

  /** Events received, by name. */
  events(name?: string) {
    return this.frames.filter(
      (f): f is Extract<Frame, {type: 'event'}> => f.type === 'event' && (!name || f.name === name),
    );
  }

  /** Resolves with the close code once the hub has closed the socket. */
  async closedWith(timeoutMs = 5_000): Promise<number> {
    const deadline = Date.now() + timeoutMs;
    while (!this.closed && Date.now() < deadline) await new Promise(r => setTimeout(r, 20));
    if (!this.closed) throw new Error('the socket is still open');
    return this.closed.code;
  }

  close(): void {
    this.#ws.close();
  }

  #wake() {
    for (const waiter of [...this.#waiters]) waiter();
  }
}
