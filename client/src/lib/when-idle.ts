/**
 * Runs `task` once the browser is idle (at most `timeout` ms later), for work
 * that must not compete with the first paint: warming a lazy chunk someone
 * may need at a keystroke. Returns a function that cancels it.
 */
export function whenIdle(task: () => void, timeout = 2000): () => void {
  if (typeof requestIdleCallback !== 'function') {
    const timer = setTimeout(task, 200);
    return () => clearTimeout(timer);
  }
  const idle = requestIdleCallback(task, {timeout});
  return () => cancelIdleCallback(idle);
}
