import {describe, expect, it} from 'vitest';
import {createRoom, createServer, joinServer, signUpAndVerify} from '../people.ts';
import {browserSuite} from '../suite.ts';

describe('private rooms and removing members, live', () => {
  const suite = browserSuite();

  it('[R1][RM4][MB3] a member sees a private room only once added, and loses the server when kicked', async () => {
    const owner = await suite.newPage();
    const member = await suite.newPage();

    await signUpAndVerify(owner, suite.stack.url, suite.stack.sesURL!, 'olivia');
    const code = await createServer(owner, 'Studio');
    await createRoom(owner, 'secret', {isPrivate: true});

    await signUpAndVerify(member, suite.stack.url, suite.stack.sesURL!, 'max');
    await joinServer(member, code);
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
    const ask = owner.getByRole('dialog', {name: 'Kick max?'});
    await ask
      .getByText('max leaves Studio and its private rooms. They can rejoin with the invite code.')
      .waitFor();
    await ask.getByRole('button', {name: 'Kick', exact: true}).click();
    await owner.getByRole('button', {name: 'Kick max'}).waitFor({state: 'detached'});
    await member.getByRole('heading', {name: 'Welcome to Chorus'}).waitFor({timeout: 10_000});
    expect(
      await member.getByRole('navigation', {name: 'Servers'}).getByRole('link', {name: 'Studio'}).count(),
    ).toBe(0);
  });
});
