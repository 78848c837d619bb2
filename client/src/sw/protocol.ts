/**
 * What the page and the service worker say to each other. This file is
 * checked against both the DOM and the WebWorker libs: constants only.
 */

/** Background Sync tag under which the page asks for an outbox replay. */
export const OUTBOX_SYNC_TAG = 'chorus-outbox';

/** The message workbox-window's `messageSkipWaiting()` posts to a waiting worker. */
export const SKIP_WAITING = 'SKIP_WAITING';

/**
 * Paths the navigation fallback never answers with the app shell: the API,
 * zero-cache's socket and the health checks belong to the server.
 */
export const SERVER_PATHS = [/^\/api(\/|$)/, /^\/zero(\/|$)/, /^\/(healthz|readyz)$/];
