import {describe, expect, it} from 'vitest';
import {createRoom, joinServer, signUpAndVerify} from '../people.ts';
import {browserSuite} from '../suite.ts';

describe('two people chatting through Zero', () => {
  const suite = browserSuite();

  it('A creates a server and room, B joins by code, and sees A’s message without reloading', async () => {
    const alice = await suite.newPage();
    const bob = await suite.newPage();

    await signUpAndVerify(alice, suite.stack.url, suite.stack.sesURL!, 'alice');
    await alice.getByRole('button', {name: 'Create a server'}).first().click();
    await alice.getByLabel('Server name').fill('Acme');
    await alice.getByRole('button', {name: 'Create server'}).click();
    await alice.getByRole('heading', {name: 'general'}).waitFor();

    await createRoom(alice, 'launch');
    const roomURL = alice.url();

    // The access code is decided by the server and replaces the optimistic stand-in.
    const code = alice.getByTestId('access-code');
    await expect
      .poll(async () => (await code.textContent())?.trim(), {timeout: 15_000})
      .toMatch(/^[2-9A-HJKMNP-Z]{5}$/);
    await alice.waitForTimeout(500);
    const accessCode = (await code.textContent())!.trim();

    await signUpAndVerify(bob, suite.stack.url, suite.stack.sesURL!, 'bob');
    await joinServer(bob, accessCode);
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
