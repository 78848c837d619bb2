import {HUB_CLOSE, type ClientEventName, type HubClientMessage, type PresenceStatus} from '@chorus/schema';
import {ChannelBook} from './channel-book.ts';
import {browserSocket, hubServerMessageSchema, type HubSocket} from './hub-protocol.ts';
import {
  membersOf,
  type LiveAuth,
  type LiveClient,
  type LiveEventHandler,
  type LiveState,
  type PresenceHandler,
} from './live-client.ts';

export type HubClientOptions = {
  /** `ws(s)://…/api/live` on the API's own origin. */
  url: string;
  auth: LiveAuth;
  /** Opens a socket; the browser's WebSocket unless a test passes another. */
  socket?: (url: string) => HubSocket;
  /** First retry delay, doubled on each failure up to `maxRetryMs`. */
  firstRetryMs?: number;
  maxRetryMs?: number;
  /** Keepalive: a ping this often; a connection that missed the last pong is dropped. */
  pingMs?: number;
};

const OPEN = 1;
const REFUSED_RETRIES = 6;

/**
 * The embedded hub's client (`/api/live`, schema/src/live.ts): authenticates
 * with the access token, attaches each channel in use once however many
 * components listen, and after any drop reconnects with backoff, attaching
 * again and entering presence again. 4401 (token refused) gets a fresh token
 * first; 4403 (the session ended) stops for good.
 */
export class HubLiveClient implements LiveClient {
  readonly #options: Required<Omit<HubClientOptions, 'socket'>> & Pick<HubClientOptions, 'socket'>;
  readonly #book = new ChannelBook();
  /** Channels the hub has confirmed on this connection. */
  readonly #attached = new Set<string>();
  /** Channels the hub refused, by how many times in a row. */
  readonly #refused = new Map<string, number>();
  readonly #stateListeners = new Set<(state: LiveState) => void>();
  #state: LiveState = 'connecting';
  #socket: HubSocket | undefined;
  /** A connection is being set up (waiting for a token, or open and not ready yet). */
  #opening = false;
  #ready = false;
  #retryMs: number;
  #retryTimer: ReturnType<typeof setTimeout> | undefined;
  #pingTimer: ReturnType<typeof setInterval> | undefined;
  #awaitingPong = false;
  #refusedInARow = 0;

