import {OUTBOX_SYNC_TAG} from '../sw/protocol.ts';

/** Background Sync's registration API (Chromium); not in TypeScript's DOM lib. */
type SyncManager = {register(tag: string): Promise<void>};

/**
 * Asks the service worker to replay the outbox through REST as soon as the
 * network is there, even after this tab is closed (src/sw/replay-outbox.ts).
 * Call it when the outbox has pending writes and the page is being hidden or
 * closed. Resolves to whether the browser took the request: false without a
 * service worker or Background Sync (Firefox, Safari), where the next visit
 * replays instead.
 */
export async function requestOutboxSync(): Promise<boolean> {
  const registration = await navigator.serviceWorker?.getRegistration();
  const sync = (registration as (ServiceWorkerRegistration & {sync?: SyncManager}) | undefined)?.sync;
  if (!sync) return false;
  try {
    await sync.register(OUTBOX_SYNC_TAG);
    return true;
  } catch {
    return false;
  }
}
