import {defineQueries, defineQuery} from '@rocicorp/zero';
import * as z from 'zod/mini';
import {idSchema} from './args.ts';
import {conversationQueries} from './conversation-queries.ts';
import {friendQueries} from './friend-queries.ts';
import type {AuthContext} from './context.ts';
import {limits} from './limits.ts';
import {searchPatterns} from './message-format.ts';
import {
  NOBODY,
  whereInReadableRoom,
  whereConversationMember,
  whereMessageReadable,
  whereRoomMessageReadable,
  whereRoomReadable,
  whereServerMember,
} from './permissions.ts';
import {zql} from './schema.ts';

/**
 * Synced queries. The same definitions run on the client (against the local
 * replica) and on the server (where zero-cache asks the API for their ZQL);
 * every one filters by the caller, so the server's answer is the permission.
 * A missing context yields the empty set, never everything.
 */

const uid = (ctx: AuthContext | undefined) => ctx?.userID ?? NOBODY;

export const roomMessagesArgsSchema = z.object({
  roomID: idSchema,
  limit: z.int().check(z.minimum(1), z.maximum(limits.messagesLoadedMax)),
});

export const searchArgsSchema = z.object({
  text: z.string().check(z.maxLength(200)),
  serverID: z.optional(idSchema),
  roomID: z.optional(idSchema),
  /** [DM2] Search one direct conversation I am in, instead of rooms. */
  conversationID: z.optional(idSchema),
  fromUserID: z.optional(idSchema),
  hasFile: z.optional(z.boolean()),
  limit: z.int().check(z.minimum(1), z.maximum(200)),
});

