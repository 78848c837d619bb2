import {useEffect} from 'react';
import {create} from 'zustand';

// Once requested, the composer's chunk is here for every room opened after.
const useRequested = create<{requested: boolean; request: () => void}>(set => ({
  requested: false,
  request: () => set({requested: true}),
}));

/**
 * Whether to show the composer (TipTap: the largest chunk), and `want` to
 * show it now (a tap on its placeholder). Its code is fetched once the room
 * has painted, so it never competes with the messages; after that it stays.
 */
export function useComposerWanted(): [boolean, () => void] {
  const wanted = useRequested(s => s.requested);
  const want = useRequested(s => s.request);
  useEffect(() => {
    if (wanted) return;
    if (typeof requestIdleCallback !== 'function') {
      const timer = setTimeout(want, 100);
      return () => clearTimeout(timer);
    }
    const idle = requestIdleCallback(want, {timeout: 500});
    return () => cancelIdleCallback(idle);
  }, [wanted, want]);
  return [wanted, want];
}
