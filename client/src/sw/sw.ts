/// <reference lib="webworker" />
import {clientsClaim} from 'workbox-core';
import {cleanupOutdatedCaches, createHandlerBoundToURL, precacheAndRoute} from 'workbox-precaching';
import {NavigationRoute, registerRoute} from 'workbox-routing';
import {replayOutbox} from './replay-outbox.ts';
import {OUTBOX_SYNC_TAG, SERVER_PATHS, SKIP_WAITING} from './protocol.ts';

/**
 * Chorus's service worker [OF1] [PWA1]: the built client is precached, every
 * client route boots from it with no network, and nothing the server says
 * (`/api`, `/zero`) is cached or answered here. A new version waits until
 * the person chooses "Reload" (the update prompt), so a half-typed message
 * is never lost to an update.
 */
declare const self: ServiceWorkerGlobalScope & {
  __WB_MANIFEST: (string | {url: string; revision: string | null})[];
};

/** Background Sync's event (Chromium); not in TypeScript's WebWorker lib. */
interface SyncEvent extends ExtendableEvent {
  readonly tag: string;
  readonly lastChance: boolean;
}
declare global {
  interface ServiceWorkerGlobalScopeEventMap {
    sync: SyncEvent;
  }
}

precacheAndRoute(self.__WB_MANIFEST);
cleanupOutdatedCaches();
registerRoute(new NavigationRoute(createHandlerBoundToURL('/index.html'), {denylist: SERVER_PATHS}));

self.addEventListener('message', event => {
  if ((event.data as {type?: unknown} | null)?.type === SKIP_WAITING) void self.skipWaiting();
});
// The first install takes over the open page at once, so it works offline
// from then on; later versions take over only after skipWaiting above.
clientsClaim();

self.addEventListener('sync', event => {
  // A rejected promise tells the browser to try again later, with its own backoff.
  if (event.tag === OUTBOX_SYNC_TAG) event.waitUntil(replayOutbox());
});
