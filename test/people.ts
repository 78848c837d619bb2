import type {Page} from 'playwright-core';
import {verificationLink} from './stack.ts';

/** Signs up through the UI and verifies the address with the link from the local SES inbox. */
export async function signUpAndVerify(
  page: Page,
  baseURL: string,
  sesURL: string,
  username: string,
): Promise<void> {
  const email = `${username}@example.test`;
  await page.goto(`${baseURL}/sign-up`);
  await page.getByLabel('Username').fill(username);
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill('correct horse battery');
  await page.getByRole('button', {name: 'Create account'}).click();
  await page.getByRole('heading', {name: 'Welcome to Chorus'}).waitFor();
  await page.goto(await verificationLink(sesURL, email));
  await page.getByText('Your email is verified').waitFor();
  await page.getByRole('link', {name: 'Continue to Chorus'}).click();
  await page.getByRole('heading', {name: 'Welcome to Chorus'}).waitFor();
}

/** Creates a server from the empty home page and returns its (server-chosen) access code. */
export async function createServer(page: Page, name: string): Promise<string> {
  await page.getByRole('button', {name: 'Create a server'}).first().click();
  await page.getByLabel('Server name').fill(name);
  await page.getByRole('button', {name: 'Create server'}).click();
  await page.getByRole('heading', {name: 'general'}).waitFor();
  const code = page.getByTestId('access-code');
  // The placeholder shown optimistically is replaced by the server's code.
  const deadline = Date.now() + 15_000;
  let previous = '';
  for (;;) {
    const current = ((await code.textContent()) ?? '').trim();
    if (current === previous && /^[2-9A-HJKMNP-Z]{5}$/.test(current)) return current;
    if (Date.now() > deadline) throw new Error('no access code');
    previous = current;
    await page.waitForTimeout(700);
  }
}
