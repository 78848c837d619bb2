import type {Page} from 'playwright-core';
import {launchChromium} from '../../test/browser.ts';
import type {BenchContext} from '../lib/context.ts';
import {connectionIs, outboxEntries, serviceWorkerControls, signedUpPerson} from '../lib/offline-page.ts';
import {seedMessages, seedRooms, seedServer} from '../lib/seed.ts';
import {round, sleep, summarize, type Summary} from '../lib/stats.ts';

export type OutboxReplayResult = {
  messages: number;
  rooms: number;
  /** Offline, composer → the message stored in the outbox (Enter to stored, composer empty), per message. */
  queued: {seconds: number; perMessage: Summary | undefined};
  /** From `setOffline(false)`: the footer says Connected again. */
  reconnectedMs: number;
  /** From `setOffline(false)`: the first and the last row in Postgres. */
  firstRowMs: number;
  allRowsMs: number;
  /** From `setOffline(false)`: the outbox has no pending entry left (every write confirmed). */
  outboxEmptyMs: number;
  /** Each row's `created_at` (the server's clock) − the moment the network came back. */
  perMessage: Summary | undefined;
  /** Rows whose content appears more than once (must be 0), checked 3 s after the last arrived. */
  duplicates: number;
  /** Rows in Postgres beyond the count queued, and entries the outbox ended as failed. */
  extraRows: number;
  failed: number;
  /** Adjacent pairs of one room whose server timestamps run backwards against the order typed. */
  outOfOrder: number;
};

/** Polls `check` every `everyMs` until it is true; returns when (epoch ms), or throws after `timeoutMs`. */
async function until(check: () => Promise<boolean>, what: string, timeoutMs: number, everyMs = 100) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (await check()) return Date.now();
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await sleep(everyMs);
  }
}

/**
 * Issue 14: a signed-in person in headless Chromium (the built client, with
 * its service worker) goes offline with 5 rooms open before, types `messages`
 * messages through the composer spread over the rooms, then the network
 * comes back. Measures how long until Postgres holds them all and the outbox
 * is empty, each message's arrival after the network returned, and that
 * none arrived twice.
 */
