import type {Page} from 'playwright-core';
import {beforeAll, describe, expect, it} from 'vitest';
import {createRoom, createServer, joinServer, signUpAndVerify} from '../people.ts';
import {browserSuite} from '../suite.ts';

const focused = (page: Page) => page.locator(':focus');

async function send(page: Page, text: string, shown = text) {
  const editor = page.getByRole('textbox', {name: 'Message #general'});
  await editor.fill(text);
  await editor.press('Enter');
  await page.getByRole('feed', {name: 'Messages'}).locator('article').filter({hasText: shown}).waitFor();
}

// Everything the page's "New messages" live region ever said, recorded from before the app starts.
const RECORD_ANNOUNCEMENTS = `
  window.__said = [];
  new MutationObserver(() => {
    const region = document.querySelector('[role="log"][aria-label="New messages"]');
    const text = region ? region.textContent.trim() : '';
    if (text && window.__said.at(-1) !== text) window.__said.push(text);
  }).observe(document, {subtree: true, childList: true, characterData: true});
`;

// The text the focused element is described by (a message's body), read in one step.
const FOCUSED_DESCRIPTION = `(() => {
  const id = document.activeElement?.getAttribute('aria-describedby');
  return ((id && document.getElementById(id)?.textContent) || '').trim();
})()`;

