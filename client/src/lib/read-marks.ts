import * as z from 'zod/mini';
import {ApiError} from './api.ts';
import {authedApi, useAuthStore} from '../stores/auth-store.ts';

export type ReadMarkSender = {
  /** Queues `readAt` for `roomID` (the later of it and any unsent mark) and sends what is queued. */
  mark: (roomID: string, readAt: number) => void;
  /** Sends every queued mark; resolves when done or when the server cannot be reached. */
  flush: () => Promise<void>;
  /** Marks not yet accepted by the server, by room. */
  unsent: () => ReadonlyMap<string, number>;
  /** Forgets every queued mark (another person signed in). */
  clear: () => void;
};

/**
 * [RS1] This device's read marks on their way to `POST /rooms/:id/read`.
 * They are not Zero mutations (each push is a change every connected client
 * must process), so they do not ride Zero's queue either: a mark that cannot
 * reach the server (offline, server error, rate limit) stays queued, only the
 * latest per room, and goes when `flush` runs again — on the next mark, when
 * the browser comes back online, or every `retryMs`. A mark the server
 * refuses (the room is gone, or no longer readable) is dropped.
 */
export function createReadMarkSender(
  send: (roomID: string, readAt: number) => Promise<unknown>,
  options: {retryMs?: number} = {},
): ReadMarkSender {
  const retryMs = options.retryMs ?? 30_000;
  const queued = new Map<string, number>();
  let running: Promise<void> | undefined;
  let retry: ReturnType<typeof setTimeout> | undefined;

  /** One pass over the queue; false when the server could not be reached. */
  async function pass(): Promise<boolean> {
    for (const [roomID, readAt] of [...queued]) {
      try {
        await send(roomID, readAt);
      } catch (err) {
        const refused =
          err instanceof ApiError && err.status >= 400 && err.status < 500 && err.status !== 429;
        if (!refused) return false;
      }
      // A later mark queued meanwhile stays for the next pass.
      if (queued.get(roomID) === readAt) queued.delete(roomID);
    }
    return true;
  }

  function flush(): Promise<void> {
    running ??= (async () => {
      try {
        while (queued.size) {
          if (await pass()) continue;
          clearTimeout(retry);
          retry = setTimeout(() => void flush(), retryMs);
          return;
        }
      } finally {
        running = undefined;
      }
    })();
    return running;
  }

  return {
    mark(roomID, readAt) {
      if ((queued.get(roomID) ?? 0) < readAt) queued.set(roomID, readAt);
      void flush();
    },
    flush,
    unsent: () => queued,
    clear: () => {
      queued.clear();
      clearTimeout(retry);
    },
  };
}

/** The app's sender, through the signed-in user's API session. */
export const readMarks = createReadMarkSender((roomID, readAt) =>
  authedApi(`/rooms/${roomID}/read`, z.undefined(), {method: 'POST', body: {readAt}}),
);

if (typeof window !== 'undefined') window.addEventListener('online', () => void readMarks.flush());
// Marks queued for one person must never be sent with the next one's session.
useAuthStore.subscribe((state, prev) => {
  if (state.user?.id !== prev.user?.id) readMarks.clear();
});