  constructor(options: HubClientOptions) {
    this.#options = {firstRetryMs: 500, maxRetryMs: 30_000, pingMs: 25_000, ...options};
    this.#retryMs = this.#options.firstRetryMs;
    if (typeof window !== 'undefined') window.addEventListener('online', this.#retryNow);
    void this.#connect();
  }

  get state(): LiveState {
    return this.#state;
  }

  onStateChange(listener: (state: LiveState) => void): () => void {
    this.#stateListeners.add(listener);
    return () => this.#stateListeners.delete(listener);
  }

  subscribe(channel: string, onEvent: LiveEventHandler): () => void {
    const {entry, fresh} = this.#book.use(channel);
    entry.handlers.add(onEvent);
    if (fresh) this.#attach(channel);
    return () => {
      entry.handlers.delete(onEvent);
      this.#release(channel);
    };
  }

  publish(channel: string, name: ClientEventName, data?: {parentMessageID?: string | null}): void {
    if (!this.#attached.has(channel)) return;
    this.#send({type: 'publish', channel, name, ...(data ? {data} : {})});
  }

  enterPresence(channel: string, status: PresenceStatus): void {
    const {entry, fresh} = this.#book.use(channel);
    const entered = entry.myStatus !== undefined;
    entry.myStatus = status;
    if (fresh) this.#attach(channel);
    else if (this.#attached.has(channel)) {
      this.#send({type: 'presence', channel, action: entered ? 'update' : 'enter', status});
    }
  }

  leavePresence(channel: string): void {
    const entry = this.#book.get(channel);
    if (!entry?.myStatus) return;
    entry.myStatus = undefined;
    if (this.#attached.has(channel)) this.#send({type: 'presence', channel, action: 'leave'});
    this.#release(channel);
  }

  onPresence(channel: string, onMembers: PresenceHandler): () => void {
    const {entry, fresh} = this.#book.use(channel);
    entry.presenceHandlers.add(onMembers);
    if (fresh) this.#attach(channel);
    else if (this.#attached.has(channel)) onMembers(membersOf(entry.members));
    return () => {
      entry.presenceHandlers.delete(onMembers);
      this.#release(channel);
    };
  }

  close(): void {
    if (this.#state === 'closed') return;
    this.#setState('closed');
    if (typeof window !== 'undefined') window.removeEventListener('online', this.#retryNow);
    clearTimeout(this.#retryTimer);
    this.#dropSocket();
  }

  async #connect(): Promise<void> {
    if (this.#state === 'closed' || this.#opening || this.#socket) return;
    this.#opening = true;
    const {auth} = this.#options;
    const token = auth.token() ?? (await auth.refresh());
    this.#opening = false;
    if (this.#closedForGood()) return;
    if (!token) return this.#retryLater();
    const socket = (this.#options.socket ?? browserSocket)(this.#options.url);
    this.#socket = socket;
    socket.onopen = () => this.#send({type: 'auth', token});
    socket.onmessage = event => this.#receive(event.data);
    socket.onerror = () => {};
    socket.onclose = event => {
      if (socket !== this.#socket) return;
      this.#dropSocket();
      this.#closed(event.code);
    };
  }

  #closed(code: number): void {
    if (this.#state === 'closed') return;
    if (code === HUB_CLOSE.sessionEnded) return this.close();
    this.#setState('connecting');
    if (code === HUB_CLOSE.unauthorized) {
      // A refused token is renewed and tried at once; refused again and
      // again (a clock skew, a revoked session the refresh has not seen yet),
      // the retries back off like any other failure.
      this.#refusedInARow++;
      void this.#options.auth.refresh().then(() => {
        if (this.#refusedInARow === 1) void this.#connect();
        else this.#retryLater();
      });
      return;
    }
    this.#retryLater();
  }

  #retryLater(): void {
    if (this.#state === 'closed') return;
    clearTimeout(this.#retryTimer);
    const jitter = 0.8 + Math.random() * 0.4;
    this.#retryTimer = setTimeout(() => void this.#connect(), this.#retryMs * jitter);
    this.#retryMs = Math.min(this.#options.maxRetryMs, this.#retryMs * 2);
  }

  /** The network is back: no need to wait out the backoff. */
  readonly #retryNow = () => {
    if (this.#state !== 'connecting' || this.#socket || this.#opening) return;
    clearTimeout(this.#retryTimer);
    this.#retryMs = this.#options.firstRetryMs;
    void this.#connect();
  };

  #receive(raw: unknown): void {
    let parsed;
    try {
      parsed = hubServerMessageSchema.safeParse(JSON.parse(String(raw)));
    } catch {
      return;
    }
    if (!parsed.success) return;
    const message = parsed.data;
    switch (message.type) {
      case 'ready':
        this.#ready = true;
        this.#retryMs = this.#options.firstRetryMs;
        this.#refusedInARow = 0;
        this.#startPing();
        this.#setState('connected');
        for (const entry of this.#book.all()) this.#send({type: 'attach', channel: entry.name});
        return;
      case 'attached': {
        const entry = this.#book.get(message.channel);
        if (!entry) return void this.#send({type: 'detach', channel: message.channel});
        this.#attached.add(message.channel);
        this.#refused.delete(message.channel);
        entry.members.clear();
        for (const m of message.presence ?? []) entry.members.set(m.userID, m.status);
        if (entry.myStatus) {
          this.#send({type: 'presence', channel: entry.name, action: 'enter', status: entry.myStatus});
        }
        this.#book.announce(entry);
        return;
      }
      case 'detached': {
        // Not allowed, or no longer (removed from the room): nothing more
        // comes, and no one is shown present.
        this.#attached.delete(message.channel);
        const entry = this.#book.get(message.channel);
        if (entry?.members.size) {
          entry.members.clear();
          this.#book.announce(entry);
        }
        if (entry && message.reason !== 'detached') this.#askAgainLater(entry.name);
        return;
      }
      case 'event':
        this.#book.dispatch(message);
        return;
      case 'presence': {
        const entry = this.#book.get(message.channel);
        if (!entry) return;
        if (message.action === 'leave') entry.members.delete(message.member.userID);
        else entry.members.set(message.member.userID, message.member.status);
        this.#book.announce(entry);
        return;
      }
      case 'pong':
        this.#awaitingPong = false;
        return;
      case 'error':
        return;
    }
  }

  #attach(channel: string): void {
    if (this.#ready) this.#send({type: 'attach', channel});
  }

  /**
   * A channel refused now may be allowed in a moment: the server or room I
   * just created or joined is refused until that write commits, which Zero
   * shows before it does. So a refusal is asked again, a few times, further
   * apart each time; after that only a reconnect asks.
   */
  #askAgainLater(channel: string): void {
    const tries = this.#refused.get(channel) ?? 0;
    if (tries >= REFUSED_RETRIES) return;
    this.#refused.set(channel, tries + 1);
    setTimeout(
      () => {
        if (this.#book.get(channel) && !this.#attached.has(channel)) this.#attach(channel);
      },
      this.#options.firstRetryMs * 2 ** tries,
    );
  }

  #release(channel: string): void {
    if (!this.#book.release(channel)) return;
    if (this.#attached.delete(channel)) this.#send({type: 'detach', channel});
  }

  #startPing(): void {
    clearInterval(this.#pingTimer);
    this.#awaitingPong = false;
    this.#pingTimer = setInterval(() => {
      if (this.#awaitingPong) {
        // No answer to the last ping: the connection is dead without having
        // said so (a sleeping laptop, a dropped NAT entry). Start over.
        this.#dropSocket();
        this.#closed(1006);
        return;
      }
      this.#awaitingPong = true;
      this.#send({type: 'ping'});
    }, this.#options.pingMs);
  }

  #dropSocket(): void {
    clearInterval(this.#pingTimer);
    const socket = this.#socket;
    this.#socket = undefined;
    this.#ready = false;
    this.#attached.clear();
    this.#refused.clear();
    for (const entry of this.#book.all()) {
      if (!entry.members.size) continue;
      entry.members.clear();
      this.#book.announce(entry);
    }
    if (!socket) return;
    socket.onopen = socket.onmessage = socket.onclose = null;
    if (socket.readyState <= OPEN) socket.close(1000);
  }

  #send(message: HubClientMessage): void {
    if (this.#socket?.readyState === OPEN) this.#socket.send(JSON.stringify(message));
  }

  /** (A method, so the compiler does not assume the state unchanged across an await.) */
  #closedForGood(): boolean {
    return this.#state === 'closed';
  }

  #setState(state: LiveState): void {
    if (this.#state === state) return;
    this.#state = state;
    for (const listener of this.#stateListeners) listener(state);
  }
}