export async function outboxReplay(
  ctx: BenchContext,
  options: {messages: number; rooms: number},
): Promise<OutboxReplayResult> {
  const {stack} = ctx;
  const pool = stack.pool;
  const browser = await launchChromium();
  try {
    const {context, page, userID} = await signedUpPerson(ctx, browser, 'replayer');
    const serverID = await seedServer(pool, [userID], {name: 'Replay'});
    const roomIDs = await seedRooms(pool, serverID, options.rooms, 'replay');
    for (const roomID of roomIDs) {
      await seedMessages(pool, roomID, userID, 20);
      await pool.query(`INSERT INTO user_rooms (user_id, room_id, last_read_at) VALUES ($1, $2, now())`, [
        userID,
        roomID,
      ]);
    }

    // Every room opened once online, as someone who uses them: their rows are in the replica.
    const roomName = (r: number) => `replay-${r + 1}`;
    for (const [r, roomID] of roomIDs.entries()) {
      await page.goto(`${stack.url}/servers/${serverID}/rooms/${roomID}`);
      await page.getByRole('heading', {name: roomName(r)}).waitFor({timeout: 60_000});
      await page
        .getByRole('feed', {name: 'Messages'})
        .getByText('Message number 20 ')
        .waitFor({timeout: 60_000});
    }
    await connectionIs(page, 'connected');
    await serviceWorkerControls(page);
    await stack.settle(10_000);

    await context.setOffline(true);
    // Zero's socket outlives network emulation for a few seconds: wait until the app says it is offline.
    await connectionIs(page, 'offline');

    const tag = `replay ${Date.now().toString(36)}`;
    const text = (r: number, i: number) => `${tag} room ${r + 1} #${String(i).padStart(4, '0')}`;
    const perRoom = Math.ceil(options.messages / options.rooms);
    const typed: number[] = [];
    const queuedStart = Date.now();
    let count = 0;
    for (let r = 0; r < options.rooms && count < options.messages; r++) {
      // In-app navigation (the room list), as a person moves between rooms.
      await page
        .getByRole('complementary', {name: 'Rooms'})
        .getByRole('link', {name: new RegExp(`${roomName(r)}\\b`)})
        .first()
        .click();
      await page.getByRole('heading', {name: roomName(r)}).waitFor();
      for (let i = 0; i < perRoom && count < options.messages; i++, count++) {
        typed.push(await say(page, `Message #${roomName(r)}`, text(r, i), count + 1));
      }
    }
    const queuedSeconds = (Date.now() - queuedStart) / 1000;
    await until(
      async () => (await outboxEntries(page)).sends === options.messages,
      'the outbox to hold every message',
      30_000,
      250,
    );
    const rowsOf = async () =>
      Number(
        (
          await pool.query<{n: string}>(`SELECT count(*) AS n FROM messages WHERE content LIKE $1`, [
            `${tag} %`,
          ])
        ).rows[0]!.n,
      );
    if ((await rowsOf()) !== 0) throw new Error('messages reached Postgres while offline');
    ctx.log(`  ${options.messages} messages queued offline in ${round(queuedSeconds, 1)} s; network back`);

    const online = Date.now();
    await context.setOffline(false);
    const reconnected = connectionIs(page, 'connected', 180_000).then(() => Date.now());
    let first = 0;
    const allRows = await until(
      async () => {
        const n = await rowsOf();
        if (n > 0 && !first) first = Date.now();
        return n >= options.messages;
      },
      'every message in Postgres',
      180_000,
    );
    const outboxEmpty = await until(
      async () => (await outboxEntries(page)).pending === 0,
      'an empty outbox',
      60_000,
    );
    // Late duplicates, if replay sent anything twice, would land now.
    await sleep(3000);
    const {rows} = await pool.query<{content: string; room_id: string; created_ms: number}>(
      `SELECT content, room_id, extract(epoch FROM created_at) * 1000 AS created_ms
         FROM messages WHERE content LIKE $1 ORDER BY content`,
      [`${tag} %`],
    );
    const seen = new Map<string, number>();
    for (const row of rows) seen.set(row.content, (seen.get(row.content) ?? 0) + 1);
    let outOfOrder = 0;
    for (let i = 1; i < rows.length; i++) {
      const [a, b] = [rows[i - 1]!, rows[i]!];
      if (a.room_id === b.room_id && Number(b.created_ms) < Number(a.created_ms)) outOfOrder++;
    }
    return {
      messages: options.messages,
      rooms: options.rooms,
      queued: {seconds: round(queuedSeconds), perMessage: summarize(typed)},
      reconnectedMs: (await reconnected) - online,
      firstRowMs: first - online,
      allRowsMs: allRows - online,
      outboxEmptyMs: outboxEmpty - online,
      perMessage: summarize(rows.map(r => Number(r.created_ms) - online)),
      duplicates: [...seen.values()].filter(n => n > 1).length,
      extraRows: Math.max(0, rows.length - options.messages),
      failed: (await outboxEntries(page)).failed,
      outOfOrder,
    };
  } finally {
    await browser.close();
  }
}

/**
 * Types `text` into the composer and sends it; returns the ms from Enter until
 * the write is stored in the outbox and the composer is empty again. (Not
 * "until the list shows it": past a few messages sent offline the list stops
 * following the bottom and offers "Jump to present", so a new row can be
 * below the rendered window.)
 */
async function say(page: Page, box: string, text: string, stored: number): Promise<number> {
  const composer = page.getByRole('textbox', {name: box});
  await composer.fill(text);
  const start = performance.now();
  await page.keyboard.press('Enter');
  // The cheap check first: reading the outbox back (getAll) on every poll would load the page being measured.
  await until(async () => (await composer.innerText()).trim() === '', 'an empty composer', 30_000, 5);
  await until(async () => (await outboxEntries(page)).sends >= stored, `"${text}" in the outbox`, 30_000, 20);
  return performance.now() - start;
}
