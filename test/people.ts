import type {Locator, Page} from 'playwright-core';
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
  // [AC3] Sign-up signs no one in: check your mail, verify, then sign in.
  await page.getByText(/Check your inbox at/).waitFor();
  await page.goto(await verificationLink(sesURL, email));
  await page.getByText('Your email is verified').waitFor();
  await page.getByRole('main').getByRole('link', {name: 'Sign in'}).click();
  await page.getByRole('heading', {name: 'Sign in'}).waitFor();
  await signIn(page, baseURL, email, 'correct horse battery');
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

/** Fills in the sign-in form, opening it first unless the page is on it. */
export async function signIn(page: Page, baseURL: string, email: string, password: string): Promise<void> {
  if (!page.url().startsWith(`${baseURL}/sign-in`)) await page.goto(`${baseURL}/sign-in`);
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', {name: 'Sign in', exact: true}).click();
}

/**
 * Creates a room in the open server and waits for it to open. `from` is where
 * the "Create a room" button is (a drawer on a phone); `isPrivate` ticks Private.
 */
export async function createRoom(
  page: Page,
  name: string,
  options: {from?: Page | Locator; isPrivate?: boolean} = {},
): Promise<void> {
  await (options.from ?? page).getByRole('button', {name: 'Create a room'}).click();
  await page.getByLabel('Room name').fill(name);
  if (options.isPrivate) await page.getByLabel(/Private/).check();
  await page.getByRole('button', {name: 'Create room'}).click();
  await page.getByRole('heading', {name}).waitFor();
}

/** Joins a server by its access code from the home page; the caller waits for what it expects next. */
export async function joinServer(page: Page, code: string): Promise<void> {
  await page.getByRole('button', {name: 'Join with a code'}).click();
  await page.getByLabel('Access code').fill(code);
  await page.getByRole('button', {name: 'Join server'}).click();
}
