import * as z from 'zod/mini';

/**
 * Live events: the fast lane beside Zero (SPEC LV1–LV9). Zero stays the
 * source of truth and the offline replica; these events only show people
 * what just happened a little sooner, and what is fleeting (typing, presence).
 *
 * Channel names are the seed's, so the same names work on Ably and on the
 * embedded hub:
 * - rooms `{serverID}:{roomID}`, readable by the room's readers [R1]
 * - direct conversations `dm:{conversationID}`, by its members [DM2]
 * - people `user:{userID}`, by that person only
 * - presence `presence:{serverID}`, by the server's members [S1] (Chorus's
 *   own: the seed names "presence optimization" but no channel for it)
 */
export type Channel =
  | {kind: 'room'; serverID: string; roomID: string}
  | {kind: 'dm'; conversationID: string}
  | {kind: 'user'; userID: string}
  | {kind: 'presence'; serverID: string};

const ID = '[0-9A-Za-z_-]{1,64}';
const ROOM = new RegExp(`^(${ID}):(${ID})$`);
const DM = new RegExp(`^dm:(${ID})$`);
const USER = new RegExp(`^user:(${ID})$`);
const PRESENCE = new RegExp(`^presence:(${ID})$`);

export const roomChannel = (serverID: string, roomID: string) => `${serverID}:${roomID}`;
export const dmChannel = (conversationID: string) => `dm:${conversationID}`;
export const userChannel = (userID: string) => `user:${userID}`;
export const presenceChannel = (serverID: string) => `presence:${serverID}`;

/** A channel's parts, or undefined for a name that is none of Chorus's. */
export function parseChannel(name: string): Channel | undefined {
  let m: RegExpExecArray | null;
  if ((m = DM.exec(name))) return {kind: 'dm', conversationID: m[1]!};
  if ((m = USER.exec(name))) return {kind: 'user', userID: m[1]!};
  if ((m = PRESENCE.exec(name))) return {kind: 'presence', serverID: m[1]!};
  if ((m = ROOM.exec(name))) return {kind: 'room', serverID: m[1]!, roomID: m[2]!};
  return undefined;
}

/** The seed's event names. */
export const liveEventNames = [
  'message.created',
  'message.updated',
  'message.deleted',
  'reaction.added',
  'reaction.removed',
  'typing.start',
  'typing.stop',
  'user.joined',
  'user.left',
  'friend.request',
  'friend.accepted',
  'friend.removed',
  'friend.online',
  'friend.offline',
  'room.created',
  'room.updated',
  'room.deleted',
  'member.joined',
  'member.left',
  'agent.active',
] as const;
export type LiveEventName = (typeof liveEventNames)[number];

/** [LV4] The only events a client may publish itself; the server stamps who sent them. */
export const clientEventNames = ['typing.start', 'typing.stop'] as const;
export type ClientEventName = (typeof clientEventNames)[number];

/**
 * A message row as Zero's client holds it (`schema.ts` messages), the payload
 * of `message.created|updated|deleted`, with its author for the fast lane.
 */
export const liveMessageSchema = z.object({
  id: z.string(),
  roomID: z.optional(z.nullable(z.string())),
  conversationID: z.optional(z.nullable(z.string())),
  userID: z.optional(z.nullable(z.string())),
  content: z.string(),
  parentMessageID: z.optional(z.nullable(z.string())),
  replyCount: z.number(),
  lastReplyAt: z.optional(z.nullable(z.number())),
  createdAt: z.number(),
  editedAt: z.optional(z.nullable(z.number())),
  deletedAt: z.optional(z.nullable(z.number())),
  /** The author's users row, as Zero's `related('author')` gives it. */
  author: z.optional(
    z.nullable(
      z.looseObject({
        id: z.string(),
        username: z.string(),
        pictureUrl: z.optional(z.nullable(z.string())),
        userType: z.string(),
      }),
    ),
  ),
});
export type LiveMessage = z.infer<typeof liveMessageSchema>;

export const typingSchema = z.object({
  userID: z.string(),
  /** A reply in a thread types under its parent. */
  parentMessageID: z.optional(z.nullable(z.string())),
});

export type LiveEvent = {
  channel: string;
  name: LiveEventName;
  data: unknown;
  /** Server time of the event (ms), for ordering and for the benchmark. */
  at: number;
};

export const presenceStatuses = ['online', 'idle'] as const;
export type PresenceStatus = (typeof presenceStatuses)[number];
export type PresenceMember = {userID: string; status: PresenceStatus};

/**
 * The embedded hub's wire protocol (`/api/live`, JSON text frames). Ably's
 * client speaks its own protocol; the client wraps both in one interface.
 * The hub validates what clients send with `api/src/live/protocol.ts` (kept
 * out of this module so the browser bundle does not carry it).
 */
export type HubClientMessage =
  /** First frame: an access token of this API. */
  | {type: 'auth'; token: string}
  | {type: 'attach'; channel: string}
  | {type: 'detach'; channel: string}
  | {type: 'publish'; channel: string; name: ClientEventName; data?: {parentMessageID?: string | null}}
  | {type: 'presence'; channel: string; action: 'enter' | 'update' | 'leave'; status?: PresenceStatus}
  | {type: 'ping'};

export type HubServerMessage =
  | {type: 'ready'; userID: string}
  | {type: 'attached'; channel: string; presence?: PresenceMember[]}
  | {type: 'detached'; channel: string; reason: string}
  | {type: 'event'; channel: string; name: LiveEventName; data: unknown; at: number}
  | {type: 'presence'; channel: string; action: 'enter' | 'update' | 'leave'; member: PresenceMember}
  | {type: 'pong'}
  | {type: 'error'; message: string};

/** Close codes the hub uses (4000–4999 are the application's). */
export const HUB_CLOSE = {
  /** The token was missing, invalid or expired: get a fresh one and reconnect. */
  unauthorized: 4401,
  /** The session ended (signed out): do not reconnect. */
  sessionEnded: 4403,
  /** The client broke the protocol. */
  badMessage: 4400,
} as const;

/** How long a typing indicator lasts without a new `typing.start` [LV7]. */
export const TYPING_TTL_MS = 6_000;
/** How often a typing person repeats `typing.start`. */
export const TYPING_REPEAT_MS = 2_500;
