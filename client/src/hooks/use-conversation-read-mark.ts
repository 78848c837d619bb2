import {useCallback, useEffect, useMemo} from 'react';
import {readMarkThrottle, sendConversationReadMark} from '../lib/read-marks.ts';

/**
 * [DM5] A throttled `markRead` for what I have seen of a conversation
 * (lib/read-marks.ts): at most one mark every few seconds, the last one on
 * leaving, each through the outbox so none is lost offline. Ignored while
 * the tab is hidden: a message arriving then has not been seen.
 */
export function useConversationReadMark(conversationID: string): (readAt: number) => void {
  const throttle = useMemo(
    () => readMarkThrottle(readAt => sendConversationReadMark(conversationID, readAt)),
    [conversationID],
  );
  useEffect(() => throttle.flush, [throttle]);
  return useCallback(
    (readAt: number) => {
      if (document.visibilityState === 'visible') throttle.mark(readAt);
    },
    [throttle],
  );
}