export const queries = defineQueries({
  ...friendQueries,
  ...conversationQueries,

  /** [U1] The signed-in user's own row. */
  me: defineQuery(z.undefined(), ({ctx}) => zql.users.where('id', uid(ctx)).one()),

  /** [S1] My servers with my membership. */
  myServers: defineQuery(z.undefined(), ({ctx}) =>
    whereServerMember(zql.servers, uid(ctx))
      .related('members', m => m.where('userID', uid(ctx)))
      .orderBy('createdAt', 'asc'),
  ),

  /** [S1][S2] One server (if I am a member) with its members. */
  server: defineQuery(z.object({serverID: idSchema}), ({ctx, args}) =>
    whereServerMember(zql.servers.where('id', args.serverID), uid(ctx))
      .related('members', m => m.related('user').orderBy('joinedAt', 'asc'))
      .one(),
  ),

  /** [S5] The directory: public servers anyone signed in may find and join. */
  publicServers: defineQuery(z.undefined(), ({ctx}) =>
    zql.servers
      .where('isPrivate', false)
      .related('members', m => m.where('userID', uid(ctx)))
      .orderBy('createdAt', 'desc')
      .limit(200),
  ),

  /** [S6] A server's bans, for its owner and admins only. */
  serverBans: defineQuery(z.object({serverID: idSchema}), ({ctx, args}) =>
    zql.serverBans
      .where('serverID', args.serverID)
      .whereExists('server', s =>
        s.whereExists('members', m => m.where('userID', uid(ctx)).where('role', 'IN', ['owner', 'admin'])),
      )
      .related('user'),
  ),

  /** [R1] Who was added to a room I can read. */
  roomMembers: defineQuery(z.object({roomID: idSchema}), ({ctx, args}) =>
    whereInReadableRoom(zql.userRooms.where('isMember', true), args.roomID, ctx).related('user'),
  ),

  /**
   * [M2] Mentions of me in rooms I can read, newest first, with the message:
   * unread-mention badges and desktop notifications. Unread rooms themselves
   * come from each room's `activity` (see serverRooms), so messages reach
   * only the members who have their room open.
   */
  myMentions: defineQuery(z.undefined(), ({ctx}) =>
    zql.messageMentions
      .where('userID', uid(ctx))
      .whereExists('room', r => whereRoomReadable(r, uid(ctx)))
      .related('message', m => m.related('author'))
      .orderBy('createdAt', 'desc')
      .limit(200),
  ),

  /**
   * [M1] Others' recent messages in the rooms I asked to hear everything from
   * (notification level "all"): only those rooms pay for the fan-out.
   */
  recentMessages: defineQuery(
    z.object({roomIDs: z.array(idSchema).check(z.maxLength(100)), since: z.int().check(z.nonnegative())}),
    ({ctx, args}) =>
      whereRoomMessageReadable(
        zql.messages
          .where('roomID', 'IN', args.roomIDs)
          .where('createdAt', '>', args.since)
          .where('userID', '!=', uid(ctx)),
        uid(ctx),
      )
        .related('author')
        .orderBy('createdAt', 'desc')
        .limit(100),
  ),

  /** [R1] Every room I can read, in all my servers (quick switcher). */
  myRooms: defineQuery(z.undefined(), ({ctx}) =>
    whereRoomReadable(zql.rooms, uid(ctx)).related('server').orderBy('name', 'asc').limit(2000),
  ),

  /**
   * [M2] The latest activity of each room of a server I can read, but the one
   * I have open (`exceptRoomID`): its messages already reach me, so its
   * activity row would be a second delivery of each message, filtered out
   * before it costs anything.
   */
  serverActivity: defineQuery(
    z.object({serverID: idSchema, exceptRoomID: z.optional(idSchema)}),
    ({ctx, args}) => {
      let q = zql.roomActivity.where('serverID', args.serverID);
      if (args.exceptRoomID) q = q.where('roomID', '!=', args.exceptRoomID);
      return q.whereExists('room', r => whereRoomReadable(r, uid(ctx)));
    },
  ),

  /** [R1] Rooms of a server I can read, with my read state. */
  serverRooms: defineQuery(z.object({serverID: idSchema}), ({ctx, args}) =>
    whereRoomReadable(zql.rooms.where('serverID', args.serverID), uid(ctx))
      .related('members', m => m.where('userID', uid(ctx)))
      .orderBy('createdAt', 'asc'),
  ),

  /** [U1] My read state in a room (lastReadAt), if any. */
  myRoomState: defineQuery(z.object({roomID: idSchema}), ({ctx, args}) =>
    zql.userRooms.where('userID', uid(ctx)).where('roomID', args.roomID).one(),
  ),

  /** [R1] One room I can read, with my read state. */
  room: defineQuery(z.object({roomID: idSchema}), ({ctx, args}) =>
    whereRoomReadable(zql.rooms.where('id', args.roomID), uid(ctx))
      .related('members', m => m.where('userID', uid(ctx)))
      .one(),
  ),

  /** [M1] The latest `limit` top-level messages of a room, newest first (replies live in threads). */
  roomMessages: defineQuery(roomMessagesArgsSchema, ({ctx, args}) =>
    whereInReadableRoom(zql.messages.where('parentMessageID', 'IS', null), args.roomID, ctx)
      .related('author')
      .related('reactions')
      .related('files')
      .orderBy('createdAt', 'desc')
      .orderBy('id', 'desc')
      .limit(args.limit),
  ),

  /** [M1] A thread: the parent (if readable) with its replies, oldest first, each with its files (FL3). */
  thread: defineQuery(z.object({messageID: idSchema}), ({ctx, args}) =>
    whereMessageReadable(zql.messages.where('id', args.messageID), uid(ctx))
      .related('author')
      .related('reactions')
      .related('files')
      .related('replies', r =>
        r
          .related('author')
          .related('reactions')
          .related('files')
          .orderBy('createdAt', 'asc')
          .orderBy('id', 'asc')
          .limit(1000),
      )
      .one(),
  ),

  /**
   * [M1] Search over readable rooms (optionally one server, room or author,
   * or only messages with files). Runs at once over the local replica; the
   * server's answer adds older history.
   */
  searchMessages: defineQuery(searchArgsSchema, ({ctx, args}) => {
    let q = zql.messages.where('deletedAt', 'IS', null);
    if (args.text) {
      // [MF1] Typed text, and older rows as the old composer escaped them.
      const patterns = searchPatterns(args.text);
      q = q.where(({or, cmp}) => or(...patterns.map(p => cmp('content', 'ILIKE', p))));
    }
    if (args.fromUserID) q = q.where('userID', args.fromUserID);
    if (args.roomID) q = q.where('roomID', args.roomID);
    // [FL7] Only a file people can open counts: not one being scanned, infected, refused or unfinished.
    if (args.hasFile) q = q.whereExists('files', f => f.where('status', 'ready'));
    const serverID = args.serverID;
    const conversationID = args.conversationID;
    const readable = conversationID
      ? q
          .where('conversationID', conversationID)
          .whereExists('conversation', c => whereConversationMember(c, uid(ctx)))
      : q.whereExists('room', r => whereRoomReadable(serverID ? r.where('serverID', serverID) : r, uid(ctx)));
    return readable.related('author').related('room').orderBy('createdAt', 'desc').limit(args.limit);
  }),
});

export type Queries = typeof queries;
