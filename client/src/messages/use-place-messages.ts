import {queries} from '@chorus/schema';
import {useQuery} from '@rocicorp/zero/react';
import type {Place} from './place.ts';

// Query arguments are validated even when disabled: a placeholder id stands in.
const NO_ID = '00000000-0000-0000-0000-000000000000';

/**
 * The latest `limit` top-level messages of a place, newest first, with the
 * query's status: the room's synced query or the conversation's (both are
 * declared, one is enabled, so the hooks stay in the same order).
 */
export function usePlaceMessages(place: Place, limit: number) {
  const inRoom = place.roomID !== undefined;
  const room = useQuery(queries.roomMessages({roomID: place.roomID ?? NO_ID, limit}), {enabled: inRoom});
  const conversation = useQuery(
    queries.conversationMessages({conversationID: place.conversationID ?? NO_ID, limit}),
    {enabled: !inRoom},
  );
  return inRoom ? room : conversation;
}
