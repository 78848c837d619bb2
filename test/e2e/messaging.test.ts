import type {Page} from 'playwright-core';
import {describe, expect, it} from 'vitest';
import {createServer, joinServer, signUpAndVerify} from '../people.ts';
import {browserSuite} from '../suite.ts';

const message = (page: Page, text: string) =>
  page.getByRole('feed', {name: 'Messages'}).locator('article').filter({hasText: text});

async function send(page: Page, box: string, text: string) {
  const editor = page.getByRole('textbox', {name: box});
  await editor.click();
  await page.keyboard.type(text);
  await page.keyboard.press('Enter');
}

describe('messaging between two people, live', () => {
  const suite = browserSuite();

  it('send, edit, react, reply in a thread, mention and delete are each seen by the other without reload', async () => {
    const ana = await suite.newPage();
    const ben = await suite.newPage();
    await signUpAndVerify(ana, suite.stack.url, suite.stack.sesURL!, 'ana');
    const code = await createServer(ana, 'Team');
    await signUpAndVerify(ben, suite.stack.url, suite.stack.sesURL!, 'ben');
    await joinServer(ben, code);
    await ben.getByRole('heading', {name: 'general'}).waitFor();

    // Send, with Markdown.
    await send(ana, 'Message #general', 'Hello **world**');
    await message(ben, 'Hello world').locator('strong', {hasText: 'world'}).waitFor();

    // Edit: the other side sees the new text and "(edited)".
    await message(ana, 'Hello world').hover();
    await ana.getByRole('button', {name: 'Edit message'}).click();
    const edit = ana.getByRole('textbox', {name: 'Edit message'});
    await edit.fill('Hello everyone');
    await edit.press('Enter');
    await message(ben, 'Hello everyone').getByText('(edited)').waitFor();

    // React with emoji-mart: search and pick the first match.
    await message(ben, 'Hello everyone').hover();
    await ben.getByRole('button', {name: 'Add reaction'}).click();
    await ben.waitForTimeout(800);
    await ben.keyboard.type('tada');
    await ben.waitForTimeout(300);
    await ben.keyboard.press('Enter');
    await message(ana, 'Hello everyone')
      .getByRole('button', {name: /🎉 1, by ben/})
      .waitFor();

    // Reply in a thread: the parent shows the reply count on the other side.
    await message(ben, 'Hello everyone').hover();
    await ben.getByRole('button', {name: 'Reply in thread'}).click();
    await send(ben, 'Reply in thread', 'In the thread!');
    await ben.getByRole('log', {name: 'Replies'}).getByText('In the thread!').waitFor();
    await message(ana, 'Hello everyone')
      .getByRole('button', {name: /1 reply/})
      .click();
    await ana.getByRole('log', {name: 'Replies'}).getByText('In the thread!').waitFor();
    await ana.getByRole('button', {name: 'Close thread'}).click();

    // Mention: highlighted for the person mentioned.
    await send(ben, 'Message #general', 'ping @ana please');
    await message(ana, 'please').locator('.mention-me', {hasText: '@ana'}).waitFor();
    expect(await message(ben, 'please').locator('.mention-me').count()).toBe(0);

    // Search finds it (from: filter too) and the result jumps to the message in its room.
    await ana.getByRole('link', {name: 'Search messages'}).click();
    await ana.getByRole('searchbox', {name: 'Search messages'}).fill('from:ben please');
    await ana
      .getByRole('list', {name: 'Search results'})
      .getByRole('link', {name: /ping @ana please/})
      .click();
    await message(ana, 'please').and(ana.locator('article.bg-brand\\/10')).waitFor();

    // Delete: a placeholder for everyone; the thread survives it.
    // Delete asks in the app's own dialog (no browser dialog); Cancel keeps the message.
    ana.on('dialog', d => {
      throw new Error(`a browser dialog opened: ${d.message()}`);
    });
    await message(ana, 'Hello everyone').hover();
    await ana.getByRole('button', {name: 'Delete message'}).click();
    const ask = ana.getByRole('dialog', {name: 'Delete message'});
    await ask.getByText(/deletes the message for everyone/).waitFor();
    await ask.getByRole('button', {name: 'Cancel'}).click();
    await ask.waitFor({state: 'hidden'});
    await message(ana, 'Hello everyone').hover();
    await ana.getByRole('button', {name: 'Delete message'}).click();
    await ask.getByRole('button', {name: 'Delete', exact: true}).click();
    await message(ben, 'This message was deleted.').waitFor();
    await message(ben, 'This message was deleted.')
      .getByRole('button', {name: /1 reply/})
      .waitFor();
  });
});
