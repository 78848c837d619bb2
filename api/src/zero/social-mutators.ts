import {
  acceptFriend,
  addConversationMember,
  blockUser,
  conversationMemberArgsSchema,
  createConversation,
  createConversationArgsSchema,
  markConversationRead,
  markConversationReadArgsSchema,
  sendDirectMessage,
  sendDirectMessageArgsSchema,
  friendRequestArgsSchema,
  friendRequestIDArgsSchema,
  otherUserArgsSchema,
  requestFriend,
  zql,
  type Schema,
} from '@chorus/schema';
import {defineMutator, type Transaction} from '@rocicorp/zero';
import {enqueueForMessage} from '../agents/webhooks.ts';
import {lockForSend} from './message-locks.ts';

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

/** [DM1][DM3][DM4][DM5] The server's clock and locks around the shared conversation rules. */
export const serverConversationMutatorDefs = {
  create: defineMutator(createConversationArgsSchema, async ({tx, ctx, args}) => {
    const others = [...new Set(args.userIDs)].filter(id => id !== ctx?.userID);
    // One 1:1 conversation per pair even when both open it at once (pair_key is unique).
    if (ctx && others.length === 1) await lockPair(tx, ctx.userID, others[0]!);
    await createConversation(tx, ctx, args, Date.now());
  }),
  addMember: defineMutator(conversationMemberArgsSchema, async ({tx, ctx, args}) => {
    await lockConversation(tx, args.conversationID);
    await addConversationMember(tx, ctx, args, Date.now());
  }),
  send: defineMutator(sendDirectMessageArgsSchema, async ({tx, ctx, args}) => {
    await lockForSend(tx, args.id, args.parentMessageID);
    // [AG8] Agents in the conversation hear of it in its own transaction.
    if ((await sendDirectMessage(tx, ctx, args, Date.now())) === 'created')
      await enqueueForMessage(tx, args.id);
  }),
  // Server-only, as for rooms (RS1): the client marks through REST.
  markRead: defineMutator(markConversationReadArgsSchema, ({tx, ctx, args}) =>
    markConversationRead(tx, ctx, args, Date.now()),
  ),
};

/** [DM3] Serialises changes to one conversation's members (the 10-people limit holds under concurrency). */
async function lockConversation(tx: Transaction<Schema>, id: string) {
  if (tx.location !== 'server') return;
  await tx.dbTransaction.query('SELECT 1 FROM direct_conversations WHERE id = $1 FOR UPDATE', [id]);
}
