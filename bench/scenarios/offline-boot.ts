import type {BrowserContext} from 'playwright-core';
import {launchChromium} from '../../test/browser.ts';
import type {BenchContext} from '../lib/context.ts';
import {connectionIs, serviceWorkerControls, signedUpPerson} from '../lib/offline-page.ts';
import {seedMessages, seedRooms, seedServer} from '../lib/seed.ts';
import {summarize, type Summary} from '../lib/stats.ts';

type Boot = {
  firstMessage: Summary | undefined;
  painted: Summary | undefined;
  domContentLoaded: Summary | undefined;
};

export type OfflineBootResult = {
  messages: number;
  runs: number;
  /** A new tab opened on the room's URL with the network off: shell from the service worker, rows from IndexedDB. */
  offline: Boot;
  /** The same, online, for comparison: the session is refreshed and zero-cache answers too. */
  online: Boot;
};

// Runs in each new page before its scripts: when the first seeded message's
// text is in the list, and the frame after it (painted). A string because the
// page runs it as is.
const MARK_FIRST_MESSAGE = `
  window.__bench = {};
  document.addEventListener('DOMContentLoaded', () => { window.__bench.domContentLoaded = performance.now(); });
  const observer = new MutationObserver(() => {
    const rows = document.querySelectorAll('[role="feed"] article');
    for (const row of rows) {
      if (!row.textContent.includes('Message number')) continue;
      window.__bench.firstMessage = performance.now();
      requestAnimationFrame(() => setTimeout(() => { window.__bench.painted = performance.now(); }));
      observer.disconnect();
      return;
    }
  });
  observer.observe(document, {childList: true, subtree: true});
`;

type Marks = {__bench?: {firstMessage?: number; painted?: number; domContentLoaded?: number}};

/** Opens `url` in a new tab, with the service worker stopped first (as after a while away); ms since navigation start. */
async function openTab(
  context: BrowserContext,
  stopWorkers: () => Promise<unknown>,
  url: string,
  expectState: 'offline' | 'connected',
) {
  await stopWorkers();
  const page = await context.newPage();
  try {
    await page.goto(url, {waitUntil: 'commit'});
    // Functions, not strings: the app's CSP forbids eval.
    await page.waitForFunction(() => (globalThis as Marks).__bench?.painted, null, {
      timeout: 60_000,
      polling: 50,
    });
    const marks = await page.evaluate(() => (globalThis as Marks).__bench!);
    // After the clock stops: the run counts only if the app ends up saying what it should.
    await connectionIs(page, expectState, 30_000);
    return marks;
  } finally {
    await page.close();
  }
}

const summarizeBoots = (
  boots: {firstMessage?: number; painted?: number; domContentLoaded?: number}[],
): Boot => ({
  firstMessage: summarize(boots.map(b => b.firstMessage ?? NaN).filter(Number.isFinite)),
  painted: summarize(boots.map(b => b.painted ?? NaN).filter(Number.isFinite)),
  domContentLoaded: summarize(boots.map(b => b.domContentLoaded ?? NaN).filter(Number.isFinite)),
});

/**
 * Issue 14: after one online visit (service worker installed, the room in the
 * IndexedDB replica), the network goes off and a new tab opens the room's
 * URL. Timed from navigation start to the first message painted; the same
 * online beside it.
 */
export async function offlineBoot(
  ctx: BenchContext,
  options: {messages: number; runs: number},
): Promise<OfflineBootResult> {
  const {stack} = ctx;
  const pool = stack.pool;
  const browser = await launchChromium();
  try {
    const {context, page, userID} = await signedUpPerson(ctx, browser, 'booter');
    const serverID = await seedServer(pool, [userID], {name: 'Boot', joinedAt: Date.now() - 86_400_000});
    const [roomID] = await seedRooms(pool, serverID, 1, 'boot');
    await seedMessages(pool, roomID!, userID, options.messages);
    await pool.query(`INSERT INTO user_rooms (user_id, room_id, last_read_at) VALUES ($1, $2, now())`, [
      userID,
      roomID,
    ]);

    // The one online visit: the room's latest messages reach the replica, the worker precaches the client.
    const url = `${stack.url}/servers/${serverID}/rooms/${roomID}`;
    await page.goto(url);
    await page
      .getByRole('feed', {name: 'Messages'})
      .getByText(`Message number ${options.messages} `)
      .waitFor({timeout: 60_000});
    await connectionIs(page, 'connected');
    await serviceWorkerControls(page);
    // Let the replica reach IndexedDB, then leave: each timed tab is the only one.
    await page.waitForTimeout(2000);
    await page.goto('about:blank');
    await stack.settle(10_000);

    await context.addInitScript({content: MARK_FIRST_MESSAGE});
    const cdp = await context.newCDPSession(page);
    await cdp.send('ServiceWorker.enable');
    const stopWorkers = () => cdp.send('ServiceWorker.stopAllWorkers');

    await context.setOffline(true);
    const offline = [];
    for (let i = 0; i < options.runs; i++) offline.push(await openTab(context, stopWorkers, url, 'offline'));
    await context.setOffline(false);
    const online = [];
    for (let i = 0; i < options.runs; i++) online.push(await openTab(context, stopWorkers, url, 'connected'));

    return {
      messages: options.messages,
      runs: options.runs,
      offline: summarizeBoots(offline),
      online: summarizeBoots(online),
    };
  } finally {
    await browser.close();
  }
}
