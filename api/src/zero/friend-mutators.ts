import {
  acceptFriend,
  blockUser,
  friendRequestArgsSchema,
  friendRequestIDArgsSchema,
  otherUserArgsSchema,
  requestFriend,
  zql,
  type Schema,
} from '@chorus/schema';
import {defineMutator, type Transaction} from '@rocicorp/zero';

/**
 * [F2][F3][F5] Serialises every change between two people: without it, A
 * asking B while B asks A would both find no row and both insert (the pair
 * index would turn one into a 500), and a block could race an acceptance.
 */
export async function lockPair(tx: Transaction<Schema>, a: string, b: string) {
  if (tx.location !== 'server') return;
  const [first, second] = a < b ? [a, b] : [b, a];
  await tx.dbTransaction.query('SELECT pg_advisory_xact_lock(hashtextextended($1, 0))', [
    `friends:${first}:${second}`,
  ]);
}

async function lockRequest(tx: Transaction<Schema>, id: string) {
  const row = await tx.run(zql.friendships.where('id', id).one());
  if (row) await lockPair(tx, row.userID, row.friendID);
}

/** The server's clock and locks around the shared friend and block rules. */
export const serverFriendMutatorDefs = {
  request: defineMutator(friendRequestArgsSchema, async ({tx, ctx, args}) => {
    if (ctx) await lockPair(tx, ctx.userID, args.userID);
    await requestFriend(tx, ctx, args, Date.now());
  }),
  accept: defineMutator(friendRequestIDArgsSchema, async ({tx, ctx, args}) => {
    await lockRequest(tx, args.id);
    await acceptFriend(tx, ctx, args, Date.now());
  }),
};

export const serverBlockMutatorDefs = {
  add: defineMutator(otherUserArgsSchema, async ({tx, ctx, args}) => {
    if (ctx) await lockPair(tx, ctx.userID, args.userID);
    await blockUser(tx, ctx, args, Date.now());
  }),
};
