import {describe, expect, it} from 'vitest';
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
});
