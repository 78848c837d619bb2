import {create} from 'zustand';
import {conversationScope, roomScope} from '../outbox/types.ts';
import {outboxWrite} from '../outbox/write.ts';

/**
 * [RS1][DM5] Read marks: how far I have read each room and direct
 * conversation. The one owner of the rule; `useReadMark`
 * (hooks/use-read-mark.ts) and `useConversationReadMark` are the pages'
 * handles on it, and the unread counts read the marks this device holds.
 *
 * Marks go through the outbox (kinds `read.mark` and `dm.read`), which sends
 * them to `POST /rooms/:id/read` or `POST /conversations/:id/read` rather
 * than as Zero mutations: each Zero push is a change every connected client
 * must process. Only the latest mark per room or conversation is kept; one
 * the server cannot get waits, across reloads; one it refuses (the room is
 * gone, I left the conversation) is dropped, as there is nothing in it to
 * recover.
 */

type LocalReadMarks = {
  /**
   * This device's marks by room. The server publishes marks in batches about
   * once a second (migration 009), so between our write being confirmed and
   * the batch landing, the synced row still holds the older mark; unread
   * state uses whichever is later, so nothing flickers.
   */
  byRoom: Record<string, number>;
  /** This device's marks by direct conversation, likewise. */
  byConversation: Record<string, number>;
  note: (roomID: string, readAt: number) => void;
  noteConversation: (conversationID: string, readAt: number) => void;
};

export const useLocalReadMarks = create<LocalReadMarks>(set => ({
  byRoom: {},
  byConversation: {},
  // Unchanged state when the mark does not move, so subscribers do not re-render.
  note: (roomID, readAt) =>
    set(s => ((s.byRoom[roomID] ?? 0) >= readAt ? s : {byRoom: {...s.byRoom, [roomID]: readAt}})),
  noteConversation: (id, readAt) =>
    set(s =>
      (s.byConversation[id] ?? 0) >= readAt ? s : {byConversation: {...s.byConversation, [id]: readAt}},
    ),
}));

/** Counts `readAt` as read on this device (a mark still in the outbox, after a reload too). */
export function noteReadMark(roomID: string, readAt: number): void {
  useLocalReadMarks.getState().note(roomID, readAt);
}

/** My mark in a room: the synced one, or this device's when it is later. */
export function effectiveReadMark(synced: number | undefined, local: number | undefined): number | undefined {
  return local !== undefined && local > (synced ?? 0) ? local : synced;
}

/** Records that I have read `roomID` up to `readAt`: shown here at once, sent through the outbox. */
export function sendReadMark(roomID: string, readAt: number): void {
  noteReadMark(roomID, readAt);
  void outboxWrite({kind: 'read.mark', scope: roomScope(roomID), args: {roomID, readAt}});
}

/** Counts `readAt` as read in a conversation on this device (a mark still in the outbox, after a reload too). */
export function noteConversationReadMark(conversationID: string, readAt: number): void {
  useLocalReadMarks.getState().noteConversation(conversationID, readAt);
}

/**
 * [DM5] Records that I have read a conversation up to `readAt`: shown here
 * at once, sent through the outbox, so a mark made offline is kept and sent
 * once the server can be reached.
 */
export function sendConversationReadMark(conversationID: string, readAt: number): void {
  noteConversationReadMark(conversationID, readAt);
  void outboxWrite({
    kind: 'dm.read',
    scope: conversationScope(conversationID),
    args: {conversationID, readAt},
  });
}

/** At most one mark per room this often while reading. */
export const READ_MARK_INTERVAL_MS = 3000;

export type ReadMarkThrottle = {
  /** I have read up to `readAt`: sent now, or with the next mark the interval allows. */
  mark: (readAt: number) => void;
  /** Sends the mark waiting, if any (on leaving the room). */
  flush: () => void;
};

/**
 * At most one read mark every few seconds per room, and the last one on
 * leaving: in a busy room, a write per incoming message from every reader
 * costs the server a sync per reader per reader (the bench measured
 * 283 ms → 3.2 s at 100 readers).
 */
export function readMarkThrottle(
  send: (readAt: number) => void,
  {intervalMs = READ_MARK_INTERVAL_MS, now = Date.now} = {},
): ReadMarkThrottle {
  let pending = 0;
  let lastSent = 0;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const flush = () => {
    clearTimeout(timer);
    timer = undefined;
    if (!pending) return;
    send(pending);
    pending = 0;
    lastSent = now();
  };
  return {
    mark: readAt => {
      pending = Math.max(pending, readAt);
      const wait = intervalMs - (now() - lastSent);
      if (wait <= 0) flush();
      else timer ??= setTimeout(flush, wait);
    },
    flush,
  };
}
