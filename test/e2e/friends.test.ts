import {describe, expect, it} from 'vitest';
import {browserSuite} from '../suite.ts';

// The friends page as people use it: add by username, the request reaches the
// other person live with a badge, accept, block and unblock (SPEC F1–F5).

describe('friends', () => {
  const suite = browserSuite();

  it('[F2][F3][F5] ana adds ben by username; ben sees a badge, accepts; ana blocks and unblocks him', async () => {
    const ana = await suite.signUp('ana');
    const ben = await suite.signUp('ben');

    await ana.getByRole('link', {name: 'Friends'}).click();
    await ana.getByRole('heading', {name: 'Friends'}).waitFor();
    await ana.getByText('No friends yet').waitFor();
    await ana.getByRole('tab', {name: 'Add friend'}).click();
    await ana.getByRole('textbox', {name: 'Username'}).fill('nobody-here');
    await ana.getByRole('button', {name: 'Send friend request'}).click();
    await ana.getByText(/No one has that username/).waitFor();
    await ana.getByRole('textbox', {name: 'Username'}).fill('BEN');
    await ana.getByRole('button', {name: 'Send friend request'}).click();
    await ana.getByText('Friend request sent to ben.').waitFor();
    await ana.getByRole('tab', {name: /Pending/}).click();
    await ana.getByRole('button', {name: 'Cancel the request to ben'}).waitFor();

    // Ben's rail counts the request live, without a reload.
    const badge = ben.getByRole('link', {name: 'Friends and messages, 1 waiting for you'});
    await badge.waitFor();
    await badge.click();
    await ben.getByRole('tab', {name: /Pending/}).click();
    await ben.getByRole('button', {name: 'Accept ana'}).click();
    await ben.getByRole('link', {name: 'Friends', exact: true}).waitFor();

    // [LV8] Ben is here: online for his new friend at once.
    await ana.getByRole('tab', {name: /Online/}).click();
    await ana.getByRole('tabpanel').getByText('ben', {exact: true}).waitFor();
    await ana.getByRole('tabpanel').getByRole('img', {name: 'online'}).waitFor();
    await ana.getByRole('tab', {name: /All/}).click();
    await ana.getByText('ben', {exact: true}).waitFor();
    await ana.getByRole('button', {name: 'Block ben'}).click();
    await ana.getByRole('tab', {name: /Blocked/}).click();
    await ana.getByRole('button', {name: 'Unblock ben'}).waitFor();
    // Blocking ended the friendship for both.
    await ben.getByRole('tab', {name: /All/}).click();
    await ben.getByText('No friends yet').waitFor();
    await ana.getByRole('button', {name: 'Unblock ben'}).click();
    await ana.getByText('You have not blocked anyone.').waitFor();
    expect(await ana.getByRole('tab', {name: /All/}).textContent()).toBe('All');
  });
});
