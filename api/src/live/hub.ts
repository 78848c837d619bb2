import type {IncomingMessage, Server} from 'node:http';
import type {Duplex} from 'node:stream';
import {
  HUB_CLOSE,
  parseChannel,
  userChannel,
  type HubServerMessage,
  type LiveEvent,
  type PresenceMember,
  type PresenceStatus,
} from '@chorus/schema';
import {WebSocketServer, type WebSocket} from 'ws';
import type {SessionLiveness} from '../auth/session-liveness.ts';
import {verifyAccessToken} from '../auth/tokens.ts';
import type {AuthConfig} from '../config.ts';
import type {Deps} from '../deps.ts';
import {mayUseChannel} from './authorize.ts';
import {LiveBus, type BusMessage} from './bus.ts';
import {hubClientMessageSchema} from './protocol.ts';
import type {LivePublisher, LiveRecipe} from './types.ts';

export const HUB_PATH = '/api/live';
const AUTH_TIMEOUT_MS = 10_000;
const HEARTBEAT_MS = 30_000;
/** A frame from a browser is small: a channel name, a token. */
const MAX_FRAME_BYTES = 8 * 1024;
const MAX_CHANNELS = 500;
/** [LV4] Typing events a connection may publish per window; more are dropped. */
const TYPING_BUDGET = 20;
const TYPING_WINDOW_MS = 10_000;
const RECHECK_CONCURRENCY = 8;
/**
 * [LV8] Internal presence of everyone connected anywhere, which friends see
 * on their own `user:` channel. Not a channel name anyone can attach to.
 */
const ONLINE = '#online';
/** A socket that has this much unsent is not keeping up (a stalled network): it is dropped, and reconnects. */
const MAX_BUFFERED_BYTES = 4 * 1024 * 1024;

export type HubDeps = Pick<Deps, 'zqlDb' | 'pool'> & {
  auth: AuthConfig;
  sessions?: SessionLiveness | undefined;
  log?: ((line: string) => void) | undefined;
};

type Connection = {
  id: number;
  ws: WebSocket;
  userID: string | undefined;
  /** Channels this connection was allowed to use (attached, present or typed in). */
  allowed: Set<string>;
  attached: Set<string>;
  presence: Map<string, PresenceStatus>;
  unwatch: () => void;
  alive: boolean;
  typing: {count: number; since: number};
};

type PresenceEntry = {userID: string; status: PresenceStatus};

/**
 * [LV5] The embedded stand-in for Ably, at `/api/live` on the API's own URL:
 * channels with the seed's names, publish/subscribe, presence, the same
 * authorization on subscribe as Zero's read rules [LV2], and a subscriber
 * whose access ends is dropped at once [LV3]. Several API processes share
 * events and presence through Postgres (`LiveBus`).
 *
 * Protocol: `schema/src/live.ts` (`hubClientMessageSchema`, `HubServerMessage`).
 */
