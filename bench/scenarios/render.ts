import http from 'node:http';
import type {Page} from 'playwright-core';
import {launchChromium} from '../../test/browser.ts';
import {signUpAndVerify} from '../../test/people.ts';
import type {BenchContext} from '../lib/context.ts';
import {seedMessages, seedRooms, seedServer} from '../lib/seed.ts';
import {round, summarize, type Summary} from '../lib/stats.ts';
import {waitForReplica} from './room-open.ts';

export type RenderResult = {
  messages: number;
  /** First visit to the room in this browser: the rows come from zero-cache. */
  cold: {firstRowMs: number; domContentLoadedMs: number; sessionReadyMs: number};
  /** Reloads after that: the rows come from the local replica in IndexedDB. */
  warm: {
    firstRow: Summary | undefined;
    domContentLoaded: Summary | undefined;
    sessionReady: Summary | undefined;
  };
  /** How the API serves the entry script: `content-encoding` and bytes on the wire. */
  entryScript: {encoding: string; bytes: number};
};

// Runs in the page before its scripts: notes when the first message row is in
// the DOM and when DOMContentLoaded fired (ms since navigation start). A string
// because this file is type-checked without the DOM library.
const MARK_FIRST_ROW = `
  window.__bench = {};
  document.addEventListener('DOMContentLoaded', () => { window.__bench.domContentLoaded = performance.now(); });
  const observer = new MutationObserver(() => {
    if (document.querySelector('[role="feed"] article')) {
      window.__bench.firstRow = performance.now();
      observer.disconnect();
    }
  });
  observer.observe(document, {childList: true, subtree: true});
`;

/** ms from navigation start to the first rendered message row, and to DOMContentLoaded. */
async function openAndTime(page: Page, navigate: () => Promise<unknown>) {
  await navigate();
  // Functions, not strings: the app's CSP forbids eval.
  type Marks = {__bench?: {firstRow?: number; domContentLoaded?: number}};
  await page.waitForFunction(() => (globalThis as Marks).__bench?.firstRow, null, {
    timeout: 60_000,
    polling: 50,
  });
  const marks = await page.evaluate(() => ({
    ...(globalThis as Marks).__bench!,
    // The session bootstrap: the access token comes from POST /auth/refresh before Zero can start.
    refreshEnd: performance
      .getEntriesByType('resource')
      .find(e => e.name.includes('/api/v1/auth/refresh'))
      ?.toJSON().responseEnd as number | undefined,
  }));
  return {
    firstRowMs: marks.firstRow!,
    domContentLoadedMs: marks.domContentLoaded ?? NaN,
    sessionReadyMs: marks.refreshEnd ?? NaN,
  };
}

/** Requests the entry script as a browser would (accepting gzip and brotli) and counts the bytes on the wire. */
async function entryScriptOnTheWire(base: string) {
  const html = await (await fetch(base)).text();
  const src = /<script[^>]+src="([^"]+)"/.exec(html)?.[1];
  if (!src) return {encoding: 'unknown', bytes: 0};
  // node:http, not fetch: fetch decodes the body, and a compressed stream has no Content-Length.
  return new Promise<{encoding: string; bytes: number}>((resolve, reject) => {
    http
      .get(new URL(src, base), {headers: {'accept-encoding': 'gzip, deflate, br'}}, res => {
        let bytes = 0;
        res.on('data', (chunk: Buffer) => (bytes += chunk.length));
        res.on('end', () => resolve({encoding: res.headers['content-encoding'] ?? 'identity', bytes}));
        res.on('error', reject);
      })
      .on('error', reject);
  });
}

/**
 * Issue 4's render benchmark: the built client in headless Chromium opens a
 * room of 10,000 messages (all read, so it opens at the bottom). Timed from
 * navigation start to the first message row in the DOM, first from the
 * server (cold), then on reloads from the local replica (warm).
 */
export async function render(
  ctx: BenchContext,
  options: {messages: number; reloads: number},
): Promise<RenderResult> {
  const {stack} = ctx;
  const browser = await launchChromium();
  try {
    const page = await (await browser.newContext({viewport: {width: 1280, height: 800}})).newPage();
    const username = `reader_${Date.now() % 1e8}`;
    await signUpAndVerify(page, stack.url, stack.sesURL, username);
    // Away from the app while seeding, so that the room arrives only when it is opened.
    await page.goto('about:blank');
    const pool = stack.pool;
    const reader = (await pool.query<{id: string}>('SELECT id FROM users WHERE username = $1', [username]))
      .rows[0]!.id;
    const {rows} = await pool.query<{id: string}>(
      `INSERT INTO users (username, email, email_verified_at) VALUES ($1, $2, now()) RETURNING id`,
      [`writer_${Date.now() % 1e8}`, `writer-${Date.now()}@bench.test`],
    );
    const writer = rows[0]!.id;
    const serverID = await seedServer(pool, [writer, reader], {
      name: 'History',
      joinedAt: Date.now() - 86_400_000,
    });
    const [roomID] = await seedRooms(pool, serverID, 1, 'history');
    await seedMessages(pool, roomID!, writer, options.messages);
    // Everything read: the room opens at the bottom (no growing back to an unread mark).
    await pool.query(`INSERT INTO user_rooms (user_id, room_id, last_read_at) VALUES ($1, $2, now())`, [
      reader,
      roomID,
    ]);
    await waitForReplica(ctx, reader, roomID!, options.messages);
    await stack.settle(10_000);

    await page.addInitScript({content: MARK_FIRST_ROW});
    const url = `${stack.url}/servers/${serverID}/rooms/${roomID}`;
    const cold = await openAndTime(page, () => page.goto(url, {waitUntil: 'commit'}));
    // Let the replica reach IndexedDB before reloading.
    await page.waitForTimeout(2000);
    const warm: Awaited<ReturnType<typeof openAndTime>>[] = [];
    for (let i = 0; i < options.reloads; i++) {
      warm.push(await openAndTime(page, () => page.reload({waitUntil: 'commit'})));
      await page.waitForTimeout(500);
    }
    return {
      messages: options.messages,
      cold: {
        firstRowMs: round(cold.firstRowMs),
        domContentLoadedMs: round(cold.domContentLoadedMs),
        sessionReadyMs: round(cold.sessionReadyMs),
      },
      warm: {
        firstRow: summarize(warm.map(w => w.firstRowMs)),
        domContentLoaded: summarize(warm.map(w => w.domContentLoadedMs)),
        sessionReady: summarize(warm.map(w => w.sessionReadyMs)),
      },
      entryScript: await entryScriptOnTheWire(stack.url),
    };
  } finally {
    await browser.close();
  }
}
