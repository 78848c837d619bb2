import {conversationScope, roomScope, type OutboxWrite} from '../outbox/types.ts';

/**
 * Where messages live: a server's room, or a direct conversation (DM2). The
 * feed, the thread, the composer and the outbox take a place, so one set of
 * components draws both.
 */
export type Place =
  {roomID: string; conversationID?: undefined} | {conversationID: string; roomID?: undefined};

/** The outbox scope of a place: writes replay in order per scope (OB2). */
export const scopeOf = (place: Place) =>
  place.conversationID !== undefined ? conversationScope(place.conversationID) : roomScope(place.roomID);

/** The place a message belongs to (a row has exactly one of the two). */
export function placeOfMessage(m: {roomID?: string | null; conversationID?: string | null}): Place {
  return m.conversationID ? {conversationID: m.conversationID} : {roomID: m.roomID ?? ''};
}

/** [OB1] The outbox write that sends `content` to a place (a reply when `parentMessageID` is set). */
export function sendWrite(
  place: Place,
  message: {id: string; content: string; parentMessageID?: string | undefined; createdAt: number},
): OutboxWrite {
  return place.conversationID !== undefined
    ? {
        kind: 'dm.send',
        scope: scopeOf(place),
        args: {...message, conversationID: place.conversationID},
      }
    : {kind: 'message.send', scope: scopeOf(place), args: {...message, roomID: place.roomID}};
}
