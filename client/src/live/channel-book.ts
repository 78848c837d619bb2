import type {LiveEvent, PresenceStatus} from '@chorus/schema';
import {membersOf, type LiveEventHandler, type PresenceHandler} from './live-client.ts';

/** What this page wants of one channel, and what it knows of it. */
export type ChannelEntry = {
  readonly name: string;
  readonly handlers: Set<LiveEventHandler>;
  readonly presenceHandlers: Set<PresenceHandler>;
  /** Who is present, as last heard (empty while detached). */
  readonly members: Map<string, PresenceStatus>;
  /** My presence here, kept so a reconnect enters again; undefined when I am not entered. */
  myStatus: PresenceStatus | undefined;
};

/**
 * The channels an adapter keeps attached, counted by use: a channel is
 * attached while it has a listener, a presence listener or my presence on it,
 * and detached when the last of them goes. Both adapters keep one.
 */
export class ChannelBook {
  readonly #entries = new Map<string, ChannelEntry>();

  get(channel: string): ChannelEntry | undefined {
    return this.#entries.get(channel);
  }

  all(): IterableIterator<ChannelEntry> {
    return this.#entries.values();
  }

  /** The channel's entry, made if new; `fresh` says it was not attached before. */
  use(channel: string): {entry: ChannelEntry; fresh: boolean} {
    const known = this.#entries.get(channel);
    if (known) return {entry: known, fresh: false};
    const entry: ChannelEntry = {
      name: channel,
      handlers: new Set(),
      presenceHandlers: new Set(),
      members: new Map(),
      myStatus: undefined,
    };
    this.#entries.set(channel, entry);
    return {entry, fresh: true};
  }

  /** Forgets the channel when nothing uses it any more; true when it should be detached. */
  release(channel: string): boolean {
    const entry = this.#entries.get(channel);
    if (!entry || entry.handlers.size || entry.presenceHandlers.size || entry.myStatus) return false;
    this.#entries.delete(channel);
    return true;
  }

  dispatch(event: LiveEvent): void {
    for (const handler of this.#entries.get(event.channel)?.handlers ?? []) handler(event);
  }

  /** Tells the channel's presence listeners who is there now. */
  announce(entry: ChannelEntry): void {
    const members = membersOf(entry.members);
    for (const handler of entry.presenceHandlers) handler(members);
  }
}
