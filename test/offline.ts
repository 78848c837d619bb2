/// <reference lib="dom" />
import type {Page} from 'playwright-core';

/**
 * Waits until the service worker has installed, precached the built client
 * (lazy chunks too) and controls the page: from then on the app boots and
 * loads its chunks with no network, as for anyone who has opened it before.
 */
export async function serviceWorkerControls(page: Page): Promise<void> {
  await page.evaluate(async () => {
    await navigator.serviceWorker.ready;
  });
  await page.waitForFunction(() => navigator.serviceWorker.controller !== null, undefined, {timeout: 60_000});
}

/** Zero calls itself disconnected (and refuses writes) after this long without zero-cache: the stack's `CLIENT_ZERO_DISCONNECT_TIMEOUT_MS` in offline tests. */
export const DISCONNECT_MS = 4000;

/** Offline by network emulation, until Zero has given up (past the shortened disconnect timeout). */
export async function goOffline(page: Page): Promise<void> {
  await page.context().setOffline(true);
  await page
    .getByRole('status')
    .filter({hasText: /Offline/})
    .first()
    .waitFor({timeout: 60_000});
  await page.waitForTimeout(DISCONNECT_MS);
}
