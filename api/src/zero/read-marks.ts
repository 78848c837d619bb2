import type {Schema} from '@chorus/schema';
import type {Transaction} from '@rocicorp/zero';

/**
 * [RS1] A read mark for a room the reader already tracks, gathered in
 * user_room_reads_pending and published with the room activity batch
 * (migration 009), so that zero-cache advances every connected client once
 * per batch instead of once per mark. The later of two pending marks wins.
 */
export function deferReadMark(tx: Transaction<Schema>) {
  return async (userID: string, roomID: string, readAt: number): Promise<void> => {
    if (tx.location !== 'server') throw new Error('read marks are deferred on the server only');
    await tx.dbTransaction.query(
      `INSERT INTO user_room_reads_pending (user_id, room_id, read_at)
       VALUES ($1, $2, to_timestamp($3::numeric / 1000))
       ON CONFLICT (user_id, room_id) DO UPDATE
         SET read_at = GREATEST(user_room_reads_pending.read_at, EXCLUDED.read_at)`,
      [userID, roomID, readAt],
    );
  };
}
