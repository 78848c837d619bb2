import {
  dmChannel,
  presenceChannel,
  roomChannel,
  userChannel,
  whereConversationMember,
  whereRoomReadable,
  whereServerMember,
  zql,
  type LiveEvent,
} from '@chorus/schema';
import * as Ably from 'ably';
import type {Deps} from '../deps.ts';
import type {LivePublisher} from './types.ts';

/**
 * [LV6] A token lives at most this long. Removal from a room or server
 * revokes the person's tokens at once where the key allows token revocation
 * (an Ably app setting); otherwise their access ends when the token does.
 */
export const ABLY_TOKEN_TTL_MS = 10 * 60_000;

type Capability = Record<string, Ably.capabilityOp[]>;

/**
 * [LV6] Ably, when `ABLY_API_KEY` is set. The key stays on the server: it
 * publishes committed writes' events with it, and signs token requests whose
 * capabilities list only the channels this person may use today. Browsers
 * publish typing (and enter presence) under their own `clientId`, which Ably
 * stamps on what they send; clients accept row events only from the server
 * (no `clientId`) and typing only as the `clientId` that sent it, since Ably
 * cannot limit a publish capability to some event names.
 */
export class AblyLive implements LivePublisher {
  readonly #rest: Ably.Rest;
  readonly #log: (line: string) => void;
  #revocationWorks = true;

  constructor(key: string, log: (line: string) => void = () => {}) {
    this.#rest = new Ably.Rest({key, queryTime: false});
    this.#log = log;
  }

  publish(events: readonly LiveEvent[]): void {
    for (const event of events) {
      this.#rest.channels
        .get(event.channel)
        .publish(event.name, {data: event.data, at: event.at})
        .catch((err: unknown) => this.#log(`ably: cannot publish ${event.name} (${String(err)})`));
    }
  }

  recheck(userIDs: readonly string[]): void {
    if (!userIDs.length || !this.#revocationWorks) return;
    this.#rest.auth.revokeTokens(userIDs.map(value => ({type: 'clientId', value}))).catch((err: unknown) => {
      // Revocation must be enabled on the key; without it tokens run out by their TTL.
      this.#revocationWorks = false;
      this.#log(
        `ably: cannot revoke tokens (${String(err)}); access ends with each token's ${ABLY_TOKEN_TTL_MS / 60_000}-minute TTL`,
      );
    });
  }

  async stop(): Promise<void> {}

  /** A signed token request for `userID`, made offline (HMAC with the key's secret). */
  async tokenRequest(deps: Pick<Deps, 'zqlDb'>, userID: string): Promise<Ably.TokenRequest> {
    return this.#rest.auth.createTokenRequest({
      clientId: userID,
      capability: await ablyCapability(deps, userID),
      ttl: ABLY_TOKEN_TTL_MS,
    });
  }
}

/**
 * [LV2][LV6] The channels a person may use, from the same read rules as
 * Zero's: readable rooms and their conversations (subscribe, publish for
 * typing), their servers' presence, and their own channel.
 */
export async function ablyCapability(deps: Pick<Deps, 'zqlDb'>, userID: string): Promise<Capability> {
  const {rooms, conversations, servers} = await deps.zqlDb.transaction(async tx => ({
    rooms: await tx.run(whereRoomReadable(zql.rooms, userID)),
    conversations: await tx.run(whereConversationMember(zql.directConversations, userID)),
    servers: await tx.run(whereServerMember(zql.servers, userID)),
  }));
  const capability: Capability = {[userChannel(userID)]: ['subscribe']};
  for (const room of rooms) capability[roomChannel(room.serverID, room.id)] = ['subscribe', 'publish'];
  for (const c of conversations) capability[dmChannel(c.id)] = ['subscribe', 'publish'];
  for (const s of servers) capability[presenceChannel(s.id)] = ['subscribe', 'presence'];
  return capability;
}
