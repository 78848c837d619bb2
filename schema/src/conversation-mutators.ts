import {defineMutator} from '@rocicorp/zero';
import {
  addConversationMember,
  conversationIDArgsSchema,
  conversationMemberArgsSchema,
  createConversation,
  createConversationArgsSchema,
  leaveConversation,
  sendDirectMessage,
  sendDirectMessageArgsSchema,
} from './mutations/conversations.ts';

// Optimistic rows only: the server overwrites every timestamp with its own clock.
const clientNow = () => Date.now();

/**
 * [DM1]–[DM4] Direct conversations' client mutators (registered in
 * `mutators.ts` as `conversation`). Read marks are server-only, as for rooms
 * (RS1): the client sends them through REST.
 */
export const conversationMutatorDefs = {
  create: defineMutator(createConversationArgsSchema, async ({tx, ctx, args}) => {
    await createConversation(tx, ctx, args, clientNow());
  }),
  addMember: defineMutator(conversationMemberArgsSchema, ({tx, ctx, args}) =>
    addConversationMember(tx, ctx, args, clientNow()),
  ),
  leave: defineMutator(conversationIDArgsSchema, ({tx, ctx, args}) => leaveConversation(tx, ctx, args)),
  send: defineMutator(sendDirectMessageArgsSchema, async ({tx, ctx, args}) => {
    await sendDirectMessage(tx, ctx, args, args.createdAt ?? clientNow());
  }),
};
