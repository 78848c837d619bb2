import {queries} from '@chorus/schema';
import {useQuery} from '@rocicorp/zero/react';
import {useCallback, useEffect, useMemo, useState} from 'react';
import {effectiveReadMark, readMarkThrottle, sendReadMark, useLocalReadMarks} from '../lib/read-marks.ts';

export type ReadMark = {
  /**
   * My mark as it was when the room opened, before this visit moves it
   * (`readAt` undefined: I never read it); undefined until it is known.
   */
  opened: {readAt: number | undefined} | undefined;
  /** I have seen the room up to `readAt` (ignored until `opened` is known, or while the tab is hidden). */
  markRead: (readAt: number) => void;
};

/**
 * [RS1] My read mark in `roomID` (lib/read-marks.ts): where it stood when
 * the room opened, and a throttled `markRead` for what I have seen since.
 * `loaded`: the room row is here (the mark of a room I cannot see means
 * nothing). Opening the room marks it read.
 */
export function useReadMark(roomID: string, loaded: boolean): ReadMark {
  const [synced, syncedStatus] = useQuery(queries.myRoomState({roomID}));
  const local = useLocalReadMarks(s => s.byRoom[roomID]);

  // The room row can reach the replica before my read state does, and Zero
  // can call a query complete a moment before its rows land: so take the
  // state as soon as it is here, or a beat after "complete" (or after 2 s, offline).
  const [settledFor, setSettledFor] = useState<string>();
  const settled = settledFor === roomID;
  const complete = syncedStatus.type === 'complete';
  useEffect(() => {
    const timer = setTimeout(() => setSettledFor(roomID), complete ? 300 : 2000);
    return () => clearTimeout(timer);
  }, [roomID, complete]);

  // Taken once per room, while rendering (React's "adjust state on a prop change").
  const [opened, setOpened] = useState<{roomID: string; readAt: number | undefined}>();
  if (loaded && opened?.roomID !== roomID && (synced || settled)) {
    setOpened({roomID, readAt: effectiveReadMark(synced?.lastReadAt ?? undefined, local)});
  }
  const openedKnown = loaded && opened?.roomID === roomID;

  const throttle = useMemo(() => readMarkThrottle(readAt => sendReadMark(roomID, readAt)), [roomID]);
  // The last mark goes out on leaving the room.
  useEffect(() => throttle.flush, [throttle]);
  const markRead = useCallback(
    (readAt: number) => {
      if (openedKnown && document.visibilityState === 'visible') throttle.mark(readAt);
    },
    [openedKnown, throttle],
  );
  useEffect(() => {
    if (loaded) markRead(Date.now());
  }, [loaded, markRead]);

  return {opened: openedKnown ? {readAt: opened?.readAt} : undefined, markRead};
}
