import {defineMutator} from '@rocicorp/zero';
import {
  acceptFriend,
  blockUser,
  cancelFriendRequest,
  friendRequestArgsSchema,
  friendRequestIDArgsSchema,
  otherUserArgsSchema,
  rejectFriend,
  removeFriend,
  requestFriend,
  unblockUser,
} from './mutations/friends.ts';

// Optimistic rows only: the server overwrites every timestamp with its own clock.
const clientNow = () => Date.now();

/** [F2]–[F5] The social layer's client mutators (registered in `mutators.ts` as `friend` and `block`). */
export const friendMutatorDefs = {
  request: defineMutator(friendRequestArgsSchema, async ({tx, ctx, args}) => {
    await requestFriend(tx, ctx, args, clientNow());
  }),
  accept: defineMutator(friendRequestIDArgsSchema, ({tx, ctx, args}) =>
    acceptFriend(tx, ctx, args, clientNow()),
  ),
  reject: defineMutator(friendRequestIDArgsSchema, ({tx, ctx, args}) => rejectFriend(tx, ctx, args)),
  cancel: defineMutator(friendRequestIDArgsSchema, ({tx, ctx, args}) => cancelFriendRequest(tx, ctx, args)),
  remove: defineMutator(otherUserArgsSchema, ({tx, ctx, args}) => removeFriend(tx, ctx, args)),
};

export const blockMutatorDefs = {
  add: defineMutator(otherUserArgsSchema, ({tx, ctx, args}) => blockUser(tx, ctx, args, clientNow())),
  remove: defineMutator(otherUserArgsSchema, ({tx, ctx, args}) => unblockUser(tx, ctx, args)),
};
