import {TYPING_TTL_MS} from '@chorus/schema';
import {describe, expect, it} from 'vitest';
import {createServer, joinServer} from '../people.ts';
import {browserSuite} from '../suite.ts';

// Wide enough for the member pane beside the room.
const wide = {viewport: {width: 1440, height: 900}};

describe('live events through the embedded hub (issue 17)', () => {
  const suite = browserSuite();

  it('[LV7] B sees A typing, cleared when A sends; B sees A go offline within 10 s of A’s page closing', async () => {
    const ana = await suite.signUp('ana', wide);
    const code = await createServer(ana, 'Live');
    const ben = await suite.signUp('ben', wide);
    await joinServer(ben, code);
    await ben.getByRole('heading', {name: 'general'}).waitFor();

    // Presence: Ana's dot in Ben's member pane.
    const anaInList = ben
      .getByRole('complementary', {name: 'Members'})
      .getByRole('listitem')
      .filter({has: ben.getByRole('button', {name: 'Profile of ana'})});
    await anaInList.getByRole('img', {name: 'online'}).waitFor({timeout: 10_000});

    // Typing: Ben sees it, Ana does not see herself.
    const typing = ben.getByRole('status', {name: 'Who is typing'});
    // Typed as a person types: the start repeats while she types, so Ben
    // sees it even if his room channel was attached after her first key.
    await ana.getByRole('textbox', {name: 'Message #general'}).pressSequentially('Hello Ben', {delay: 400});
    await expect.poll(() => typing.textContent(), {timeout: 5_000}).toBe('ana is typing…');
    const started = Date.now();
    expect(await ana.getByRole('status', {name: 'Who is typing'}).textContent()).toBe('');

    // Sending clears it at once, well before it would expire by itself.
    await ana.keyboard.press('Enter');
    await expect.poll(() => typing.textContent(), {timeout: 3_000}).toBe('');
    expect(Date.now() - started).toBeLessThan(TYPING_TTL_MS);
    await ben.getByRole('feed', {name: 'Messages'}).getByText('Hello Ben').waitFor({timeout: 10_000});

    // Ana closes the page: Ben sees her offline within 10 s.
    const closed = Date.now();
    await ana.context().close();
    await anaInList.getByRole('img', {name: 'offline'}).waitFor({timeout: 10_000});
    expect(Date.now() - closed).toBeLessThan(10_000);
  });
});
