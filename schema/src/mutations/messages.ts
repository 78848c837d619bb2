import type {Transaction} from '@rocicorp/zero';
import type {z} from 'zod';
import type {sendMessageArgsSchema} from '../args.ts';
import {assertVerified, type AuthContext} from '../context.ts';
import {ChorusError, ErrorCode} from '../errors.ts';
import {assertRoomReadable} from '../permissions.ts';
import {zql, type Schema} from '../schema.ts';

type Tx = Transaction<Schema>;

/** Outcome of a send: `created`, or `existing` for an idempotent retry. */
export type SendOutcome = 'created' | 'existing';

export async function sendMessage(
  tx: Tx,
  ctx: AuthContext | undefined,
  args: z.output<typeof sendMessageArgsSchema>,
  now: number,
): Promise<SendOutcome> {
  assertVerified(ctx);
  // [MS1] the author must be able to read the room.
  await assertRoomReadable(tx, ctx, args.roomID);
  // [MS3] a retry with the same id is a no-op; an id owned by another message is a conflict.
  const existing = await tx.run(zql.messages.where('id', args.id).one());
  if (existing) {
    if (existing.userID === ctx.userID && existing.roomID === args.roomID) {
      return 'existing';
    }
    throw new ChorusError(ErrorCode.CONFLICT, 'A message with this id already exists.', 'id');
  }
  if (args.parentMessageID !== undefined) {
    // [MS4] a reply's parent is a top-level message of the same room.
    const parent = await tx.run(zql.messages.where('id', args.parentMessageID).one());
    const unsyncedParent = !parent && tx.location === 'client';
    if (!unsyncedParent && (!parent || parent.roomID !== args.roomID || parent.parentMessageID)) {
      throw new ChorusError(
        ErrorCode.INVALID,
        'You can only reply to a top-level message in the same room.',
        'parentMessageID',
      );
    }
    if (parent) {
      await tx.mutate.messages.update({id: parent.id, replyCount: parent.replyCount + 1, lastReplyAt: now});
    }
  }
  await tx.mutate.messages.insert({
    id: args.id,
    roomID: args.roomID,
    userID: ctx.userID,
    content: args.content,
    parentMessageID: args.parentMessageID,
    replyCount: 0,
    createdAt: now,
  });
  return 'created';
}
