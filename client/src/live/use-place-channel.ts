import {dmChannel, queries, roomChannel} from '@chorus/schema';
import {useQuery} from '@rocicorp/zero/react';
import type {Place} from '../messages/place.ts';

// Query arguments are validated even when disabled: a placeholder id stands in.
const NO_ID = '00000000-0000-0000-0000-000000000000';

/**
 * The live channel of a place: `dm:{id}` for a conversation, and for a room
 * `{serverID}:{roomID}`, its server read from the room's row (the room page
 * holds the same query, so Zero answers it from what it has).
 */
export function usePlaceChannel(place: Place): string | undefined {
  const roomID = place.roomID;
  const [room] = useQuery(queries.room({roomID: roomID ?? NO_ID}), {enabled: roomID !== undefined});
  if (place.conversationID !== undefined) return dmChannel(place.conversationID);
  return room && roomID !== undefined ? roomChannel(room.serverID, roomID) : undefined;
}
