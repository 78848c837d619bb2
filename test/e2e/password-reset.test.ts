import {describe, expect, it} from 'vitest';
import {signIn} from '../people.ts';
import {mailLink} from '../stack.ts';
import {browserSuite} from '../suite.ts';

const OLD_PASSWORD = 'correct horse battery';
const NEW_PASSWORD = 'staple tuning fork 42';

describe('password reset in the browser', () => {
  const suite = browserSuite();

  it('[AC4] a mailed link sets a new password, the old one stops working and every other device is signed out', async () => {
    const email = 'dana@example.test';
    const page = await suite.signUp('dana');

    // A second device, signed in before the reset.
    const other = await suite.newPage();
    await signIn(other, suite.stack.url, email, OLD_PASSWORD);
    await other.getByRole('heading', {name: 'Welcome to Chorus'}).waitFor();

    await page.getByRole('button', {name: 'Sign out'}).click();
    await page.getByRole('heading', {name: 'Sign in'}).waitFor();
    await page.getByRole('link', {name: 'Forgot your password?'}).click();
    await page.getByRole('heading', {name: 'Reset your password'}).waitFor();
    await page.getByLabel('Email').fill(email);
    await page.getByRole('button', {name: 'Send reset link'}).click();
    await page.getByText('a link to reset its password is on its way').waitFor();

    await page.goto(await mailLink(suite.stack.sesURL!, email, '/reset-password?token='));
    await page.getByLabel('New password').fill(NEW_PASSWORD);
    await page.getByRole('button', {name: 'Set new password'}).click();
    await page.getByText('Your password is changed').waitFor();
    await page.getByRole('link', {name: 'Sign in'}).click();

    await signIn(page, suite.stack.url, email, OLD_PASSWORD);
    await page.getByRole('alert').filter({hasText: 'Email or password is incorrect.'}).waitFor();
    await signIn(page, suite.stack.url, email, NEW_PASSWORD);
    await page.getByRole('heading', {name: 'Welcome to Chorus'}).waitFor();

    // The other device's refresh token died with the reset.
    const refreshStatus = await other.evaluate(
      async () => (await fetch('/api/v1/auth/refresh', {method: 'POST'})).status,
    );
    expect(refreshStatus).toBe(401);
    await other.reload();
    await other.getByRole('heading', {name: 'Sign in'}).waitFor();
    expect(new URL(other.url()).pathname).toBe('/sign-in');

    // The link works once.
    const link = await mailLink(suite.stack.sesURL!, email, '/reset-password?token=');
    await other.goto(link);
    await other.getByLabel('New password').fill('another new password');
    await other.getByRole('button', {name: 'Set new password'}).click();
    await other.getByRole('alert').filter({hasText: 'invalid, used or expired'}).waitFor();
    await other.getByRole('link', {name: 'Ask for a new link'}).waitFor();
  });
});
