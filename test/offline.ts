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
