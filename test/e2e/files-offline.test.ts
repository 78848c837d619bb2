import type {Page} from 'playwright-core';
import sharp from 'sharp';
import {describe, expect, it} from 'vitest';
import {createServer, joinServer} from '../people.ts';
import {DISCONNECT_MS, goOffline, serviceWorkerControls} from '../offline.ts';
import {browserSuite} from '../suite.ts';

// Issue 19: an attachment written offline waits in the outbox with its bytes
// (IndexedDB `chorus-files`), survives a reload, and is uploaded and attached
// once when the network is back.

const feed = (page: Page) => page.getByRole('feed', {name: 'Messages'});
const message = (page: Page, text: string) => feed(page).locator('article').filter({hasText: text});

describe('files written offline', () => {
  const suite = browserSuite({stack: {env: {CLIENT_ZERO_DISCONNECT_TIMEOUT_MS: String(DISCONNECT_MS)}}});
  const rows = async (sql: string, params: unknown[]) =>
    (await suite.stack.deps.pool.query(sql, params)).rows;

  it('[FL1][FL3][OB1] an image attached offline stays pending with its bytes across a reload, then is attached once and seen live', async () => {
    const ana = await suite.signUp('ana');
    const code = await createServer(ana, 'Team');
    const ben = await suite.signUp('ben');
    await joinServer(ben, code);
    await ben.getByRole('heading', {name: 'general'}).waitFor();
    // Offline the app boots from the service worker's cache, as for anyone who opened it before.
    await serviceWorkerControls(ana);

    await goOffline(ana);
    const bytes = await sharp({create: {width: 160, height: 120, channels: 3, background: '#c63'}})
      .png()
      .toBuffer();
    await ana.getByRole('textbox', {name: 'Message #general'}).click();
    await ana
      .locator('input[type="file"]')
      .setInputFiles({name: 'offline.png', mimeType: 'image/png', buffer: bytes});
    await ana
      .getByRole('list', {name: 'Files to send'})
      .getByRole('listitem', {name: 'offline.png'})
      .waitFor();
    await ana.keyboard.type('A photo from the train');
    await ana.keyboard.press('Enter');

    for (const moment of ['sent', 'reloaded offline']) {
      if (moment === 'reloaded offline') {
        await ana.reload();
        await feed(ana).waitFor({timeout: 60_000});
      }
      const pending = message(ana, 'A photo from the train');
      await pending.getByText('Sending…').waitFor({timeout: 30_000});
      // Its bytes are still here: the preview is drawn from them.
      await expect
        .poll(
          () =>
            pending
              .getByRole('img', {name: 'Image: offline.png'})
              .evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth, undefined, {
                timeout: 1000,
              })
              .catch(() => 0),
          {timeout: 30_000, message: moment},
        )
        .toBe(160);
    }
    expect(
      await rows(`SELECT 1 FROM messages WHERE content LIKE 'A photo from the train%'`, []),
    ).toHaveLength(0);

    await ana.context().setOffline(false);
    const attached = () =>
      rows(
        `SELECT f.status FROM files f JOIN messages m ON m.id = f.message_id
          WHERE m.content LIKE 'A photo from the train%'`,
        [],
      );
    await expect.poll(attached, {timeout: 60_000}).toEqual([{status: 'ready'}]);
    expect(
      await rows(`SELECT 1 FROM messages WHERE content LIKE 'A photo from the train%'`, []),
    ).toHaveLength(1);

    const seen = message(ben, 'A photo from the train').getByRole('img', {name: 'Image: offline.png'});
    await expect
      .poll(
        () =>
          seen
            .evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth, undefined, {timeout: 1000})
            .catch(() => 0),
        {
          timeout: 60_000,
        },
      )
      .toBeGreaterThan(0);
    await expect.poll(() => ana.getByText('Sending…').count(), {timeout: 30_000}).toBe(0);
    // Once more after everything settled: still one file on one message.
    expect(await attached()).toEqual([{status: 'ready'}]);
  });
});
