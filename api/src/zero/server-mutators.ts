import {randomInt} from 'node:crypto';
import {
  ACCESS_CODE_ALPHABET,
  addReaction,
  addReactionArgsSchema,
  deleteMessage,
  editMessage,
  editMessageArgsSchema,
  messageIDArgsSchema,
  addRoomMember,
  banMember,
  ChorusError,
  createRoom,
  createRoomArgsSchema,
  createServer,
  createServerArgsSchema,
  ErrorCode,
  joinPublicServer,
  joinServer,
  joinServerArgsSchema,
  limits,
  markRoomRead,
  markRoomReadArgsSchema,
  memberArgsSchema,
  mutators,
  regenerateAccessCode,
  roomMemberArgsSchema,
  sendMessage,
  sendMessageArgsSchema,
  serverIDArgsSchema,
  updateRoom,
  updateServer,
  updateServerArgsSchema,
  updateRoomArgsSchema,
  zql,
  type Schema,
} from '@chorus/schema';
import {defineMutator, defineMutators, type Transaction} from '@rocicorp/zero';
import {enqueueForMessage} from '../agents/webhooks.ts';
import {recordLiveEffects} from '../live/effects.ts';
import {lockForSend, lockMessage} from './message-locks.ts';
import {deferReadMark} from './read-marks.ts';
import {
  serverBlockMutatorDefs,
  serverConversationMutatorDefs,
  serverFriendMutatorDefs,
} from './social-mutators.ts';

/**
 * The authoritative mutators: the shared ones with what only the server may
 * decide (its clock, random access codes, row locks). Both the Zero push endpoint and the
 * REST routes run these, so every rule has one implementation.
 */
export const serverMutators = defineMutators(mutators, {
  server: {
    create: defineMutator(createServerArgsSchema, async ({tx, ctx, args}) => {
      await createServer(tx, ctx, args, {now: Date.now(), accessCode: await uniqueAccessCode(tx)});
    }),
    join: defineMutator(joinServerArgsSchema, async ({tx, ctx, args}) => {
      await joinServer(tx, ctx, args, Date.now());
    }),
    joinPublic: defineMutator(serverIDArgsSchema, ({tx, ctx, args}) =>
      joinPublicServer(tx, ctx, args, Date.now()),
    ),
    update: defineMutator(updateServerArgsSchema, async ({tx, ctx, args}) => {
      await updateServer(tx, ctx, args, await uniqueAccessCode(tx));
    }),
    regenerateCode: defineMutator(serverIDArgsSchema, async ({tx, ctx, args}) => {
      await regenerateAccessCode(tx, ctx, args, await uniqueAccessCode(tx));
    }),
  },
  member: {
    ban: defineMutator(memberArgsSchema, ({tx, ctx, args}) => banMember(tx, ctx, args, Date.now())),
  },
  room: {
    create: defineMutator(createRoomArgsSchema, ({tx, ctx, args}) => createRoom(tx, ctx, args, Date.now())),
    update: defineMutator(updateRoomArgsSchema, ({tx, ctx, args}) => updateRoom(tx, ctx, args, Date.now())),
    addMember: defineMutator(roomMemberArgsSchema, ({tx, ctx, args}) =>
      addRoomMember(tx, ctx, args, Date.now()),
    ),
  },
  message: {
    send: defineMutator(sendMessageArgsSchema, async ({tx, ctx, args}) => {
      await lockForSend(tx, args.id, args.parentMessageID);
      // [AG8] Agents hear of a new message in its own transaction.
      if ((await sendMessage(tx, ctx, args, Date.now())) === 'created') await enqueueForMessage(tx, args.id);
    }),
    edit: defineMutator(editMessageArgsSchema, async ({tx, ctx, args}) => {
      await lockMessage(tx, args.id);
      await editMessage(tx, ctx, args, Date.now());
    }),
    delete: defineMutator(messageIDArgsSchema, async ({tx, ctx, args}) => {
      await lockMessage(tx, args.id);
      await deleteMessage(tx, ctx, args, Date.now());
    }),
  },
  reaction: {
    add: defineMutator(addReactionArgsSchema, async ({tx, ctx, args}) => {
      await lockMessage(tx, args.messageID);
      await addReaction(tx, ctx, args, Date.now());
    }),
  },
  friend: serverFriendMutatorDefs,
  block: serverBlockMutatorDefs,
  conversation: serverConversationMutatorDefs,
  // Server-only: read marks come through REST (`POST /rooms/:id/read`), never
  // as a Zero push from the client [RS1]; the rule lives in the shared markRoomRead.
  roomState: {
    markRead: defineMutator(markRoomReadArgsSchema, ({tx, ctx, args}) =>
      markRoomRead(tx, ctx, args, Date.now(), deferReadMark(tx)),
    ),
  },
});

// [LV1] Every server mutator records what it did, for live events after commit.
recordLiveEffects(serverMutators);

export function randomAccessCode(): string {
  let code = '';
  for (let i = 0; i < limits.accessCodeLength; i++) {
    code += ACCESS_CODE_ALPHABET[randomInt(ACCESS_CODE_ALPHABET.length)];
  }
  return code;
}

async function uniqueAccessCode(tx: Transaction<Schema>): Promise<string> {
  // 31^5 ≈ 28.6 million codes: a collision is rare, and ten in a row means something is wrong.
  for (let attempt = 0; attempt < 10; attempt++) {
    const code = randomAccessCode();
    if (!(await tx.run(zql.servers.where('accessCode', code).one()))) return code;
  }
  throw new ChorusError(ErrorCode.CONFLICT, 'Could not find a free access code. Try again.');
}
