import type {Browser} from 'playwright-core';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {launchChromium} from '../browser.ts';
import {createServer, signUpAndVerify} from '../people.ts';
import {startTestStack} from '../stack.ts';

type TestStack = Awaited<ReturnType<typeof startTestStack>>;

describe('private rooms and removing members, live', () => {
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

  it('[R1][RM4][MB3] a member sees a private room only once added, and loses the server when kicked', async () => {
    const owner = await (await browser.newContext()).newPage();
    const member = await (await browser.newContext()).newPage();
    owner.on('dialog', d => void d.accept());

    await signUpAndVerify(owner, stack.url, stack.sesURL!, 'olivia');
    const code = await createServer(owner, 'Studio');
    await owner.getByRole('button', {name: 'Create a room'}).click();
    await owner.getByLabel('Room name').fill('secret');
    await owner.getByLabel(/Private/).check();
    await owner.getByRole('button', {name: 'Create room'}).click();
    await owner.getByRole('heading', {name: 'secret'}).waitFor();

    await signUpAndVerify(member, stack.url, stack.sesURL!, 'max');
    await member.getByRole('button', {name: 'Join with a code'}).click();
    await member.getByLabel('Access code').fill(code);
    await member.getByRole('button', {name: 'Join server'}).click();
    const memberRooms = member.getByRole('complementary', {name: 'Rooms'});
    await memberRooms.getByRole('link', {name: /general/}).waitFor();
    expect(await memberRooms.getByRole('link', {name: /secret/}).count()).toBe(0);

    // The owner adds max; the room appears on max's side without a reload.
    await owner.getByRole('button', {name: 'Room settings'}).click();
    await owner.getByRole('button', {name: 'Add max'}).click();
    await owner.getByRole('button', {name: 'Remove max'}).waitFor();
    await owner.getByRole('button', {name: 'Close'}).click();
    await memberRooms.getByRole('link', {name: /secret/}).waitFor({timeout: 10_000});
    await memberRooms.getByRole('link', {name: /secret/}).click();
    await member.getByRole('heading', {name: 'secret'}).waitFor();

    // The owner kicks max; max's client drops the server without a reload.
    await owner.getByRole('link', {name: 'Server settings'}).click();
    await owner.getByRole('button', {name: 'Kick max'}).click();
    await owner.getByRole('button', {name: 'Kick max'}).waitFor({state: 'detached'});
    await member.getByRole('heading', {name: 'Welcome to Chorus'}).waitFor({timeout: 10_000});
    expect(
      await member.getByRole('navigation', {name: 'Servers'}).getByRole('link', {name: 'Studio'}).count(),
    ).toBe(0);
  });
});
