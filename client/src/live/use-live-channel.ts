import type {LiveEvent} from '@chorus/schema';
import {useEffect, useRef} from 'react';
import {useLiveClient} from './live-provider.tsx';

/**
 * Calls `onEvent` for each live event on `channel` while the component is
 * mounted (nothing while `channel` is undefined). The latest `onEvent` is
 * called; a new function does not re-subscribe.
 */
export function useLiveChannel(channel: string | undefined, onEvent: (event: LiveEvent) => void): void {
  const live = useLiveClient();
  const handler = useRef(onEvent);
  handler.current = onEvent;
  useEffect(() => {
    if (!live || !channel) return;
    return live.subscribe(channel, event => handler.current(event));
  }, [live, channel]);
}
