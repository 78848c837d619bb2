import type {ClientEventName, LiveEvent, PresenceMember, PresenceStatus} from '@chorus/schema';

/** Where a live client is: connecting (or waiting to retry), connected, or closed for good. */
export type LiveState = 'connecting' | 'connected' | 'closed';

export type LiveEventHandler = (event: LiveEvent) => void;
export type PresenceHandler = (members: readonly PresenceMember[]) => void;

/**
 * The fast lane beside Zero (issue 17): one interface over the embedded hub
 * (hub-client.ts) and Ably (ably-client.ts), so the rest of the app never
 * knows which one runs. Channels are the seed's names (`roomChannel`,
 * `dmChannel`, `userChannel`, `presenceChannel` in @chorus/schema). Every
 * method may be called at any time, connected or not: the adapter attaches
 * when it can, and again after every reconnect.
 */
export interface LiveClient {
  /** Events on a channel until the returned function is called (the channel stays attached while anyone listens). */
  subscribe(channel: string, onEvent: LiveEventHandler): () => void;
  /** [LV4] Publishes one of the events a client may send itself; dropped while not connected (they are fleeting). */
  publish(channel: string, name: ClientEventName, data?: {parentMessageID?: string | null}): void;
  /** Shows me on a channel's presence with a status (again after reconnects), or changes my status there. */
  enterPresence(channel: string, status: PresenceStatus): void;
  leavePresence(channel: string): void;
  /** Who is present on a channel, now and on every change, until the returned function is called. */
  onPresence(channel: string, onMembers: PresenceHandler): () => void;
  readonly state: LiveState;
  onStateChange(listener: (state: LiveState) => void): () => void;
  /** Ends the connection for good (sign-out). */
  close(): void;
}

/** What an adapter needs from the signed-in session. */
export type LiveAuth = {
  /** The current access token, if there is one. */
  token: () => string | undefined;
  /** A fresh access token (the old one expired or was refused); undefined when the session is gone or offline. */
  refresh: () => Promise<string | undefined>;
};

/** The most recent members of a channel, by id, in the order they came. */
export function membersOf(members: ReadonlyMap<string, PresenceStatus>): PresenceMember[] {
  return [...members].map(([userID, status]) => ({userID, status}));
}
