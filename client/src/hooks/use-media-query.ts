import {useCallback, useSyncExternalStore} from 'react';

/** Tailwind's `md` and `xl` breakpoints, for layout that must differ in the tree, not only in CSS. */
export const WIDE = '(min-width: 48rem)';
export const EXTRA_WIDE = '(min-width: 80rem)';

/** Whether a media query matches now, re-rendering when that changes. */
export function useMediaQuery(query: string): boolean {
  const subscribe = useCallback(
    (onChange: () => void) => {
      const list = window.matchMedia(query);
      list.addEventListener('change', onChange);
      return () => list.removeEventListener('change', onChange);
    },
    [query],
  );
  return useSyncExternalStore(subscribe, () => window.matchMedia(query).matches);
}
