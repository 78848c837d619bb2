import {describe, expect, it} from 'vitest';
import {signIn} from '../people.ts';
import {verificationLink} from '../stack.ts';
import {browserSuite} from '../suite.ts';

// [AC3] Sign-up is never a way into an account that exists already.

describe('sign-up with an address that has an account', () => {
  const suite = browserSuite();

  it('[AC3] answers “check your mail” as for a new address and signs no one in, even with the right password', async () => {
    await suite.signUp('ana');
    const visitor = await suite.newPage();
    await visitor.goto(`${suite.stack.url}/sign-up`);
    await visitor.getByLabel('Username').fill('not-ana');
    await visitor.getByLabel('Email').fill('ana@example.test');
    // The owner's own password: still no way in through sign-up.
    await visitor.getByLabel('Password').fill('correct horse battery');
    await visitor.getByRole('button', {name: 'Create account'}).click();
    await visitor.getByText(/Check your inbox at/).waitFor();
    expect(visitor.url()).toBe(`${suite.stack.url}/sign-up`);
    await visitor.goto(`${suite.stack.url}/`);
    await visitor.getByRole('heading', {name: 'Sign in'}).waitFor();
    expect(await visitor.getByRole('heading', {name: 'Welcome to Chorus'}).count()).toBe(0);
  });

  it('the “Verify your email” banner goes away in every open tab once the address is verified', async () => {
    const first = await suite.newPage();
    await first.goto(`${suite.stack.url}/sign-up`);
    await first.getByLabel('Username').fill('vera');
    await first.getByLabel('Email').fill('vera@example.test');
    await first.getByLabel('Password').fill('correct horse battery');
    await first.getByRole('button', {name: 'Create account'}).click();
    await first.getByText(/Check your inbox at/).waitFor();
    // Unverified people can sign in and read (A2): the banner says what is missing.
    await signIn(first, suite.stack.url, 'vera@example.test', 'correct horse battery');
    const banner = (page: typeof first) => page.getByText(/to create servers and send messages/);
    await banner(first).waitFor();
    const second = await first.context().newPage();
    await second.goto(suite.stack.url);
    await banner(second).waitFor();

    // Verified from the mail, in a third tab: both banners go, with no click and no reload.
    const third = await first.context().newPage();
    await third.goto(await verificationLink(suite.stack.sesURL!, 'vera@example.test'));
    await third.getByText('Your email is verified').waitFor();
    await banner(first).waitFor({state: 'detached', timeout: 15_000});
    await banner(second).waitFor({state: 'detached', timeout: 15_000});
  });
});
