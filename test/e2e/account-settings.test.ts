import type {Page} from 'playwright-core';
import {describe, expect, it} from 'vitest';
import {signIn} from '../people.ts';
import {browserSuite} from '../suite.ts';

describe('account settings in the browser', () => {
  const suite = browserSuite();

  it('[AC7] the profile form shows each refusal beside its field and saves a valid profile', async () => {
    const taken = await suite.signUp('erin');
    const page = await suite.signUp('frank');

    await page.getByRole('link', {name: 'Settings'}).click();
    await page.getByRole('heading', {name: 'Profile'}).waitFor();
    expect(new URL(page.url()).pathname).toBe('/settings/profile');
    // Wait for the form to show the stored profile, or it could overwrite what we type.
    await expect.poll(() => page.getByLabel('Username').inputValue(), {timeout: 10_000}).toBe('frank');

    await page.getByLabel('Username').fill('ERIN');
    await page.getByLabel('Picture URL').fill('javascript:alert(1)');
    await page.getByRole('button', {name: 'Save profile'}).click();
    // The form is checked before the name is looked up: the bad link is refused first.
    await expect.poll(() => description(page, 'Picture URL'), {timeout: 10_000}).toMatch(/http/);

    await page.getByLabel('Picture URL').fill('https://example.test/frank.png');
    await page.getByRole('button', {name: 'Save profile'}).click();
    await expect.poll(() => description(page, 'Username'), {timeout: 10_000}).toMatch(/taken/);

    await page.getByLabel('Username').fill('frankie');
    await page.getByLabel('External link').fill('https://frank.example.test');
    await page.getByRole('button', {name: 'Save profile'}).click();
    await page.getByText('Profile saved.').waitFor();
    await page.getByLabel('Signed in as').filter({hasText: 'frankie'}).waitFor();

    // What others see.
    const {id} = await page.evaluate(async () => {
      const refresh = await fetch('/api/v1/auth/refresh', {method: 'POST'});
      return ((await refresh.json()) as {user: {id: string}}).user;
    });
    const other = await taken.evaluate(async userID => {
      const {accessToken} = (await (await fetch('/api/v1/auth/refresh', {method: 'POST'})).json()) as {
        accessToken: string;
      };
      const res = await fetch(`/api/v1/users/${userID}`, {headers: {authorization: `Bearer ${accessToken}`}});
      return res.json();
    }, id);
    expect(other).toEqual({
      user: {
        id,
        username: 'frankie',
        pictureUrl: 'https://example.test/frank.png',
        externalLink: 'https://frank.example.test',
        userType: 'human',
      },
    });
  });

  it('[AC5] lists the signed-in devices, signs one out, then signs out everywhere', async () => {
    const email = 'gina@example.test';
    const page = await suite.signUp('gina');
    const laptop = await suite.newPage();
    await signIn(laptop, suite.stack.url, email, 'correct horse battery');
    await laptop.getByRole('heading', {name: 'Welcome to Chorus'}).waitFor();

    await page.goto(`${suite.stack.url}/settings`);
    await page.getByRole('navigation', {name: 'Settings'}).getByRole('link', {name: 'Sessions'}).click();
    const list = page.getByRole('list', {name: 'Active sessions'});
    await expect.poll(() => list.getByRole('listitem').count(), {timeout: 10_000}).toBe(2);
    await list.getByText('This device').waitFor();

    await list.getByRole('button', {name: /^Sign out Headless Chrome/}).click();
    await page.getByText('Signed out Headless Chrome').waitFor();
    await expect.poll(() => list.getByRole('listitem').count(), {timeout: 10_000}).toBe(1);
    await laptop.reload();
    await laptop.getByRole('heading', {name: 'Sign in'}).waitFor();

    await page.getByRole('button', {name: 'Sign out everywhere'}).click();
    await page.getByRole('dialog', {name: 'Sign out everywhere?'}).waitFor();
    await page.getByRole('button', {name: 'Sign out all devices'}).click();
    await page.getByRole('heading', {name: 'Sign in'}).waitFor();
    await page.reload();
    await page.getByRole('heading', {name: 'Sign in'}).waitFor();
  });
});

/**
 * The message tied to a field through aria-describedby (its error, or its
 * hint), read in one step in the page. Reading the id, then the element, in
 * two steps raced the form: the hint named by the first step was replaced by
 * the error before the second, which then waited for it forever.
 */
function description(page: Page, label: string): Promise<string> {
  return page.getByLabel(label).evaluate(field => {
    const id = field.getAttribute('aria-describedby');
    return (id && field.ownerDocument.getElementById(id)?.textContent) || '';
  });
}
