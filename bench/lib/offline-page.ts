/// <reference lib="dom" />
// (The page-side callbacks below use service worker and IndexedDB types.)
import type {Browser, BrowserContext, Page} from 'playwright-core';
import {signUpAndVerify} from '../../test/people.ts';
import type {BenchContext} from './context.ts';

/** Helpers for the offline scenarios, driving the app as test/e2e/offline-shell and outbox do. */

/** The footer's connection status: `data-state` is `offline` once the app shows it has no network. */
export const connection = (page: Page) => page.locator('footer [role="status"]');

/** Waits until the footer says `state` (`offline`, `connected`, …). */
export async function connectionIs(page: Page, state: string, timeoutMs = 60_000): Promise<void> {
  await page.locator(`footer [role="status"][data-state="${state}"]`).waitFor({timeout: timeoutMs});
}

/** Waits until the service worker has precached the built client (lazy chunks too) and controls the page. */
export async function serviceWorkerControls(page: Page): Promise<void> {
  await page.evaluate(async () => {
    await navigator.serviceWorker.ready;
  });
  await page.waitForFunction(() => navigator.serviceWorker.controller !== null, null, {timeout: 60_000});
}

/**
 * Entries in this origin's outbox database (client/src/outbox/README.md), by
 * state; `sends` counts the pending `message.send` entries (read marks wait there too).
 */
export function outboxEntries(page: Page): Promise<{pending: number; failed: number; sends: number}> {
  return page.evaluate(
    () =>
      new Promise<{pending: number; failed: number; sends: number}>((resolve, reject) => {
        const open = indexedDB.open('chorus-outbox');
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const db = open.result;
          if (!db.objectStoreNames.contains('entries')) {
            db.close();
            return resolve({pending: 0, failed: 0, sends: 0});
          }
          const all = db.transaction('entries').objectStore('entries').getAll();
          all.onsuccess = () => {
            db.close();
            const entries = all.result as {state: string; kind: string}[];
            const pending = entries.filter(e => e.state === 'pending');
            resolve({
              pending: pending.length,
              sends: pending.filter(e => e.kind === 'message.send').length,
              failed: entries.filter(e => e.state === 'failed').length,
            });
          };
          all.onerror = () => reject(all.error);
        };
      }),
  );
}

/** A new person signed up and verified in a fresh desktop-sized context, with their user id. */
export async function signedUpPerson(
  ctx: BenchContext,
  browser: Browser,
  prefix: string,
): Promise<{context: BrowserContext; page: Page; userID: string}> {
  const context = await browser.newContext({viewport: {width: 1280, height: 800}});
  const page = await context.newPage();
  const username = `${prefix}_${Date.now() % 1e8}`;
  await signUpAndVerify(page, ctx.stack.url, ctx.stack.sesURL, username);
  const {rows} = await ctx.stack.pool.query<{id: string}>('SELECT id FROM users WHERE username = $1', [
    username,
  ]);
  return {context, page, userID: rows[0]!.id};
}
