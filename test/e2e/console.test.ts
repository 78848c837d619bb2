import type {Page} from 'playwright-core';
import {describe, expect, it} from 'vitest';
import {createServer, signUpAndVerify} from '../people.ts';
import {browserSuite} from '../suite.ts';

/**
 * Everything the page logs as an error or a warning, and every uncaught
 * error, from now on. Nothing is allowed: a line here is a bug to fix or,
 * if it is a third party's and unavoidable, to name below with the reason.
 */
function consoleTrouble(page: Page): string[] {
  const seen: string[] = [];
  page.on('console', message => {
    if (message.type() === 'error' || message.type() === 'warning') {
      seen.push(
        `${message.type()} on ${new URL(page.url()).pathname}: ${message.text()} (${message.location().url})`,
      );
    }
  });
  page.on('pageerror', err => seen.push(`pageerror: ${err.message}`));
  return seen;
}

describe('the browser console', () => {
  const suite = browserSuite();

  it('[A4] stays quiet on a signed-out load of /sign-in: no refresh is tried, so no 401 is logged', async () => {
    const page = await suite.newPage();
    const trouble = consoleTrouble(page);
    const refreshes: string[] = [];
    page.on('request', req => {
      if (req.url().includes('/auth/refresh')) refreshes.push(req.url());
    });
    await page.goto(`${suite.stack.url}/sign-in`);
    await page.getByRole('heading', {name: 'Sign in'}).waitFor();
    await page.waitForLoadState('networkidle');
    expect(refreshes).toEqual([]);
    expect(trouble).toEqual([]);
  });

  it('stays quiet in a room after sending a Markdown message with a link, and after signing out', async () => {
    const page = await suite.newPage();
    const trouble = consoleTrouble(page);
    await signUpAndVerify(page, suite.stack.url, suite.stack.sesURL!, 'quiet');
    await createServer(page, 'Quiet Club');
    await page
      .getByRole('textbox', {name: 'Message #general'})
      .fill('Read **the guide** at https://example.com/guide');
    await page.keyboard.press('Enter');
    const feed = page.getByRole('feed', {name: 'Messages'});
    await feed.getByRole('link', {name: 'https://example.com/guide'}).waitFor();
    await feed.getByText('the guide').waitFor();
    // A reload runs the renderer and the composer's link detection again from a fresh start.
    await page.reload();
    await feed.getByRole('link', {name: 'https://example.com/guide'}).waitFor();
    expect(trouble).toEqual([]);

    // Signed out, a fresh load of the sign-in page tries no refresh either.
    await page.getByRole('button', {name: 'Sign out'}).click();
    await page.getByRole('heading', {name: 'Sign in'}).waitFor();
    await page.goto(`${suite.stack.url}/sign-in`);
    await page.getByRole('heading', {name: 'Sign in'}).waitFor();
    await page.waitForLoadState('networkidle');
    expect(trouble).toEqual([]);
  });
});
