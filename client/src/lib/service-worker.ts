import {Workbox} from 'workbox-window';
import {useUpdateStore} from '../stores/update-store.ts';
import {SKIP_WAITING} from '../sw/protocol.ts';

/**
 * The page's side of the service worker (src/sw/sw.ts), loaded on demand by
 * main.tsx so the first load carries none of it. A new version waits until
 * the person chooses "Reload" in the update prompt [PWA1].
 */

const HOUR = 60 * 60 * 1000;
/** This tab asked the waiting worker to take over, so its arrival means "reload now". */
let updating = false;

export function registerServiceWorker(): void {
  const workbox = new Workbox('/sw.js', {scope: '/'});
  workbox.addEventListener('waiting', () => useUpdateStore.getState().setNeeded('service-worker'));
  workbox.addEventListener('controlling', event => {
    if (!event.isUpdate) return;
    // Another tab's Reload switched workers under this one: its code is now
    // older than the cache, so it asks too rather than reload by surprise.
    if (updating) window.location.reload();
    else useUpdateStore.getState().setNeeded('service-worker');
  });
  void workbox.register();
  // Long-lived tabs look for a new version now and then, and when back online.
  const check = () => void workbox.update().catch(() => {});
  setInterval(check, HOUR);
  window.addEventListener('online', check);
}

/**
 * Loads the newest version: asks the server for it, lets a waiting worker
 * take over, then reloads. Also what Zero's `onUpdateNeeded` leads to: a
 * plain reload would boot the old precached client again.
 */
export async function applyUpdate(): Promise<void> {
  const registration = await navigator.serviceWorker?.getRegistration();
  if (registration) {
    await registration.update().catch(() => {});
    const waiting = registration.waiting ?? (await installed(registration.installing));
    if (waiting) {
      updating = true;
      const takenOver = new Promise(resolve => {
        navigator.serviceWorker.addEventListener('controllerchange', resolve, {once: true});
        setTimeout(resolve, 10_000);
      });
      waiting.postMessage({type: SKIP_WAITING});
      await takenOver;
    }
  }
  window.location.reload();
}

/** The worker once it has installed (and so waits), or undefined if it failed. */
function installed(worker: ServiceWorker | null): Promise<ServiceWorker | undefined> {
  if (!worker) return Promise.resolve(undefined);
  return new Promise(resolve => {
    worker.addEventListener('statechange', () => {
      if (worker.state === 'installed') resolve(worker);
      else if (worker.state === 'redundant') resolve(undefined);
    });
  });
}
