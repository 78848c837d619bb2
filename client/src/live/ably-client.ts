import {
  clientEventNames,
  liveEventNames,
  presenceStatuses,
  type ClientEventName,
  type LiveEventName,
  type PresenceStatus,
} from '@chorus/schema';
import type * as Ably from 'ably';
import * as z from 'zod/mini';
import {ChannelBook, type ChannelEntry} from './channel-book.ts';
import type {LiveAuth, LiveClient, LiveEventHandler, LiveState, PresenceHandler} from './live-client.ts';

/** The API's answer to `POST /api/v1/realtime/token`: an Ably TokenRequest signed with the server's key. */
const tokenRequestSchema = z.looseObject({
  keyName: z.string(),
  mac: z.string(),
  nonce: z.string(),
  timestamp: z.number(),
  capability: z.string(),
  clientId: z.optional(z.string()),
  ttl: z.optional(z.number()),
});
const presenceData = z.looseObject({status: z.enum(presenceStatuses)});

const isEventName = (name: unknown): name is LiveEventName =>
  typeof name === 'string' && (liveEventNames as readonly string[]).includes(name);
const isClientEvent = (name: string): name is ClientEventName =>
  (clientEventNames as readonly string[]).includes(name);

/** Ably's connection states in the interface's three. */
function stateOf(state: Ably.ConnectionState): LiveState {
  if (state === 'connected') return 'connected';
  return state === 'closed' || state === 'failed' ? 'closed' : 'connecting';
}

/**
 * The Ably adapter (`live.provider: 'ably'` in the client config). The SDK
 * is imported on first use, so people on the embedded hub never download
 * it. The key stays on the server: the SDK asks the API for a token request
 * whose capability lists only the channels I may use today, and again when
 * it expires. Ably reconnects, re-attaches and re-enters presence itself.
 */
export class AblyLiveClient implements LiveClient {
  readonly #book = new ChannelBook();
  readonly #auth: LiveAuth;
  readonly #realtime: Promise<Ably.Realtime>;
  readonly #stateListeners = new Set<(state: LiveState) => void>();
  readonly #listeners = new Map<string, {message: Ably.messageCallback<Ably.InboundMessage>}>();
  readonly #presenceListeners = new Map<string, Ably.messageCallback<Ably.PresenceMessage>>();
  #state: LiveState = 'connecting';

  constructor(auth: LiveAuth) {
    this.#auth = auth;
    this.#realtime = import('ably').then(({Realtime}) => {
      const realtime = new Realtime({
        authCallback: (_params, callback) =>
          void this.#tokenRequest().then(
            request => callback(null, request),
            (err: unknown) => callback(err instanceof Error ? err.message : String(err), null),
          ),
        // Leaving at once when the page closes: others see me go offline in seconds.
        closeOnUnload: true,
      });
      realtime.connection.on(change => this.#setState(stateOf(change.current)));
      if (this.#state === 'closed') realtime.close();
      return realtime;
    });
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
    if (fresh) this.#attach(entry);
    return () => {
      entry.handlers.delete(onEvent);
      this.#release(channel);
    };
  }

  publish(channel: string, name: ClientEventName, data?: {parentMessageID?: string | null}): void {
    if (this.#state !== 'connected') return;
    void this.#channel(channel).then(c => c.publish(name, data ?? {}).catch(() => {}));
  }

  enterPresence(channel: string, status: PresenceStatus): void {
    const {entry, fresh} = this.#book.use(channel);
    const entered = entry.myStatus !== undefined;
    entry.myStatus = status;
    if (fresh) this.#attach(entry);
    void this.#channel(channel).then(c =>
      (entered ? c.presence.update({status}) : c.presence.enter({status})).catch(() => {}),
    );
  }

  leavePresence(channel: string): void {
    const entry = this.#book.get(channel);
    if (!entry?.myStatus) return;
    entry.myStatus = undefined;
    void this.#channel(channel).then(c => c.presence.leave().catch(() => {}));
    this.#release(channel);
  }

  onPresence(channel: string, onMembers: PresenceHandler): () => void {
    const {entry, fresh} = this.#book.use(channel);
    entry.presenceHandlers.add(onMembers);
    if (fresh) this.#attach(entry);
    if (!this.#presenceListeners.has(channel)) this.#watchPresence(entry);
    else this.#book.announce(entry);
    return () => {
      entry.presenceHandlers.delete(onMembers);
      this.#release(channel);
    };
  }

  close(): void {
    this.#setState('closed');
    void this.#realtime.then(r => r.close());
  }

  /** A token request from the API, with one silent refresh of an expired access token. */
  async #tokenRequest(): Promise<Ably.TokenRequest> {
    const ask = (token: string | undefined) =>
      fetch('/api/v1/realtime/token', {
        method: 'POST',
        headers: token ? {authorization: `Bearer ${token}`} : {},
      });
    let res = await ask(this.#auth.token());
    if (res.status === 401) res = await ask(await this.#auth.refresh());
    if (!res.ok) throw new Error(`realtime token: ${res.status}`);
    return tokenRequestSchema.parse(await res.json());
  }

  #channel(name: string): Promise<Ably.RealtimeChannel> {
    return this.#realtime.then(r => r.channels.get(name));
  }

  #attach(entry: ChannelEntry): void {
    const message: Ably.messageCallback<Ably.InboundMessage> = m => {
      if (!isEventName(m.name)) return;
      // A client may publish only typing; the server's events carry no
      // clientId. Anything else from a client is a forgery and is dropped.
      if (m.clientId && !isClientEvent(m.name)) return;
      // [LV4] Ably's clientId comes from the token the API issued: it is who
      // sent a client event, as the hub's stamped userID is.
      const data = m.clientId ? {...(m.data as object | undefined), userID: m.clientId} : m.data;
      this.#book.dispatch({channel: entry.name, name: m.name, data, at: m.timestamp ?? Date.now()});
    };
    this.#listeners.set(entry.name, {message});
    void this.#channel(entry.name).then(c => c.subscribe(message).catch(() => {}));
  }

  #watchPresence(entry: ChannelEntry): void {
    const onChange: Ably.messageCallback<Ably.PresenceMessage> = m => {
      const parsed = presenceData.safeParse(m.data);
      if (m.action === 'leave' || m.action === 'absent') entry.members.delete(m.clientId);
      else if (parsed.success) entry.members.set(m.clientId, parsed.data.status);
      this.#book.announce(entry);
    };
    this.#presenceListeners.set(entry.name, onChange);
    void this.#channel(entry.name)
      .then(async c => {
        await c.presence.subscribe(onChange);
        for (const m of await c.presence.get()) {
          const parsed = presenceData.safeParse(m.data);
          if (parsed.success) entry.members.set(m.clientId, parsed.data.status);
        }
        this.#book.announce(entry);
      })
      .catch(() => {});
  }

  #release(channel: string): void {
    if (!this.#book.release(channel)) return;
    const listeners = this.#listeners.get(channel);
    const presence = this.#presenceListeners.get(channel);
    this.#listeners.delete(channel);
    this.#presenceListeners.delete(channel);
    void this.#channel(channel)
      .then(c => {
        if (listeners) c.unsubscribe(listeners.message);
        if (presence) c.presence.unsubscribe(presence);
        return c.detach();
      })
      .catch(() => {});
  }

  #setState(state: LiveState): void {
    if (this.#state === state || this.#state === 'closed') return;
    this.#state = state;
    for (const listener of this.#stateListeners) listener(state);
  }
}
