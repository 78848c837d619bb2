import type {Page} from 'playwright-core';
import {describe, expect, it} from 'vitest';
import {createServer, joinServer, signUpAndVerify} from '../people.ts';
import {browserSuite} from '../suite.ts';

const feed = (page: Page) => page.getByRole('feed', {name: 'Messages'});
const message = (page: Page, text: string) => feed(page).locator('article').filter({hasText: text});

describe('[MF1] the composer writes what people type', () => {
  const suite = browserSuite();

  it('[MF1] typed Markdown round-trips; suggestions win Enter; shortcodes; Send and the counter; search draws results', async () => {
    const ana = await suite.newPage();
    const ben = await suite.newPage();
    await signUpAndVerify(ana, suite.stack.url, suite.stack.sesURL!, 'ana');
    const code = await createServer(ana, 'Team');
    await signUpAndVerify(ben, suite.stack.url, suite.stack.sesURL!, 'ben');
    await joinServer(ben, code);
    await ben.getByRole('heading', {name: 'general'}).waitFor();

    const editor = ana.getByRole('textbox', {name: 'Message #general'});
    const sendButton = ana.getByRole('button', {name: 'Send', exact: true});
    await editor.click();
    // Nothing typed (or only spaces): nothing to send.
    expect(await sendButton.isDisabled()).toBe(true);
    await ana.keyboard.type('   ');
    expect(await sendButton.isDisabled()).toBe(true);
    await ana.keyboard.press('Control+A');
    await ana.keyboard.press('Backspace');

    // Markdown is styled as it is typed, its characters kept.
    await ana.keyboard.type('**strong** and `code`');
    await editor.locator('.md-strong', {hasText: '**strong**'}).waitFor();
    await editor.locator('.md-code', {hasText: '`code`'}).waitFor();
    await ana.keyboard.press('Control+A');
    await ana.keyboard.press('Backspace');

    const send = async (text: string) => {
      await ana.keyboard.type(text);
      await ana.keyboard.press('Enter');
    };

    // A link, typed: stored as typed, drawn as a link (the old composer escaped its brackets).
    await send('see [the docs](https://example.com/docs) and snake_case');
    const link = message(ana, 'see the docs').getByRole('link', {name: 'the docs'});
    expect(await link.getAttribute('href')).toBe('https://example.com/docs');
    expect(await message(ana, 'see the docs').textContent()).not.toContain('\\');

    // A paste is the clipboard's text as it is, Markdown included (not the HTML beside it).
    await editor.evaluate(el => {
      const data = new DataTransfer();
      data.setData('text/plain', 'pasted **bold**\n[a link](https://example.com/p)');
      data.setData('text/html', '<p>pasted <b>bold</b></p>');
      el.dispatchEvent(new ClipboardEvent('paste', {clipboardData: data, bubbles: true, cancelable: true}));
    });
    await ana.keyboard.press('Enter');
    const pasted = message(ana, 'pasted bold');
    await pasted.locator('strong', {hasText: 'bold'}).waitFor();
    expect(await pasted.getByRole('link', {name: 'a link'}).getAttribute('href')).toBe(
      'https://example.com/p',
    );

    // Fenced code the Discord way: inside an open fence, Enter (and Shift+Enter) break the line.
    await ana.keyboard.type('```js');
    await ana.keyboard.press('Enter');
    await ana.keyboard.type('const a = 1;');
    await ana.keyboard.press('Shift+Enter');
    await ana.keyboard.type('const b = 2;');
    await ana.keyboard.press('Enter');
    await send('```');
    const block = message(ana, 'const a = 1;').locator('pre code');
    await block.waitFor();
    expect(await block.textContent()).toBe('const a = 1;\nconst b = 2;');

    await send('> quoted words');
    await message(ana, 'quoted words').locator('blockquote').waitFor();
    await send('~~gone~~ kept');
    await message(ana, 'kept').locator('del', {hasText: 'gone'}).waitFor();

    // A spoiler hides its words until revealed, with the keyboard too.
    await send('the twist: ||the butler||');
    const spoiler = message(ben, 'the twist').getByRole('button', {name: 'Spoiler, select to reveal'});
    await spoiler.focus();
    await ben.keyboard.press('Enter');
    await message(ben, 'the twist').locator('.spoiler-shown', {hasText: 'the butler'}).waitFor();

    // With the mention list open, Enter picks the highlighted name; nothing half-typed is sent.
    await ana.keyboard.type('hi @be');
    await ana.getByRole('listbox', {name: 'Mention someone'}).getByRole('option', {name: '@ben'}).waitFor();
    await ana.keyboard.press('Enter');
    await send('there');
    await message(ben, 'there').locator('.mention-me', {hasText: '@ben'}).waitFor();
    expect(
      await feed(ana)
        .locator('article')
        .filter({hasText: /hi @be$/})
        .count(),
    ).toBe(0);

    // A mention of nobody in the room stays plain text; a member's is a mention.
    await send('ask @ben or @nobody');
    await message(ana, 'ask @ben').locator('.mention', {hasText: '@ben'}).waitFor();
    expect(await message(ana, 'ask @ben').locator('.mention', {hasText: '@nobody'}).count()).toBe(0);

    // Shortcodes: `:` and two letters list emoji (Tab picks), a complete `:smile:` converts.
    await ana.keyboard.type('nice :tad');
    await ana
      .getByRole('listbox', {name: 'Emoji'})
      .getByRole('option', {name: /:tada:/})
      .waitFor();
    await ana.keyboard.press('Tab');
    await ana.keyboard.type('and :smile:');
    await ana.keyboard.press('Enter');
    await message(ben, 'nice').filter({hasText: 'nice 🎉 and 😄'}).waitFor();

    // Near the limit a counter shows the characters left; over it, Send is disabled.
    await ana.keyboard.insertText('a'.repeat(7500));
    await ana.getByRole('status').filter({hasText: '500 characters left'}).waitFor();
    expect(await sendButton.isDisabled()).toBe(false);
    await ana.keyboard.insertText('a'.repeat(600));
    await ana.getByRole('status').filter({hasText: '100 characters over the limit'}).waitFor();
    expect(await sendButton.isDisabled()).toBe(true);
    await ana.keyboard.press('Control+A');
    await ana.keyboard.press('Backspace');
    expect(await ana.getByRole('status').filter({hasText: 'characters'}).count()).toBe(0);

    // Search draws results as the feed does, the match marked.
    await ana.getByRole('link', {name: 'Search messages'}).click();
    await ana.getByRole('searchbox', {name: 'Search messages'}).fill('snake_case');
    const result = ana.getByRole('list', {name: 'Search results'}).getByRole('link', {name: /see the docs/});
    await result.locator('mark', {hasText: 'snake_case'}).waitFor();
    expect(await result.textContent()).not.toContain('](https://');
  });
});
