import {defineQuery} from '@rocicorp/zero';
import * as z from 'zod/mini';
import {idSchema} from './args.ts';
import type {AuthContext} from './context.ts';
import {limits} from './limits.ts';
import {NOBODY, whereConversationMember} from './permissions.ts';
import {zql} from './schema.ts';

const uid = (ctx: AuthContext | undefined) => ctx?.userID ?? NOBODY;

export const conversationMessagesArgsSchema = z.object({
  conversationID: idSchema,
  limit: z.int().check(z.minimum(1), z.maximum(limits.messagesLoadedMax)),
});

/**
 * [DM2] A conversation's rows when the caller is a member. On a client
 * (`ctx.replica`) the replica holds only what the server let through, so the
 * check is left to the server (as `whereInReadableRoom` does for rooms).
 */
function inMyConversation(conversationID: string, ctx: AuthContext | undefined) {
  const q = zql.messages.where('conversationID', conversationID);
  if (ctx?.replica) return q;
  return q.whereExists('conversation', c => whereConversationMember(c.where('id', conversationID), uid(ctx)));
}

/** Synced queries of direct conversations (registered in `queries.ts`). */
export const conversationQueries = {
  /** [DM2][DM5] My conversations, latest activity first, with their people and my read mark. */
  myConversations: defineQuery(z.undefined(), ({ctx}) =>
    whereConversationMember(zql.directConversations, uid(ctx))
      .related('members', m => m.related('user').orderBy('joinedAt', 'asc').orderBy('userID', 'asc'))
      .orderBy('lastMessageAt', 'desc')
      .orderBy('createdAt', 'desc')
      .limit(500),
  ),

  /**
   * [DM2][DM5] My most recently active conversations with their latest
   * message and its author: what desktop notifications announce. Asked for
   * only while notifications are on.
   */
  latestDirectMessages: defineQuery(z.undefined(), ({ctx}) =>
    whereConversationMember(zql.directConversations, uid(ctx))
      .where('lastMessageAt', 'IS NOT', null)
      .related('members', m => m.related('user').orderBy('joinedAt', 'asc').orderBy('userID', 'asc'))
      .related('lastMessage', m => m.related('author'))
      .orderBy('lastMessageAt', 'desc')
      .limit(20),
  ),

  /** [DM2] One conversation I am in, with its people. */
  conversation: defineQuery(z.object({conversationID: idSchema}), ({ctx, args}) =>
    whereConversationMember(zql.directConversations.where('id', args.conversationID), uid(ctx))
      .related('members', m => m.related('user').orderBy('joinedAt', 'asc').orderBy('userID', 'asc'))
      .one(),
  ),

  /** [DM2] The latest `limit` top-level messages of a conversation I am in, newest first. */
  conversationMessages: defineQuery(conversationMessagesArgsSchema, ({ctx, args}) =>
    inMyConversation(args.conversationID, ctx)
      .where('parentMessageID', 'IS', null)
      .related('author')
      .related('reactions')
      .related('files')
      .orderBy('createdAt', 'desc')
      .orderBy('id', 'desc')
      .limit(args.limit),
  ),
};
