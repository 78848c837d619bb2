import type {Transaction} from '@rocicorp/zero';
import {likeLiteral, mentionedNames} from './message-format.ts';
import {whereRoomReadable} from './permissions.ts';
import {zql, type Schema} from './schema.ts';

/**
 * [M1] Rewrites who a message mentions: people named in it who can read its
 * room (someone who cannot read it is not told it exists) and have not
 * blocked the author [F5]. Server only: the
 * client's replica does not know every member, and only the people mentioned
 * need the rows.
 */
export async function writeMentions(
  tx: Transaction<Schema>,
  message: {id: string; roomID: string; userID: string; content: string; createdAt: number},
  /** The message was just inserted: it has no mention rows yet. */
  isNew = false,
): Promise<void> {
  if (tx.location !== 'server') return;
  const names = mentionedNames(message.content);
  // Most messages mention nobody: sending one then costs no query here.
  if (isNew && names.length === 0) return;
  const wanted = new Set<string>();
  for (const name of names) {
    const user = await tx.run(zql.users.where('username', 'ILIKE', likeLiteral(name)).one());
    if (!user || user.id === message.userID) continue;
    // [F5] Someone who blocked the author is not told they were mentioned.
    const blocked = await tx.run(
      zql.userBlocks.where('blockerID', user.id).where('blockedID', message.userID).one(),
    );
    if (blocked) continue;
    const readable = await tx.run(whereRoomReadable(zql.rooms.where('id', message.roomID), user.id).one());
    if (readable) wanted.add(user.id);
  }
  const existing = isNew ? [] : await tx.run(zql.messageMentions.where('messageID', message.id));
  for (const row of existing) {
    if (!wanted.delete(row.userID)) {
      await tx.mutate.messageMentions.delete({messageID: row.messageID, userID: row.userID});
    }
  }
  for (const userID of wanted) {
    await tx.mutate.messageMentions.insert({
      messageID: message.id,
      userID,
      roomID: message.roomID,
      createdAt: message.createdAt,
    });
  }
}
