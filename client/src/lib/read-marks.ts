import {roomScope} from '../outbox/types.ts';
import {outboxWrite} from '../outbox/write.ts';

/**
 * [RS1] Records that I have read `roomID` up to `readAt`. Marks go through
 * the outbox (kind `read.mark`), which sends them to `POST /rooms/:id/read`
 * rather than as Zero mutations (each Zero push is a change every connected
 * client must process). Only the latest mark per room is kept; one the
 * server cannot get waits, across reloads; one it refuses (the room is
 * gone) is dropped, as there is nothing in it to recover.
 */
export function markRead(roomID: string, readAt: number): void {
  void outboxWrite({kind: 'read.mark', scope: roomScope(roomID), args: {roomID, readAt}});
}
