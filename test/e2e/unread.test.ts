import type {Page} from 'playwright-core';
import {describe, expect, it} from 'vitest';
import {createRoom, createServer, joinServer} from '../people.ts';
import {browserSuite} from '../suite.ts';

const WAIT = {timeout: 15_000};

async function send(page: Page, room: string, text: string) {
  await page.getByRole('textbox', {name: `Message #${room}`}).fill(text);
  await page.keyboard.press('Enter');
  await page.getByRole('feed', {name: 'Messages'}).getByText(text).waitFor();
}

/** A room's link in the sidebar: its text (with the screen-reader suffixes) and whether it is bold. */
function roomLink(page: Page, room: string) {
  const link = page.getByRole('complementary', {name: 'Rooms'}).getByRole('link', {name: new RegExp(room)});
  return {
    link,
    text: async () => (await link.textContent()) ?? '',
    bold: async () => ((await link.getAttribute('class')) ?? '').includes('font-semibold'),
    mentionBadge: (label: string) => link.getByLabel(label, {exact: true}),
  };
}

/** Makes the page believe its tab was hidden or shown again, as switching tabs does. */
async function visibility(page: Page, state: 'hidden' | 'visible') {
  await page.evaluate(`(() => {
    Object.defineProperty(document, 'visibilityState', {configurable: true, get: () => '${state}'});
    Object.defineProperty(document, 'hidden', {configurable: true, get: () => ${state === 'hidden'}});
    document.dispatchEvent(new Event('visibilitychange'));
  })()`);
}

describe('unread rooms and mentions, live', () => {
  const suite = browserSuite();

  it('marks a room with others’ news unread and counts mentions of me, in the sidebar, the rail and the tab title, until I open it', async () => {
    const ana = await suite.signUp('ana');
    const code = await createServer(ana, 'Lounge');
    await createRoom(ana, 'random');

    const ben = await suite.signUp('ben');
    await joinServer(ben, code);
    await ben.getByRole('heading', {name: 'general'}).waitFor();
    const general = roomLink(ben, 'general');
    const random = roomLink(ben, 'random');
    const rail = ben.getByRole('navigation', {name: 'Servers'});
    await random.link.waitFor();
    expect(await random.text()).not.toContain('(new messages)');
    expect(await ben.title()).toBe('Chorus');

    // News in the open room and in another one: only the other one is unread.
    await ana.getByRole('link', {name: /general/}).click();
    await ana.getByRole('heading', {name: 'general'}).waitFor();
    await send(ana, 'general', 'Morning, general');
    await ana.getByRole('link', {name: /random/}).click();
    await ana.getByRole('heading', {name: 'random'}).waitFor();
    await send(ana, 'random', 'Anyone seen the keys?');
    await expect.poll(random.text, WAIT).toContain('(new messages)');
    expect(await random.bold()).toBe(true);
    await ben.getByRole('feed', {name: 'Messages'}).getByText('Morning, general').waitFor();
    expect(await general.text()).not.toContain('(new messages)');
    await rail.getByLabel('New messages in Lounge', {exact: true}).waitFor();
    await expect.poll(() => ben.title(), WAIT).toBe('• Chorus');

    // A mention of ben: a badge on the room and on the server, and a count in the tab title.
    await send(ana, 'random', '@ben can you check the door?');
    await random.mentionBadge('1 unread mention').waitFor(WAIT);
    await rail.getByLabel('1 unread mention in Lounge', {exact: true}).waitFor(WAIT);
    await expect.poll(() => ben.title(), WAIT).toBe('(1) Chorus');

    // Opening the room reads it: the mark, both badges and the title's count go.
    await random.link.click();
    await ben.getByRole('heading', {name: 'random'}).waitFor();
    await ben.getByRole('feed', {name: 'Messages'}).getByText('can you check the door?').waitFor();
    await expect.poll(() => random.mentionBadge('1 unread mention').count(), WAIT).toBe(0);
    await expect.poll(random.text, WAIT).not.toContain('(new messages)');
    await expect.poll(() => rail.getByLabel(/unread mention|New messages/).count(), WAIT).toBe(0);
    await expect.poll(() => ben.title(), WAIT).toBe('Chorus');

    // Ben's own message, from another client (a script with his token), in a room he
    // has left: newer than his read mark there, but his own, so not news to him.
    await general.link.click();
    await ben.getByRole('heading', {name: 'general'}).waitFor();
    const roomID = /\/rooms\/([^/?]+)/.exec(ana.url())![1]!;
    const status = await ben.evaluate(async roomId => {
      const refresh = await fetch('/api/v1/auth/refresh', {method: 'POST'});
      const {accessToken} = (await refresh.json()) as {accessToken: string};
      const res = await fetch('/api/v1/messages', {
        method: 'POST',
        headers: {authorization: `Bearer ${accessToken}`, 'content-type': 'application/json'},
        body: JSON.stringify({roomId, content: 'Found them, they were in my bag'}),
      });
      return res.status;
    }, roomID);
    expect(status).toBe(201);
    // Once ana's later message in general reaches ben, so has the room activity of his own.
    await ana
      .getByRole('feed', {name: 'Messages'})
      .getByText('Found them, they were in my bag')
      .waitFor(WAIT);
    await ana.getByRole('link', {name: /general/}).click();
    await ana.getByRole('heading', {name: 'general'}).waitFor();
    await send(ana, 'general', 'Great news');
    await ben.getByRole('feed', {name: 'Messages'}).getByText('Great news').waitFor(WAIT);
    // Room activity is published in batches about once a second: let the one with his message pass.
    await ben.waitForTimeout(2_500);
    expect(await random.text()).not.toContain('(new messages)');
    expect(await random.bold()).toBe(false);
    expect(await ben.title()).toBe('Chorus');

    // News in the open room while the tab is hidden: a dot in the title until he looks.
    await visibility(ben, 'hidden');
    await send(ana, 'general', 'Lunch at noon?');
    await ben.getByRole('feed', {name: 'Messages'}).getByText('Lunch at noon?').waitFor(WAIT);
    await expect.poll(() => ben.title(), WAIT).toBe('• Chorus');
    await visibility(ben, 'visible');
    await expect.poll(() => ben.title(), WAIT).toBe('Chorus');

    // [RS1] Read marks reach the synced row in batches about once a second. A room just
    // read and left at once must not flash unread until its batch lands.
    await ana.getByRole('link', {name: /random/}).click();
    await ana.getByRole('heading', {name: 'random'}).waitFor();
    await send(ana, 'random', 'Keys are back on the hook');
    await expect.poll(random.text, WAIT).toContain('(new messages)');
    await random.link.click();
    await ben.getByRole('feed', {name: 'Messages'}).getByText('Keys are back on the hook').waitFor(WAIT);
    await general.link.click();
    await ben.getByRole('heading', {name: 'general'}).waitFor();
    for (let i = 0; i < 25; i++) {
      expect(await random.text()).not.toContain('(new messages)');
      await ben.waitForTimeout(100);
    }
  });
});
