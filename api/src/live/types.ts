import type {LiveEvent} from '@chorus/schema';

/**
 * What a committed write asks of the live layer: events to show people now,
 * and whether it may have taken someone's access away (then every
 * subscription is checked again). Built after commit from the mutation's
 * name and arguments (`effects.ts`), so it can also travel between API
 * processes and be built again there when its events are too large to send.
 */
export type LiveRecipe = {name: string; args: unknown; userID: string | undefined};

/** Where committed writes' events go: the embedded hub or Ably (one interface). */
export interface LivePublisher {
  /** Sends events to their channels' current subscribers. Never throws. */
  publish(events: readonly LiveEvent[], recipe?: LiveRecipe): void;
  /**
   * [LV3] Access may have changed (for `userIDs` when known): drop the
   * subscriptions the read rules no longer allow.
   */
  recheck(userIDs: readonly string[]): void;
  stop(): Promise<void>;
  /** [LV8] Whether someone is connected now, where the adapter knows it (the hub does; Ably's client does). */
  presenceOf?(userID: string): 'online' | 'idle' | 'offline';
}