describe('the message list by keyboard and screen reader', () => {
  const suite = browserSuite({freshStackOnRetry: false});
  let code: string;
  let ana: Page;
  beforeAll(async () => {
    ana = await suite.signUp('ana', {viewport: {width: 1280, height: 500}});
    code = await createServer(ana, 'Keys');
  });

  it('is one tab stop; ↑/↓, PageUp, Home/End move between messages, Enter opens the actions, Esc returns to the composer', async () => {
    for (let n = 1; n <= 40; n++) await send(ana, `Note ${n}.`);
    const composer = ana.getByRole('textbox', {name: 'Message #general'});
    // Read in one step in the page: focus moves while the list scrolls, and a
    // second step could wait for a row the list has since dropped.
    const focusedBody = () => ana.evaluate<string>(FOCUSED_DESCRIPTION);

    // Shift+Tab from the composer passes its Attach button, then lands on the latest message, named by author and time
    // (once the list has scrolled down to it: before that "Jump to present" comes first).
    // On a busy machine the list can still be settling at the bottom, and the
    // button shows for a moment; so each try starts again from the composer.
    const jump = ana.getByRole('button', {name: /Jump to present/});
    await expect
      .poll(
        async () => {
          if ((await jump.count()) > 0) return 'Jump to present is still shown';
          await composer.click();
          await ana.keyboard.press('Shift+Tab');
          if ((await focused(ana).getAttribute('aria-label')) !== 'Attach files')
            return 'not on Attach files';
          await ana.keyboard.press('Shift+Tab');
          return focusedBody();
        },
        {timeout: 20_000, interval: 500},
      )
      .toBe('Note 40.');
    expect(await focused(ana).evaluate(el => el.tagName)).toBe('ARTICLE');
    expect(await focused(ana).getAttribute('aria-label')).toMatch(/^ana at /);
    expect(await focused(ana).getAttribute('aria-posinset')).toBe('40');

    // One tab stop: a second Shift+Tab leaves the list.
    await ana.keyboard.press('Shift+Tab');
    await expect.poll(async () => focused(ana).getAttribute('aria-label')).toBe('Room settings');
    await ana.keyboard.press('Tab');
    await expect.poll(focusedBody).toBe('Note 40.');

    await ana.keyboard.press('ArrowUp');
    await expect.poll(focusedBody).toBe('Note 39.');
    await ana.keyboard.press('ArrowUp');
    await expect.poll(focusedBody).toBe('Note 38.');
    await ana.keyboard.press('ArrowDown');
    await expect.poll(focusedBody).toBe('Note 39.');

    // Home goes to the first loaded message, far above what was rendered.
    await ana.keyboard.press('Home');
    await expect.poll(focusedBody, {timeout: 10_000}).toBe('Note 1.');
    await ana.keyboard.press('ArrowDown');
    await expect.poll(focusedBody).toBe('Note 2.');
    await ana.keyboard.press('PageDown');
    await expect
      .poll(async () => Number(/\d+/.exec(await focusedBody())?.[0] ?? 0), {timeout: 10_000})
      .toBeGreaterThan(2);
    await ana.keyboard.press('End');
    await expect.poll(focusedBody, {timeout: 10_000}).toBe('Note 40.');
    await ana.keyboard.press('PageUp');
    await expect
      .poll(async () => Number(/\d+/.exec(await focusedBody())?.[0] ?? 99), {timeout: 10_000})
      .toBeLessThan(40);

    // After moving, the tab stop is the message last focused: Tab from the
    // header's last button comes back to it.
    await ana.keyboard.press('ArrowUp');
    const here = await focusedBody();
    await composer.click();
    await ana.getByRole('button', {name: 'Room settings'}).focus();
    await ana.keyboard.press('Tab');
    await expect.poll(focusedBody).toBe(here);

    // Enter opens the message's actions; ←/→ move between them; Esc goes back to the message.
    await ana.keyboard.press('Enter');
    await expect.poll(async () => focused(ana).getAttribute('aria-label')).toBe('Add reaction');
    await ana.keyboard.press('ArrowRight');
    await expect.poll(async () => focused(ana).getAttribute('aria-label')).toBe('Reply in thread');
    await ana.keyboard.press('Escape');
    await expect.poll(focusedBody).toBe(here);

    // Esc on a message returns to the composer.
    await ana.keyboard.press('Escape');
    await expect.poll(async () => focused(ana).getAttribute('aria-label')).toBe('Message #general');
  });

  it('announces a message from someone else in a polite live region, but not the history or my own', async () => {
    const ben = await suite.newPage();
    await ben.addInitScript({content: RECORD_ANNOUNCEMENTS});
    // A retry runs on the same stack: a new name, since the first try's ben exists.
    await signUpAndVerify(ben, suite.stack.url, suite.stack.sesURL!, `ben${Date.now() % 100_000}`);
    await joinServer(ben, code);
    await ben.getByRole('heading', {name: 'general'}).waitFor();
    const feed = ben.getByRole('feed', {name: 'Messages'});
    // .last(): a retry of the test above sent its notes again.
    await feed.locator('article').filter({hasText: 'Note 40.'}).last().waitFor();
    const region = ben.getByRole('log', {name: 'New messages'});
    expect(await region.getAttribute('aria-live')).toBe('polite');

    await ana.reload();
    await send(ben, 'Hi from ben');
    await send(ana, 'Hello **ben**', 'Hello ben');
    await expect
      .poll(async () => (await region.textContent())?.trim(), {timeout: 15_000})
      .toBe('ana: Hello ben');

    // Neither the history there on opening nor my own message was said.
    expect(await ben.evaluate('window.__said')).toEqual(['ana: Hello ben']);

    // History is not news on reload either: only what arrives afterwards is said.
    await ben.reload();
    await feed.locator('article').filter({hasText: 'Hello ben'}).waitFor();
    await send(ana, 'Second hello');
    await expect
      .poll(async () => (await region.textContent())?.trim(), {timeout: 15_000})
      .toBe('ana: Second hello');
    expect(await ben.evaluate('window.__said')).toEqual(['ana: Second hello']);
  });

  it('Ctrl+K opens the quick switcher, which finds a room by name and goes there; Esc closes it', async () => {
    await createRoom(ana, 'design-reviews');
    await ana.getByRole('link', {name: /general/}).click();
    await ana.getByRole('heading', {name: 'general'}).waitFor();

    await ana.keyboard.press('Control+k');
    const input = ana.getByRole('combobox', {name: 'Server or room name'});
    await input.waitFor();
    await expect.poll(async () => focused(ana).getAttribute('aria-label')).toBe('Server or room name');
    await input.fill('design');
    await ana
      .getByRole('listbox', {name: 'Matches'})
      .getByRole('option', {name: /#design-reviews/})
      .waitFor();
    await ana.keyboard.press('Enter');
    await ana.getByRole('heading', {name: 'design-reviews'}).waitFor();
    expect(await input.count()).toBe(0);

    // Ctrl+K → Esc → Ctrl+K at once: the late `close` of the first switcher
    // must not shut the second (it used to open nothing, now and then).
    for (let round = 0; round < 5; round++) {
      await ana.keyboard.press('Control+k');
      await input.waitFor();
      await ana.keyboard.press('Escape');
      await ana.keyboard.press('Control+k');
      await input.waitFor();
      await expect.poll(async () => focused(ana).getAttribute('aria-label')).toBe('Server or room name');
      await ana.keyboard.press('Escape');
      await expect.poll(async () => input.count()).toBe(0);
    }
  });

  it('? opens the shortcuts from an empty composer (not while typing), and Ctrl+/ from anywhere', async () => {
    const composer = ana.getByRole('textbox', {name: /^Message #/});
    const help = ana.getByRole('dialog', {name: 'Keyboard shortcuts'});
    await composer.click();
    await ana.keyboard.press('?');
    await help.getByText('Show these shortcuts, also from an empty composer').waitFor();
    await ana.keyboard.press('Escape');
    await help.waitFor({state: 'hidden'});
    await composer.click();
    await ana.keyboard.type('what?');
    expect(await help.count()).toBe(0);
    expect(await composer.textContent()).toBe('what?');
    await ana.keyboard.press('Control+/');
    await help.waitFor();
    await ana.keyboard.press('Escape');
    await help.waitFor({state: 'hidden'});
  });
});
