import {
  dmChannel,
  presenceChannel,
  roomChannel,
  userChannel,
  type LiveEvent,
  type LiveEventName,
  type LiveMessage,
} from '@chorus/schema';
import type {Pool} from 'pg';
import {record} from './after-commit.ts';
import type {LiveRecipe} from './types.ts';

type AnyMutator = {
  mutatorName: string;
  fn: (options: {tx: unknown; ctx: unknown; args: unknown}) => Promise<void>;
};

/**
 * [LV1] Makes every server mutator record what it did once it succeeds, so
 * each door a write comes through (Zero push, REST, the agent API) has the
 * same live events. Call once, on the server's mutator tree.
 */
export function recordLiveEffects(tree: object): void {
  for (const [key, value] of Object.entries(tree)) {
    if (key === '~' || value === null || (typeof value !== 'object' && typeof value !== 'function')) continue;
    if (isMutator(value)) {
      const run = value.fn;
      value.fn = async options => {
        await run(options);
        const ctx = options.ctx as {userID?: string} | undefined;
        record({name: value.mutatorName, args: idsOf(options.args), userID: ctx?.userID});
      };
    } else {
      recordLiveEffects(value as object);
    }
  }
}

/**
 * What effects need of a mutation's arguments: the ids and the emoji, never
 * the content (the row is read after commit), so a recipe always fits in a
 * notification to the other API processes.
 */
function idsOf(args: unknown): Record<string, string> {
  const kept: Record<string, string> = {};
  if (typeof args !== 'object' || args === null) return kept;
  for (const key of ['id', 'messageID', 'emoji', 'userID', 'roomID', 'serverID', 'conversationID']) {
    const value = (args as Record<string, unknown>)[key];
    if (typeof value === 'string' && value.length <= 128) kept[key] = value;
  }
  return kept;
}

function isMutator(value: unknown): value is AnyMutator {
  return (
    typeof value === 'function' &&
    typeof (value as Partial<AnyMutator>).mutatorName === 'string' &&
    typeof (value as Partial<AnyMutator>).fn === 'function'
  );
}

/**
 * [LV3] Mutations that can take away someone's right to read a room, a
 * server or a conversation: after one commits, every live subscription is
 * checked again and those the read rules no longer allow are dropped.
 */
const ACCESS_CHANGES = new Set([
  'server.leave',
  'server.delete',
  'member.kick',
  'member.ban',
  'room.update',
  'room.delete',
  'room.removeMember',
  'conversation.leave',
  'block.add',
]);

const MESSAGE_EVENTS: Record<string, LiveEventName> = {
  'message.send': 'message.created',
  'conversation.send': 'message.created',
  'message.edit': 'message.updated',
  'message.delete': 'message.deleted',
};

const REACTION_EVENTS: Record<string, LiveEventName> = {
  'reaction.add': 'reaction.added',
  'reaction.remove': 'reaction.removed',
};

export type LiveEffects = {events: LiveEvent[]; recheck: boolean};

/**
 * What a committed mutation shows people: the rows as clients hold them,
 * read after the commit (so never a rolled-back one), on the channel whose
 * subscribers are exactly the rows' readers [LV2]: a room's messages on
 * `{serverID}:{roomID}`, a conversation's on `dm:{conversationID}`.
 */
