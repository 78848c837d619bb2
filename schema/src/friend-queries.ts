import {defineQuery, type Query} from '@rocicorp/zero';
import * as z from 'zod/mini';
import type {AuthContext} from './context.ts';
import {NOBODY} from './permissions.ts';
import {zql, type Schema} from './schema.ts';

type FriendshipQuery = Query<'friendships', Schema, any>;

const uid = (ctx: AuthContext | undefined) => ctx?.userID ?? NOBODY;

/**
 * [F1] The friendships and requests a person may see: those they sent, and
 * those sent to them by someone they have not blocked. A request from a
 * blocked person is kept (the sender sees it as sent, F5) but never shown
 * to the person it asks.
 *
 * Zero's client cannot run `not(exists())`; on a client (`ctx.replica`) the
 * replica holds only the rows the server's filter let through, so the block
 * check is left to the server, as `whereInReadableRoom` does for rooms.
 */
export function whereFriendshipVisible<Q extends FriendshipQuery>(
  q: Q,
  userID: string,
  options: {replica?: boolean | undefined} = {},
): Q {
  if (options.replica) {
    return q.where(({or, cmp}) => or(cmp('userID', userID), cmp('friendID', userID))) as Q;
  }
  return q.where(({or, and, cmp, not, exists}) =>
    or(cmp('userID', userID), and(cmp('friendID', userID), not(exists('addresseeBlocks')))),
  ) as Q;
}

/** Synced queries of the social layer (registered in `queries.ts`). */
export const friendQueries = {
  /** [F1] My friends, my requests both ways, with both people's public profiles. */
  myFriendships: defineQuery(z.undefined(), ({ctx}) =>
    whereFriendshipVisible(zql.friendships, uid(ctx), {replica: ctx?.replica})
      .related('requester')
      .related('addressee')
      .orderBy('createdAt', 'desc')
      .limit(2000),
  ),

  /** [F5] The people I blocked: only the blocker reads a block. */
  myBlocks: defineQuery(z.undefined(), ({ctx}) =>
    zql.userBlocks.where('blockerID', uid(ctx)).related('blocked').orderBy('createdAt', 'desc'),
  ),
};
