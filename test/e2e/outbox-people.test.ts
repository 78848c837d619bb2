import type {Page} from 'playwright-core';
import {describe, expect, it} from 'vitest';
import {createServer, signIn} from '../people.ts';
import {browserSuite} from '../suite.ts';

// [OB4] One device, two people: what one person wrote offline waits under
// their id while someone else uses the device, is never sent as that other
// person, and is delivered once its author signs in again.

const PASSWORD = 'correct horse battery';
const feed = (page: Page) => page.getByRole('feed', {name: 'Messages'});

describe('the outbox on a shared device', () => {
  const suite = browserSuite();

  it('[OB4] another person signing in never replays the previous person’s writes; their author gets them delivered', async () => {
    const ben = await suite.signUp('benno');
    await createServer(ben, 'Elsewhere');
    await ben.context().close();

    const ana = await suite.signUp('anabel');
    await createServer(ana, 'Mine');
    const context = ana.context();
    await context.setOffline(true);
    // An open sync socket outlives network emulation for a moment: write once the app says offline.
    await ana
      .getByRole('status')
      .filter({hasText: /Offline/})
      .first()
      .waitFor({timeout: 60_000});
    await ana.getByRole('textbox', {name: 'Message #general'}).click();
    await ana.keyboard.type('written by anabel');
    await ana.keyboard.press('Enter');
    await feed(ana).getByText('Sending…').waitFor();
    await ana.close();

    // Her session ends on this device (cookie gone); Benno signs in here.
    await context.clearCookies();
    await context.setOffline(false);
    const shared = await context.newPage();
    await shared.goto(`${suite.stack.url}/sign-in`);
    await signIn(shared, suite.stack.url, 'benno@example.test', PASSWORD);
    await shared.getByRole('navigation', {name: 'Servers'}).waitFor({timeout: 30_000});
    const rows = async () =>
      (
        await suite.stack.deps.pool.query<{username: string}>(
          `SELECT u.username FROM messages m JOIN users u ON u.id = m.user_id WHERE m.content = 'written by anabel'`,
        )
      ).rows;
    // Long enough for a replay to have happened, were it going to.
    await shared.waitForTimeout(5_000);
    expect(await rows()).toEqual([]);

    // Anabel comes back to this device: delivered, once, as her.
    await context.clearCookies();
    await shared.goto(`${suite.stack.url}/sign-in`);
    await signIn(shared, suite.stack.url, 'anabel@example.test', PASSWORD);
    await expect.poll(rows, {timeout: 60_000}).toEqual([{username: 'anabel'}]);
  });
});
