import type {Page} from 'playwright-core';
import {describe, expect, it} from 'vitest';
import {createRoom, createServer, joinServer} from '../people.ts';
import {DISCONNECT_MS, goOffline, serviceWorkerControls} from '../offline.ts';
import {browserSuite} from '../suite.ts';

const feed = (page: Page) => page.getByRole('feed', {name: 'Messages'});
const message = (page: Page, text: string) => feed(page).locator('article').filter({hasText: text});

async function send(page: Page, box: string, text: string) {
  await page.getByRole('textbox', {name: box}).click();
  await page.keyboard.type(text);
  await page.keyboard.press('Enter');
}

/** Reacts to a message through the emoji picker, the way a person does: search, then pick. */
async function react(page: Page, text: string, search: string, emoji: string) {
  await message(page, text).hover();
  await page.getByRole('button', {name: 'Add reaction'}).click();
  await message(page, text).getByRole('searchbox', {name: 'Search'}).fill(search);
  await message(page, text).getByRole('button', {name: emoji, exact: true}).click();
}

/** What shows as pending in the room's list, top to bottom. */
const pendingTexts = (page: Page) =>
  feed(page).locator('article').filter({hasText: 'Sending…'}).allInnerTexts();

describe('the durable outbox', () => {
  const suite = browserSuite({stack: {env: {CLIENT_ZERO_DISCONNECT_TIMEOUT_MS: String(DISCONNECT_MS)}}});
  const rows = async (sql: string, params: unknown[]) =>
    (await suite.stack.deps.pool.query(sql, params)).rows;

  it('[OB1][OB2] writes made offline past the disconnect timeout show pending in order, then arrive once each, in order, live', async () => {
    const ana = await suite.signUp('ana');
    const code = await createServer(ana, 'Team');
    const ben = await suite.signUp('ben');
    await joinServer(ben, code);
    await ben.getByRole('heading', {name: 'general'}).waitFor();

    await send(ana, 'Message #general', 'before the outage');
    await message(ana, 'before the outage').waitFor();
    await expect.poll(() => ana.getByText('Sending…').count(), {timeout: 30_000}).toBe(0);
    // The emoji picker is a lazy chunk: offline it comes from the service
    // worker's precache, as it does for anyone who has opened the app before.
    await serviceWorkerControls(ana);

    await goOffline(ana);
    for (const text of ['first offline', 'second offline', 'third offline'])
      await send(ana, 'Message #general', text);
    await message(ana, 'first offline').hover();
    await ana.getByRole('button', {name: 'Edit message'}).click();
    await ana.getByRole('textbox', {name: 'Edit message'}).fill('first offline, edited');
    await ana.getByRole('textbox', {name: 'Edit message'}).press('Enter');
    await react(ana, 'second offline', 'tada', '🎉');
    await message(ana, 'before the outage').hover();
    await ana.getByRole('button', {name: 'Reply in thread'}).click();
    await send(ana, 'Reply in thread', 'reply offline');
    await ana.getByRole('log', {name: 'Replies'}).getByText('reply offline').waitFor();

    // Everything shows at once, pending, in the order it was written; and
    // again after a reload with no network (the app boots from the cache).
    for (const moment of ['written', 'reloaded offline']) {
      if (moment === 'reloaded offline') {
        await ana.reload();
        await feed(ana).waitFor({timeout: 60_000});
      }
      await expect
        .poll(() => pendingTexts(ana), {timeout: 30_000, message: moment})
        .toEqual([
          expect.stringContaining('first offline, edited'),
          expect.stringContaining('second offline'),
          expect.stringContaining('third offline'),
        ]);
      await message(ana, 'second offline')
        .getByRole('button', {name: /🎉 1, by you/})
        .waitFor();
      await message(ana, 'before the outage')
        .getByRole('button', {name: /^1 reply/})
        .waitFor();
    }
    expect(await rows(`SELECT 1 FROM messages WHERE content LIKE '%offline%'`, [])).toHaveLength(0);
    expect(await rows(`SELECT 1 FROM message_reactions`, [])).toHaveLength(0);

    await ana.context().setOffline(false);
    const sent = () =>
      rows(
        `SELECT m.content, m.parent_message_id IS NOT NULL AS reply, m.edited_at IS NOT NULL AS edited
           FROM messages m JOIN users u ON u.id = m.user_id
          WHERE u.username = 'ana' ORDER BY m.created_at, m.id`,
        [],
      );
    await expect.poll(sent, {timeout: 60_000}).toEqual([
      {content: 'before the outage', reply: false, edited: false},
      {content: 'first offline, edited', reply: false, edited: true},
      {content: 'second offline', reply: false, edited: false},
      {content: 'third offline', reply: false, edited: false},
      {content: 'reply offline', reply: true, edited: false},
    ]);
    const reactions = () =>
      rows(`SELECT r.emoji, m.content FROM message_reactions r JOIN messages m ON m.id = r.message_id`, []);
    await expect.poll(reactions, {timeout: 30_000}).toEqual([{emoji: '🎉', content: 'second offline'}]);
    // Every write confirmed: none shows as pending any more.
    await feed(ana).getByText('third offline').waitFor();
    await expect.poll(() => ana.getByText('Sending…').count(), {timeout: 30_000}).toBe(0);

    // The reply is counted once, now by the server.
    await message(ana, 'before the outage')
      .getByRole('button', {name: /^1 reply/})
      .waitFor();

    // Ben saw it all without reloading.
    await message(ben, 'first offline, edited').waitFor({timeout: 30_000});
    await message(ben, 'before the outage')
      .getByRole('button', {name: /^1 reply/})
      .waitFor();
    await message(ben, 'third offline').waitFor();
    await message(ben, 'second offline')
      .getByRole('button', {name: /🎉 1, by ana/})
      .waitFor();
  });

  it('[OB1][OB2] a page closed with unsent writes: the next page delivers them, once', async () => {
    const cleo = await suite.signUp('cleo');
    await createServer(cleo, 'Solo');
    const roomURL = cleo.url();
    await cleo.context().setOffline(true);
    await send(cleo, 'Message #general', 'written then closed');
    // Shown pending: it is in IndexedDB (the list is read back from there).
    await message(cleo, 'written then closed').getByText('Sending…').waitFor();
    const context = cleo.context();
    await cleo.close();
    await context.setOffline(false);

    const again = await context.newPage();
    await again.goto(roomURL);
    await message(again, 'written then closed').waitFor();
    await expect.poll(() => again.getByText('Sending…').count(), {timeout: 60_000}).toBe(0);
    expect(await rows(`SELECT 1 FROM messages WHERE content = 'written then closed'`, [])).toHaveLength(1);
  });

  it('[OB3] a send to a room I was removed from while offline ends failed with the reason; its text can be copied', async () => {
    const owner = await suite.signUp('olga');
    const code = await createServer(owner, 'Studio');
    await createRoom(owner, 'secret', {isPrivate: true});
    const max = await suite.signUp('maxim', {permissions: ['clipboard-read', 'clipboard-write']});
    await joinServer(max, code);
    await max.getByRole('heading', {name: 'general'}).waitFor();
    await owner.getByRole('button', {name: 'Room settings'}).click();
    await owner.getByRole('button', {name: 'Add maxim'}).click();
    await owner.getByRole('button', {name: 'Remove maxim'}).waitFor();
    const rooms = max.getByRole('complementary', {name: 'Rooms'});
    await rooms.getByRole('link', {name: /secret/}).click();
    await max.getByRole('heading', {name: 'secret'}).waitFor();

    await max.context().setOffline(true);
    await send(max, 'Message #secret', 'words that must not be lost');
    await owner.getByRole('button', {name: 'Remove maxim'}).click();
    await owner.getByRole('button', {name: 'Add maxim'}).waitFor();
    await max.context().setOffline(false);

    const failed = max.getByRole('region', {name: 'Unsent changes'});
    await failed.getByText('words that must not be lost').waitFor({timeout: 60_000});
    await failed.getByText(/Not sent: .*(does not exist|cannot read)/).waitFor();
    await failed.getByRole('button', {name: 'Copy text'}).click();
    expect(await max.evaluate(() => navigator.clipboard.readText())).toBe('words that must not be lost');
    expect(
      await rows(`SELECT 1 FROM messages WHERE content = 'words that must not be lost'`, []),
    ).toHaveLength(0);
  });

  it('[OB2][OB4] two tabs offline, then online: each write lands once', async () => {
    const dee = await suite.signUp('dee');
    await createServer(dee, 'Twin');
    const roomURL = dee.url();
    const other = await dee.context().newPage();
    await other.goto(roomURL);
    await other.getByRole('heading', {name: 'general'}).waitFor();

    // Both tabs share the context: offline for both, waited for on the second.
    await goOffline(other);
    await send(dee, 'Message #general', 'from tab one');
    await send(other, 'Message #general', 'from tab two');
    await send(dee, 'Message #general', 'tab one again');
    for (const page of [dee, other]) {
      for (const text of ['from tab one', 'from tab two', 'tab one again'])
        await message(page, text).waitFor();
    }
    await dee.context().setOffline(false);
    for (const page of [dee, other]) {
      await expect.poll(() => page.getByText('Sending…').count(), {timeout: 60_000}).toBe(0);
    }
    const sent = await rows(
      `SELECT content, count(*)::int AS n FROM messages WHERE content IN ('from tab one', 'from tab two', 'tab one again') GROUP BY content ORDER BY min(created_at)`,
      [],
    );
    expect(sent).toEqual([
      {content: 'from tab one', n: 1},
      {content: 'from tab two', n: 1},
      {content: 'tab one again', n: 1},
    ]);
    for (const page of [dee, other]) expect(await message(page, 'from tab two').count()).toBe(1);
  });
});
