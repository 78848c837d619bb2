import type {PresenceStatus} from '@chorus/schema';
import {useEffect, useState} from 'react';

/** How long without input (or with the tab hidden) before I show as idle. */
export const IDLE_AFTER_MS = 5 * 60_000;
const CHECK_MS = 30_000;
const INPUT = ['pointerdown', 'pointermove', 'keydown', 'wheel', 'touchstart', 'focus'] as const;

/**
 * 'online' while the person uses the page; 'idle' after `IDLE_AFTER_MS`
 * without input (a hidden tab gets none, so it goes idle as well), and
 * online again at the next input or when the tab is shown.
 */
export function useActivityStatus(): PresenceStatus {
  const [status, setStatus] = useState<PresenceStatus>('online');
  useEffect(() => {
    let lastInput = Date.now();
    const active = () => {
      lastInput = Date.now();
      setStatus('online');
    };
    const shown = () => {
      if (document.visibilityState === 'visible') active();
    };
    const check = () => {
      if (Date.now() - lastInput >= IDLE_AFTER_MS) setStatus('idle');
    };
    for (const type of INPUT) window.addEventListener(type, active, {passive: true, capture: true});
    document.addEventListener('visibilitychange', shown);
    const timer = setInterval(check, CHECK_MS);
    return () => {
      for (const type of INPUT) window.removeEventListener(type, active, {capture: true});
      document.removeEventListener('visibilitychange', shown);
      clearInterval(timer);
    };
  }, []);
  return status;
}