export class LiveHub implements LivePublisher {
  readonly #deps: HubDeps;
  readonly #log: (line: string) => void;
  readonly #wss = new WebSocketServer({
    noServer: true,
    perMessageDeflate: false,
    maxPayload: MAX_FRAME_BYTES,
  });
  readonly #connections = new Set<Connection>();
  readonly #subscribers = new Map<string, Set<Connection>>();
  /** channel → (process:connection → entry), every process's. */
  readonly #presence = new Map<string, Map<string, PresenceEntry>>();
  readonly #bus: LiveBus;
  readonly #rebuild: (recipe: LiveRecipe) => Promise<LiveEvent[]>;
  #nextID = 1;
  #heartbeat: NodeJS.Timeout;
  #rechecking: Promise<void> | undefined;
  #recheckAgain = false;

  constructor(deps: HubDeps, rebuild: (recipe: LiveRecipe) => Promise<LiveEvent[]>) {
    this.#deps = deps;
    this.#log = deps.log ?? (() => {});
    this.#rebuild = rebuild;
    this.#bus = new LiveBus(deps.pool, m => this.#fromBus(m), this.#log);
    this.#heartbeat = setInterval(() => this.#beat(), HEARTBEAT_MS);
    this.#heartbeat.unref();
  }

  /** Listens to the other processes, then asks them who is present. */
  async start(): Promise<this> {
    await this.#bus.start(() => this.#bus.send({kind: 'presence-sync'}));
    return this;
  }

  /** Serves `/api/live` upgrades of `server`; others are left to their own listeners. */
  listen(server: Server): void {
    server.on('upgrade', (req: IncomingMessage, socket: Duplex, head: Buffer) => {
      if (new URL(req.url ?? '/', 'http://hub').pathname !== HUB_PATH) return;
      socket.on('error', () => socket.destroy());
      this.#wss.handleUpgrade(req, socket, head, ws => this.#open(ws));
    });
  }

  presenceOf(userID: string): 'online' | 'idle' | 'offline' {
    return this.#statusOf(ONLINE, userID) ?? 'offline';
  }

  /** How many sockets this process serves (for metrics and tests). */
  get connectionCount(): number {
    return this.#connections.size;
  }

  publish(events: readonly LiveEvent[], recipe?: LiveRecipe): void {
    if (!events.length) return;
    this.#deliver(events);
    this.#bus.send({kind: 'events', events: [...events]}, recipe && {kind: 'recipe', recipe});
  }

  recheck(_userIDs?: readonly string[]): void {
    // Everyone's: a room made private takes it from people no argument names.
    this.#recheckLocal();
    this.#bus.send({kind: 'recheck'});
  }

  async stop(): Promise<void> {
    clearInterval(this.#heartbeat);
    for (const conn of this.#connections) conn.ws.close(1001, 'Server going away');
    await this.#bus.stop();
    this.#wss.close();
  }

  #open(ws: WebSocket) {
    const conn: Connection = {
      id: this.#nextID++,
      ws,
      userID: undefined,
      allowed: new Set(),
      attached: new Set(),
      presence: new Map(),
      unwatch: () => {},
      alive: true,
      typing: {count: 0, since: Date.now()},
    };
    this.#connections.add(conn);
    const authTimer = setTimeout(() => {
      if (!conn.userID) ws.close(HUB_CLOSE.unauthorized, 'Send an access token first');
    }, AUTH_TIMEOUT_MS);
    ws.on('pong', () => (conn.alive = true));
    ws.on('close', () => {
      clearTimeout(authTimer);
      this.#close(conn);
    });
    ws.on('error', () => ws.terminate());
    // Frames are handled one after another, so an attach is answered before a later detach.
    let queue = Promise.resolve();
    ws.on('message', (raw, isBinary) => {
      queue = queue
        .then(() => this.#onFrame(conn, raw.toString(), isBinary))
        .catch((err: unknown) => {
          this.#log(`live hub: ${String(err)}`);
          this.#send(conn, {type: 'error', message: 'Something went wrong on our side; try again.'});
        });
    });
  }

  async #onFrame(conn: Connection, text: string, isBinary: boolean) {
    let json: unknown;
    try {
      json = isBinary ? undefined : JSON.parse(text);
    } catch {
      json = undefined;
    }
    const parsed = hubClientMessageSchema.safeParse(json);
    if (!parsed.success) {
      conn.ws.close(HUB_CLOSE.badMessage, 'Not a message of the live protocol');
      return;
    }
    const message = parsed.data;
    if (message.type === 'ping') return this.#send(conn, {type: 'pong'});
    if (message.type === 'auth') return this.#authenticate(conn, message.token);
    if (!conn.userID) {
      conn.ws.close(HUB_CLOSE.unauthorized, 'Send an access token first');
      return;
    }
    switch (message.type) {
      case 'attach': {
        if (!(await this.#allow(conn, message.channel))) {
          return this.#send(conn, {type: 'detached', channel: message.channel, reason: 'forbidden'});
        }
        if (conn.ws.readyState !== conn.ws.OPEN) return;
        conn.attached.add(message.channel);
        let set = this.#subscribers.get(message.channel);
        if (!set) this.#subscribers.set(message.channel, (set = new Set()));
        set.add(conn);
        const kind = parseChannel(message.channel)?.kind;
        // [LV8] My own channel's presence is my friends'.
        const presence =
          kind === 'presence'
            ? this.#members(message.channel)
            : kind === 'user'
              ? await this.#friendsPresent(conn.userID)
              : undefined;
        return this.#send(conn, {
          type: 'attached',
          channel: message.channel,
          ...(presence ? {presence} : {}),
        });
      }
      case 'detach':
        this.#detach(conn, message.channel);
        return this.#send(conn, {type: 'detached', channel: message.channel, reason: 'detached'});
      case 'publish': {
        if (!(await this.#allow(conn, message.channel))) {
          return this.#send(conn, {type: 'detached', channel: message.channel, reason: 'forbidden'});
        }
        const now = Date.now();
        if (now - conn.typing.since > TYPING_WINDOW_MS) conn.typing = {count: 0, since: now};
        if (++conn.typing.count > TYPING_BUDGET) return;
        // [LV4] Who typed is the connection's person, never what the frame says.
        const data = {userID: conn.userID, parentMessageID: message.data?.parentMessageID ?? null};
        return this.publish([{channel: message.channel, name: message.name, data, at: now}]);
      }
      case 'presence': {
        const kind = parseChannel(message.channel)?.kind;
        if (kind !== 'presence' || !(await this.#allow(conn, message.channel))) {
          return this.#send(conn, {type: 'detached', channel: message.channel, reason: 'forbidden'});
        }
        if (conn.ws.readyState !== conn.ws.OPEN) return;
        const status = message.action === 'leave' ? null : (message.status ?? 'online');
        if (status) conn.presence.set(message.channel, status);
        else conn.presence.delete(message.channel);
        this.#setPresence(message.channel, this.#key(conn), conn.userID, status);
        this.#bus.send({
          kind: 'presence',
          channel: message.channel,
          key: this.#key(conn),
          userID: conn.userID,
          status,
        });
        return this.#announceOnline(conn);
      }
    }
  }

  async #authenticate(conn: Connection, token: string) {
    if (conn.userID) return this.#send(conn, {type: 'ready', userID: conn.userID});
    const verified = await verifyAccessToken(this.#deps.auth, token);
    if (!verified.ok) {
      conn.ws.close(HUB_CLOSE.unauthorized, 'The access token is expired or invalid; refresh it');
      return;
    }
    const {userID, sessionID} = verified.session;
    if (this.#deps.sessions && (await this.#deps.sessions.ended(sessionID))) {
      conn.ws.close(HUB_CLOSE.sessionEnded, 'Signed out');
      return;
    }
    if (conn.ws.readyState !== conn.ws.OPEN) return;
    conn.userID = userID;
    this.#announceOnline(conn);
    // [AC12] Signing out closes the socket at once, as it does Zero's.
    conn.unwatch =
      this.#deps.sessions?.watch(sessionID, () => conn.ws.close(HUB_CLOSE.sessionEnded, 'Signed out')) ??
      (() => {});
    this.#send(conn, {type: 'ready', userID});
  }

  async #allow(conn: Connection, channel: string): Promise<boolean> {
    if (conn.allowed.has(channel)) return true;
    if (conn.allowed.size >= MAX_CHANNELS) return false;
    if (!conn.userID || !(await mayUseChannel(this.#deps, conn.userID, channel))) return false;
    conn.allowed.add(channel);
    return true;
  }

  #detach(conn: Connection, channel: string) {
    conn.attached.delete(channel);
    const set = this.#subscribers.get(channel);
    set?.delete(conn);
    if (set && !set.size) this.#subscribers.delete(channel);
  }

  #close(conn: Connection) {
    if (!this.#connections.delete(conn)) return;
    conn.unwatch();
    for (const channel of conn.attached) this.#detach(conn, channel);
    for (const channel of conn.presence.keys()) this.#leavePresence(conn, channel);
    if (conn.userID) {
      this.#setPresence(ONLINE, this.#key(conn), conn.userID, null);
      this.#bus.send({
        kind: 'presence',
        channel: ONLINE,
        key: this.#key(conn),
        userID: conn.userID,
        status: null,
      });
    }
  }

  /** [LV8] This socket's person is connected: idle only when every presence it entered says so. */
  #announceOnline(conn: Connection) {
    if (!conn.userID) return;
    const statuses = [...conn.presence.values()];
    const status: PresenceStatus = statuses.length && statuses.every(s => s === 'idle') ? 'idle' : 'online';
    if (this.#presence.get(ONLINE)?.get(this.#key(conn))?.status === status) return;
    this.#setPresence(ONLINE, this.#key(conn), conn.userID, status);
    this.#bus.send({kind: 'presence', channel: ONLINE, key: this.#key(conn), userID: conn.userID, status});
  }

  /** [LV8] My friends who are connected, with their status. */
  async #friendsPresent(userID: string): Promise<PresenceMember[]> {
    const friends = await this.#friendsOf(userID);
    return friends.flatMap(id => {
      const status = this.#statusOf(ONLINE, id);
      return status ? [{userID: id, status}] : [];
    });
  }

  async #friendsOf(userID: string): Promise<string[]> {
    const {rows} = await this.#deps.pool.query<{id: string}>(
      `SELECT CASE WHEN user_id = $1 THEN friend_id ELSE user_id END AS id
         FROM public.friendships WHERE (user_id = $1 OR friend_id = $1) AND status = 'accepted'`,
      [userID],
    );
    return rows.map(r => r.id);
  }

  /** [LV8] Tells the friends of someone whose connection status changed, on their own channels, here. */
  #friendsSee(userID: string, frame: (channel: string) => string) {
    // Only people with their channel open in this process need to hear it.
    if (![...this.#subscribers.keys()].some(c => c.startsWith('user:'))) return;
    void this.#friendsOf(userID).then(
      friends => {
        for (const friend of friends) {
          const channel = userChannel(friend);
          for (const conn of this.#subscribers.get(channel) ?? []) this.#push(conn, frame(channel));
        }
      },
      (err: unknown) => this.#log(`live hub: cannot read friends (${String(err)})`),
    );
  }

  #leavePresence(conn: Connection, channel: string) {
    conn.presence.delete(channel);
    if (!conn.userID) return;
    this.#setPresence(channel, this.#key(conn), conn.userID, null);
    this.#bus.send({kind: 'presence', channel, key: this.#key(conn), userID: conn.userID, status: null});
  }

  #key(conn: Connection) {
    return `${this.#bus.origin}:${conn.id}`;
  }

  /** One person's status on a channel: online on any connection wins over idle. */
  #statusOf(channel: string, userID: string): PresenceStatus | undefined {
    let status: PresenceStatus | undefined;
    for (const entry of this.#presence.get(channel)?.values() ?? []) {
      if (entry.userID !== userID) continue;
      if (entry.status === 'online') return 'online';
      status = entry.status;
    }
    return status;
  }

  #members(channel: string): PresenceMember[] {
    const users = new Set([...(this.#presence.get(channel)?.values() ?? [])].map(e => e.userID));
    return [...users].map(userID => ({userID, status: this.#statusOf(channel, userID)!}));
  }

  #setPresence(channel: string, key: string, userID: string, status: PresenceStatus | null) {
    const before = this.#statusOf(channel, userID);
    let entries = this.#presence.get(channel);
    if (status) {
      if (!entries) this.#presence.set(channel, (entries = new Map()));
      entries.set(key, {userID, status});
    } else if (entries) {
      entries.delete(key);
      if (!entries.size) this.#presence.delete(channel);
    }
    const after = this.#statusOf(channel, userID);
    if (before === after) return;
    const action = !before ? 'enter' : !after ? 'leave' : 'update';
    const frameOn = (on: string) =>
      JSON.stringify({
        type: 'presence',
        channel: on,
        action,
        member: {userID, status: after ?? before!},
      } satisfies HubServerMessage);
    if (channel === ONLINE) return this.#friendsSee(userID, frameOn);
    const frame = frameOn(channel);
    for (const conn of this.#subscribers.get(channel) ?? []) this.#push(conn, frame);
  }

  #deliver(events: readonly LiveEvent[]) {
    for (const event of events) {
      const subscribers = this.#subscribers.get(event.channel);
      if (!subscribers?.size) continue;
      // Serialized once for every subscriber.
      const frame = JSON.stringify({type: 'event', ...event} satisfies HubServerMessage);
      for (const conn of subscribers) this.#push(conn, frame);
      if (event.name === 'friend.accepted' || event.name === 'friend.removed') this.#friendChanged(event);
    }
  }

  /** [LV8] A new friend's presence shows at once; an ended friendship's goes. */
  #friendChanged(event: LiveEvent) {
    const owner = event.channel.slice('user:'.length);
    const data = event.data as {userID?: string; friendID?: string};
    const other = event.name === 'friend.removed' || data.userID !== owner ? data.userID : data.friendID;
    const status = other && this.#statusOf(ONLINE, other);
    if (!other || !status) return;
    const action = event.name === 'friend.accepted' ? 'enter' : 'leave';
    const frame = JSON.stringify({
      type: 'presence',
      channel: event.channel,
      action,
      member: {userID: other, status},
    } satisfies HubServerMessage);
    for (const conn of this.#subscribers.get(event.channel) ?? []) this.#push(conn, frame);
  }

  #fromBus(message: BusMessage) {
    switch (message.kind) {
      case 'events':
        return this.#deliver(message.events);
      case 'recipe':
        return void this.#rebuild(message.recipe).then(
          events => this.#deliver(events),
          (err: unknown) => this.#log(`live hub: cannot rebuild shared events (${String(err)})`),
        );
      case 'recheck':
        return this.#recheckLocal();
      case 'presence':
        return this.#setPresence(
          message.channel,
          message.key,
          message.userID,
          message.status === 'online' || message.status === 'idle' ? message.status : null,
        );
      case 'presence-sync':
        for (const conn of this.#connections) {
          if (!conn.userID) continue;
          const online = this.#presence.get(ONLINE)?.get(this.#key(conn));
          const entries = [...conn.presence, ...(online ? ([[ONLINE, online.status]] as const) : [])];
          for (const [channel, status] of entries) {
            this.#bus.send({kind: 'presence', channel, key: this.#key(conn), userID: conn.userID, status});
          }
        }
    }
  }

  /** [LV3] Drops every subscription, presence and typing right the read rules no longer allow. */
  #recheckLocal() {
    if (this.#rechecking) {
      this.#recheckAgain = true;
      return;
    }
    const run = async () => {
      const work = [...this.#connections].flatMap(conn =>
        [...conn.allowed].map(channel => ({conn, channel})),
      );
      let next = 0;
      const worker = async () => {
        while (next < work.length) {
          const {conn, channel} = work[next++]!;
          if (!conn.userID || !this.#connections.has(conn)) continue;
          const still = await mayUseChannel(this.#deps, conn.userID, channel).catch(() => false);
          if (still) continue;
          conn.allowed.delete(channel);
          if (conn.attached.has(channel)) {
            this.#detach(conn, channel);
            this.#send(conn, {type: 'detached', channel, reason: 'forbidden'});
          }
          if (conn.presence.has(channel)) this.#leavePresence(conn, channel);
        }
      };
      await Promise.all(Array.from({length: RECHECK_CONCURRENCY}, worker));
    };
    this.#rechecking = run()
      .catch((err: unknown) => this.#log(`live hub: recheck failed (${String(err)})`))
      .finally(() => {
        this.#rechecking = undefined;
        if (this.#recheckAgain) {
          this.#recheckAgain = false;
          this.#recheckLocal();
        }
      });
  }

  #beat() {
    for (const conn of this.#connections) {
      if (!conn.alive) {
        conn.ws.terminate();
        continue;
      }
      conn.alive = false;
      conn.ws.ping();
    }
  }

  /** Sends a frame already serialized, unless the socket is not keeping up. */
  #push(conn: Connection, frame: string) {
    if (conn.ws.readyState !== conn.ws.OPEN) return;
    if (conn.ws.bufferedAmount > MAX_BUFFERED_BYTES) {
      conn.ws.terminate();
      return;
    }
    conn.ws.send(frame);
  }

  #send(conn: Connection, message: HubServerMessage) {
    if (conn.ws.readyState === conn.ws.OPEN) conn.ws.send(JSON.stringify(message));
  }
}
