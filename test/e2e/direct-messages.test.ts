import type {Page} from 'playwright-core';
import {describe, expect, it} from 'vitest';
import {browserSuite} from '../suite.ts';

// Issue 16's walk: friends, then a direct conversation, live both ways with
// unread marks; a stranger reads nothing of it; a block stops the sender.

const feed = (page: Page) => page.getByRole('feed', {name: 'Messages'});

async function say(page: Page, box: string, text: string) {
  await page.getByRole('textbox', {name: box}).click();
  await page.keyboard.type(text);
  await page.keyboard.press('Enter');
}

describe('direct messages', () => {
  const suite = browserSuite();

  it('[F2][DM1][DM2][DM5][F5] friends open a DM, talk live with unread marks; a stranger reads nothing; a block stops the sender', async () => {
    const ana = await suite.signUp('ana');
    const ben = await suite.signUp('ben');
    const cat = await suite.signUp('cat');

    // Ana adds Ben by username; Ben accepts.
    await ana.getByRole('link', {name: 'Friends'}).click();
    await ana.getByRole('tab', {name: 'Add friend'}).click();
    await ana.getByRole('textbox', {name: 'Username'}).fill('ben');
    await ana.getByRole('button', {name: 'Send friend request'}).click();
    await ana.getByText('Friend request sent to ben.').waitFor();
    await ben.getByRole('link', {name: 'Friends and messages, 1 waiting for you'}).click();
    await ben.getByRole('tab', {name: /Pending/}).click();
    await ben.getByRole('button', {name: 'Accept ana'}).click();

    // Ana opens the conversation from her friends list and writes.
    await ana.getByRole('tab', {name: /All/}).click();
    await ana.getByRole('button', {name: 'Message ben'}).click();
    await ana.getByRole('heading', {name: /ben/}).waitFor();
    const conversationURL = ana.url();
    expect(new URL(conversationURL).pathname).toMatch(/^\/dm\/[0-9a-f-]{36}$/);
    await say(ana, 'Message @ben', 'Hi **Ben**, lunch?');

    // Ben sees it arrive, marked unread (the rail counts it too), without a reload; opening it clears the mark.
    await ben.getByRole('link', {name: 'Friends and messages, 1 waiting for you'}).waitFor();
    await ben.getByRole('tab', {name: /All/}).click();
    const unread = ben.getByRole('link', {name: 'ana, unread messages'});
    await unread.waitFor();
    await unread.click();
    await feed(ben).locator('article').filter({hasText: 'Hi Ben, lunch?'}).locator('strong').waitFor();
    await ben.getByRole('link', {name: 'ana', exact: true}).waitFor({timeout: 15_000});
    await say(ben, 'Message @ana', 'Sure, at noon');
    await feed(ana).locator('article').filter({hasText: 'Sure, at noon'}).waitFor();

    // Cat, not a member, gets nothing by the page, by REST or in her list.
    await cat.goto(conversationURL);
    await cat.getByText('This conversation does not exist or you are not in it.').waitFor();
    const conversationID = new URL(conversationURL).pathname.split('/').pop()!;
    const status = await cat.evaluate(async id => {
      const refresh = await fetch('/api/v1/auth/refresh', {method: 'POST'});
      const {accessToken} = (await refresh.json()) as {accessToken: string};
      const res = await fetch(`/api/v1/conversations/${id}/messages`, {
        headers: {authorization: `Bearer ${accessToken}`},
      });
      return res.status;
    }, conversationID);
    expect(status).toBe(404);
    await cat.goto(`${suite.stack.url}/friends`);
    await cat.getByText('No conversations yet', {exact: false}).first().waitFor();

    // Ben blocks Ana: her next message does not go, and says why.
    await ben.goto(`${suite.stack.url}/friends`);
    await ben.getByRole('tab', {name: /All/}).click();
    await ben.getByRole('button', {name: 'Block ana'}).click();
    await ben.getByRole('tab', {name: /Blocked/}).click();
    await ben.getByRole('button', {name: 'Unblock ana'}).waitFor();
    await say(ana, 'Message @ben', 'are you there?');
    await feed(ana)
      .locator('article')
      .filter({hasText: 'are you there?'})
      .getByText(/not accepting direct messages from you/)
      .waitFor({timeout: 20_000});
    const {rows} = await suite.stack.deps.pool.query(
      `SELECT 1 FROM messages WHERE content = 'are you there?'`,
    );
    expect(rows).toHaveLength(0);
  });
});
