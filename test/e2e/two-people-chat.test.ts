import type {Browser} from 'playwright-core';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {launchChromium} from '../browser.ts';
import {signUpAndVerify} from '../people.ts';
import {startTestStack} from '../stack.ts';

type TestStack = Awaited<ReturnType<typeof startTestStack>>;

describe('two people chatting through Zero', () => {
  let stack: TestStack;
  let browser: Browser;

  beforeAll(async () => {
    stack = await startTestStack();
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await stack?.dispose();
  });

  it('A creates a server and room, B joins by code, and sees A’s message without reloading', async () => {
    const alice = await (await browser.newContext()).newPage();
    const bob = await (await browser.newContext()).newPage();

    await signUpAndVerify(alice, stack.url, stack.sesURL!, 'alice');
    await alice.getByRole('button', {name: 'Create a server'}).first().click();
    await alice.getByLabel('Server name').fill('Acme');
    await alice.getByRole('button', {name: 'Create server'}).click();
    await alice.getByRole('heading', {name: 'general'}).waitFor();

    await alice.getByRole('button', {name: 'Create a room'}).click();
    await alice.getByLabel('Room name').fill('launch');
    await alice.getByRole('button', {name: 'Create room'}).click();
    await alice.getByRole('heading', {name: 'launch'}).waitFor();
    const roomURL = alice.url();

    // The access code is decided by the server and replaces the optimistic stand-in.
    const code = alice.getByTestId('access-code');
    await expect
      .poll(async () => (await code.textContent())?.trim(), {timeout: 15_000})
      .toMatch(/^[2-9A-HJKMNP-Z]{5}$/);
    await alice.waitForTimeout(500);
    const accessCode = (await code.textContent())!.trim();

    await signUpAndVerify(bob, stack.url, stack.sesURL!, 'bob');
    await bob.getByRole('button', {name: 'Join with a code'}).click();
    await bob.getByLabel('Access code').fill(accessCode);
    await bob.getByRole('button', {name: 'Join server'}).click();
    await bob.getByRole('link', {name: /launch/}).click();
    await bob.getByRole('heading', {name: 'launch'}).waitFor();
    expect(bob.url()).toBe(roomURL);
    await bob.getByText('No messages yet').waitFor();

    await alice.getByRole('textbox', {name: 'Message #launch'}).fill('Hello Bob, welcome to launch!');
    await alice.keyboard.press('Enter');
    await alice.getByRole('feed', {name: 'Messages'}).getByText('Hello Bob, welcome to launch!').waitFor();

    // No reload on Bob's side: the row arrives through zero-cache.
    await bob
      .getByRole('feed', {name: 'Messages'})
      .getByText('Hello Bob, welcome to launch!')
      .waitFor({timeout: 10_000});
    await bob.getByRole('status').filter({hasText: 'Connected'}).waitFor();

    // And back the other way.
    await bob.getByRole('textbox', {name: 'Message #launch'}).fill('Thanks Alice!');
    await bob.keyboard.press('Enter');
    await alice.getByRole('feed', {name: 'Messages'}).getByText('Thanks Alice!').waitFor({timeout: 10_000});
  });
});
