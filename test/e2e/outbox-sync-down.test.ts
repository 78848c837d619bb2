import type {Page} from 'playwright-core';
import {afterEach, describe, expect, it} from 'vitest';
import {createServer, joinServer} from '../people.ts';
import {browserSuite} from '../suite.ts';
import {signalAll, zeroCacheTree} from '../zero-cache-process.ts';

// The other half of the outbox's acceptance: the network is fine, but
// zero-cache is stopped (SIGSTOP: its sockets hang, as a frozen or
// unreachable sync server's would). Writes wait in the outbox, survive a
// reload, and arrive once each, in order, when it comes back.

const DISCONNECT_MS = 4000;

const feed = (page: Page) => page.getByRole('feed', {name: 'Messages'});
const message = (page: Page, text: string) => feed(page).locator('article').filter({hasText: text});
const pendingTexts = (page: Page) =>
  feed(page).locator('article').filter({hasText: 'Sending…'}).allInnerTexts();

async function send(page: Page, text: string) {
  await page.getByRole('textbox', {name: 'Message #general'}).click();
  await page.keyboard.type(text);
  await page.keyboard.press('Enter');
}

describe('the durable outbox while zero-cache is stopped', () => {
  const suite = browserSuite({stack: {env: {CLIENT_ZERO_DISCONNECT_TIMEOUT_MS: String(DISCONNECT_MS)}}});
  let stopped: number[] = [];
  afterEach(() => {
    signalAll(stopped, 'SIGCONT');
    stopped = [];
  });

  it('[OB1][OB2] writes made while zero-cache is stopped survive a reload and arrive once each, in order, live', async () => {
    const ana = await suite.signUp('ana');
    const code = await createServer(ana, 'Team');
    const ben = await suite.signUp('ben');
    await joinServer(ben, code);
    await ben.getByRole('heading', {name: 'general'}).waitFor();
    await send(ana, 'before the stop');
    await message(ben, 'before the stop').waitFor({timeout: 30_000});

    stopped = await zeroCacheTree(suite.stack.env.CHORUS_DATA_DIR);
    signalAll(stopped, 'SIGSTOP');
    // Zero notices a dead socket after two missed pings, then gives up after the timeout.
    await ana
      .getByRole('status')
      .filter({hasText: /Connecting|Offline|Cannot reach/})
      .first()
      .waitFor({timeout: 60_000});
    await ana.waitForTimeout(DISCONNECT_MS);

    for (const text of ['one while stopped', 'two while stopped']) await send(ana, text);
    await message(ana, 'one while stopped').hover();
    await ana.getByRole('button', {name: 'Edit message'}).click();
    await ana.getByRole('textbox', {name: 'Edit message'}).fill('one while stopped, edited');
    await ana.getByRole('textbox', {name: 'Edit message'}).press('Enter');

    for (const moment of ['written', 'reloaded']) {
      if (moment === 'reloaded') {
        await ana.reload();
        await feed(ana).waitFor({timeout: 60_000});
      }
      await expect
        .poll(() => pendingTexts(ana), {timeout: 30_000, message: moment})
        .toEqual([
          expect.stringContaining('one while stopped, edited'),
          expect.stringContaining('two while stopped'),
        ]);
    }
    const rows = async () =>
      (
        await suite.stack.deps.pool.query<{content: string; n: number}>(
          `SELECT content, count(*)::int AS n FROM messages WHERE content LIKE '%while stopped%'
            GROUP BY content ORDER BY min(created_at)`,
        )
      ).rows;
    expect(await rows()).toEqual([]);

    signalAll(stopped, 'SIGCONT');
    stopped = [];
    await expect.poll(rows, {timeout: 90_000}).toEqual([
      {content: 'one while stopped, edited', n: 1},
      {content: 'two while stopped', n: 1},
    ]);
    await expect.poll(() => ana.getByText('Sending…').count(), {timeout: 60_000}).toBe(0);
    await message(ben, 'one while stopped, edited').waitFor({timeout: 60_000});
    await message(ben, 'two while stopped').waitFor();
  });
});