export async function liveEffects(pool: Pool, recipe: LiveRecipe): Promise<LiveEffects> {
  const recheck = ACCESS_CHANGES.has(recipe.name);
  const args = (recipe.args ?? {}) as {id?: unknown; messageID?: unknown; emoji?: unknown};
  const messageEvent = MESSAGE_EVENTS[recipe.name];
  if (messageEvent && typeof args.id === 'string') {
    const found = await readMessage(pool, args.id);
    if (!found) return {events: [], recheck};
    return {
      events: [{channel: found.channel, name: messageEvent, data: found.message, at: Date.now()}],
      recheck,
    };
  }
  const reactionEvent = REACTION_EVENTS[recipe.name];
  if (
    reactionEvent &&
    typeof args.messageID === 'string' &&
    typeof args.emoji === 'string' &&
    recipe.userID
  ) {
    const channel = await messageChannel(pool, args.messageID);
    if (!channel) return {events: [], recheck};
    const data = {messageID: args.messageID, userID: recipe.userID, emoji: args.emoji};
    return {events: [{channel, name: reactionEvent, data, at: Date.now()}], recheck};
  }
  const at = Date.now();
  const event = (channel: string, name: LiveEventName, data: unknown): LiveEvent => ({
    channel,
    name,
    data,
    at,
  });
  const a = args as Record<string, string | undefined>;
  switch (recipe.name) {
    case 'server.join':
    case 'server.joinPublic':
    case 'server.addAgent': {
      // Joining by code names no server: the one this person joined last.
      const joiner = recipe.name === 'server.addAgent' ? a.userID : recipe.userID;
      const serverID = a.serverID ?? (joiner && (await lastJoined(pool, joiner)));
      if (!serverID || !joiner) break;
      const data = {serverID, userID: joiner};
      return {events: [event(presenceChannel(serverID), 'member.joined', data)], recheck};
    }
    case 'server.leave':
    case 'member.kick':
    case 'member.ban': {
      const userID = a.userID ?? recipe.userID;
      if (!a.serverID || !userID) break;
      const data = {serverID: a.serverID, userID};
      return {events: [event(presenceChannel(a.serverID), 'member.left', data)], recheck};
    }
    case 'room.create':
    case 'room.update': {
      const room = await readRoom(pool, a.id ?? a.roomID);
      if (!room) break;
      // [LV2] A private room's news goes to its readers only, on its own channel.
      const channel = room.isPrivate ? roomChannel(room.serverID, room.id) : presenceChannel(room.serverID);
      const name = recipe.name === 'room.create' ? 'room.created' : 'room.updated';
      return {events: [event(channel, name, room)], recheck};
    }
    case 'room.addMember':
    case 'room.removeMember': {
      const room = await readRoom(pool, a.roomID);
      if (!room || !a.userID) break;
      const name = recipe.name === 'room.addMember' ? 'user.joined' : 'user.left';
      const data = {roomID: room.id, userID: a.userID};
      return {events: [event(roomChannel(room.serverID, room.id), name, data)], recheck};
    }
    case 'friend.request':
    case 'friend.accept': {
      // Asking someone who had asked you accepts theirs: then the pair's row, not a new one.
      const friendship = await readFriendship(pool, a.id, recipe.userID, a.userID);
      if (!friendship) break;
      const name = friendship.status === 'accepted' ? 'friend.accepted' : 'friend.request';
      // [F5] A request from someone the asked person blocked reaches only its sender.
      const people =
        name === 'friend.request' && friendship.askerBlocked
          ? [friendship.userID]
          : [friendship.userID, friendship.friendID];
      const {askerBlocked: _, ...data} = friendship;
      return {events: people.map(id => event(userChannel(id), name, data)), recheck};
    }
    case 'friend.remove': {
      if (!a.userID || !recipe.userID) break;
      const events = [
        event(userChannel(recipe.userID), 'friend.removed', {userID: a.userID}),
        event(userChannel(a.userID), 'friend.removed', {userID: recipe.userID}),
      ];
      return {events, recheck};
    }
  }
  return {events: [], recheck};
}

async function lastJoined(pool: Pool, userID: string): Promise<string | undefined> {
  const {rows} = await pool.query<{server_id: string}>(
    'SELECT server_id FROM public.user_servers WHERE user_id = $1 ORDER BY joined_at DESC LIMIT 1',
    [userID],
  );
  return rows[0]?.server_id;
}

/** A rooms row as Zero's client holds it. */
async function readRoom(pool: Pool, id: string | undefined) {
  if (!id) return undefined;
  const {rows} = await pool.query<{
    id: string;
    serverID: string;
    name: string;
    isPrivate: boolean;
    createdBy: string | null;
    createdAt: number;
  }>(
    `SELECT id, server_id AS "serverID", name, is_private AS "isPrivate", created_by AS "createdBy",
            ${MS('created_at')} AS "createdAt"
       FROM public.rooms WHERE id = $1`,
    [id],
  );
  return rows[0];
}

