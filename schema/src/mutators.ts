import {defineMutator, defineMutators} from '@rocicorp/zero';
import {
  addReactionArgsSchema,
  editMessageArgsSchema,
  messageIDArgsSchema,
  removeReactionArgsSchema,
  createRoomArgsSchema,
  createServerArgsSchema,
  memberArgsSchema,
  roomIDArgsSchema,
  roomMemberArgsSchema,
  sendMessageArgsSchema,
  serverIDArgsSchema,
  setRoleArgsSchema,
  updateRoomArgsSchema,
  updateServerArgsSchema,
} from './args.ts';
import {conversationMutatorDefs} from './conversation-mutators.ts';
import {blockMutatorDefs, friendMutatorDefs} from './friend-mutators.ts';
import {banMember, kickMember, setMemberRole, transferOwnership, unbanMember} from './mutations/members.ts';
import {addReaction, deleteMessage, editMessage, removeReaction, sendMessage} from './mutations/messages.ts';
import {addRoomMember, createRoom, deleteRoom, removeRoomMember, updateRoom} from './mutations/rooms.ts';
import {
  createServer,
  deleteServer,
  joinPublicServer,
  leaveServer,
  placeholderAccessCode,
  updateServer,
} from './mutations/servers.ts';

export * from './mutations/members.ts';
export * from './mutations/messages.ts';
export * from './mutations/rooms.ts';
export * from './mutations/servers.ts';

/**
 * The client's mutators: shared rules run optimistically against the local
 * replica (client checks deny only on evidence; see permissions.ts). The API
 * overrides the ones that need the server's clock or secrets
 * (api/src/zero/server-mutators.ts), and adds the ones no client runs
 * (joining by code, read marks: those go through REST). Rule IDs are in SPEC.md.
 */

// Optimistic rows only: the server overwrites every timestamp with its own clock.
const clientNow = () => Date.now();

export const mutators = defineMutators({
  server: {
    create: defineMutator(createServerArgsSchema, ({tx, ctx, args}) =>
      createServer(tx, ctx, args, {now: clientNow(), accessCode: placeholderAccessCode(args.id)}),
    ),
    joinPublic: defineMutator(serverIDArgsSchema, ({tx, ctx, args}) =>
      joinPublicServer(tx, ctx, args, clientNow()),
    ),
    update: defineMutator(updateServerArgsSchema, ({tx, ctx, args}) => updateServer(tx, ctx, args)),
    // The new code is chosen by the server; the client changes nothing.
    regenerateCode: defineMutator(serverIDArgsSchema, async () => {}),
    delete: defineMutator(serverIDArgsSchema, ({tx, ctx, args}) => deleteServer(tx, ctx, args)),
    leave: defineMutator(serverIDArgsSchema, ({tx, ctx, args}) => leaveServer(tx, ctx, args)),
  },
  member: {
    setRole: defineMutator(setRoleArgsSchema, ({tx, ctx, args}) => setMemberRole(tx, ctx, args)),
    transferOwnership: defineMutator(memberArgsSchema, ({tx, ctx, args}) => transferOwnership(tx, ctx, args)),
    kick: defineMutator(memberArgsSchema, ({tx, ctx, args}) => kickMember(tx, ctx, args)),
    ban: defineMutator(memberArgsSchema, ({tx, ctx, args}) => banMember(tx, ctx, args, clientNow())),
    unban: defineMutator(memberArgsSchema, ({tx, ctx, args}) => unbanMember(tx, ctx, args)),
  },
  room: {
    create: defineMutator(createRoomArgsSchema, ({tx, ctx, args}) => createRoom(tx, ctx, args, clientNow())),
    update: defineMutator(updateRoomArgsSchema, ({tx, ctx, args}) => updateRoom(tx, ctx, args, clientNow())),
    delete: defineMutator(roomIDArgsSchema, ({tx, ctx, args}) => deleteRoom(tx, ctx, args)),
    addMember: defineMutator(roomMemberArgsSchema, ({tx, ctx, args}) =>
      addRoomMember(tx, ctx, args, clientNow()),
    ),
    removeMember: defineMutator(roomMemberArgsSchema, ({tx, ctx, args}) => removeRoomMember(tx, ctx, args)),
  },
  message: {
    send: defineMutator(sendMessageArgsSchema, async ({tx, ctx, args}) => {
      await sendMessage(tx, ctx, args, args.createdAt ?? clientNow());
    }),
    edit: defineMutator(editMessageArgsSchema, ({tx, ctx, args}) =>
      editMessage(tx, ctx, args, args.editedAt ?? clientNow()),
    ),
    delete: defineMutator(messageIDArgsSchema, ({tx, ctx, args}) =>
      deleteMessage(tx, ctx, args, clientNow()),
    ),
  },
  reaction: {
    add: defineMutator(addReactionArgsSchema, ({tx, ctx, args}) => addReaction(tx, ctx, args, clientNow())),
    remove: defineMutator(removeReactionArgsSchema, ({tx, ctx, args}) => removeReaction(tx, ctx, args)),
  },
  friend: friendMutatorDefs,
  block: blockMutatorDefs,
  conversation: conversationMutatorDefs,
});

export type Mutators = typeof mutators;