/** A friendships row as Zero's client holds it, and whether the one asked has blocked the asker. */
async function readFriendship(pool: Pool, id: string | undefined, me?: string, other?: string) {
  if (!id) return undefined;
  const {rows} = await pool.query<{
    id: string;
    userID: string;
    friendID: string;
    status: string;
    createdAt: number;
    acceptedAt: number | null;
    askerBlocked: boolean;
  }>(
    `SELECT f.id, f.user_id AS "userID", f.friend_id AS "friendID", f.status,
            ${MS('f.created_at')} AS "createdAt", ${MS('f.accepted_at')} AS "acceptedAt",
            EXISTS (SELECT 1 FROM public.user_blocks b
                     WHERE b.blocker_id = f.friend_id AND b.blocked_id = f.user_id) AS "askerBlocked"
       FROM public.friendships f
      WHERE f.id = $1
         OR (f.user_id = $2 AND f.friend_id = $3) OR (f.user_id = $3 AND f.friend_id = $2)
      ORDER BY f.id = $1 DESC LIMIT 1`,
    [id, me ?? null, other ?? null],
  );
  return rows[0];
}

const MS = (column: string) => `(extract(epoch FROM ${column}) * 1000)::float8`;

async function readMessage(
  pool: Pool,
  id: string,
): Promise<{channel: string; message: LiveMessage} | undefined> {
  const {rows} = await pool.query<{
    id: string;
    room_id: string | null;
    conversation_id: string | null;
    server_id: string | null;
    user_id: string | null;
    content: string;
    parent_message_id: string | null;
    reply_count: number;
    last_reply_at: number | null;
    created_at: number;
    edited_at: number | null;
    deleted_at: number | null;
    username: string | null;
    picture_url: string | null;
    external_link: string | null;
    user_type: string | null;
    user_created_at: number | null;
    user_updated_at: number | null;
  }>(
    `SELECT m.id, m.room_id, m.conversation_id, r.server_id, m.user_id, m.content, m.parent_message_id,
            m.reply_count, ${MS('m.last_reply_at')} AS last_reply_at, ${MS('m.created_at')} AS created_at,
            ${MS('m.edited_at')} AS edited_at, ${MS('m.deleted_at')} AS deleted_at,
            u.username, u.picture_url, u.external_link, u.user_type,
            ${MS('u.created_at')} AS user_created_at, ${MS('u.updated_at')} AS user_updated_at
       FROM public.messages m
       LEFT JOIN public.rooms r ON r.id = m.room_id
       LEFT JOIN public.users u ON u.id = m.user_id
      WHERE m.id = $1`,
    [id],
  );
  const row = rows[0];
  if (!row) return undefined;
  const channel = placeChannel(row);
  if (!channel) return undefined;
  return {
    channel,
    message: {
      id: row.id,
      roomID: row.room_id,
      conversationID: row.conversation_id,
      userID: row.user_id,
      content: row.content,
      parentMessageID: row.parent_message_id,
      replyCount: row.reply_count,
      lastReplyAt: row.last_reply_at,
      createdAt: row.created_at,
      editedAt: row.edited_at,
      deletedAt: row.deleted_at,
      author:
        row.user_id && row.username !== null
          ? {
              id: row.user_id,
              username: row.username,
              pictureUrl: row.picture_url,
              externalLink: row.external_link,
              userType: row.user_type ?? 'human',
              createdAt: row.user_created_at,
              updatedAt: row.user_updated_at,
            }
          : null,
    },
  };
}

async function messageChannel(pool: Pool, messageID: string): Promise<string | undefined> {
  const {rows} = await pool.query<{
    room_id: string | null;
    conversation_id: string | null;
    server_id: string | null;
  }>(
    `SELECT m.room_id, m.conversation_id, r.server_id
       FROM public.messages m LEFT JOIN public.rooms r ON r.id = m.room_id
      WHERE m.id = $1`,
    [messageID],
  );
  return rows[0] ? placeChannel(rows[0]) : undefined;
}

function placeChannel(row: {
  room_id: string | null;
  conversation_id: string | null;
  server_id: string | null;
}) {
  if (row.room_id && row.server_id) return roomChannel(row.server_id, row.room_id);
  if (row.conversation_id) return dmChannel(row.conversation_id);
  return undefined;
}
