import {TYPING_TTL_MS} from '@chorus/schema';
import type {Page} from 'playwright-core';
import {afterEach, describe, expect, it} from 'vitest';
import {createServer, joinServer} from '../people.ts';
import {serviceWorkerControls} from '../offline.ts';
import {browserSuite} from '../suite.ts';
import {signalAll, zeroCacheTree} from '../zero-cache-process.ts';

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

describe('the fast lane while zero-cache is held back (issue 17)', () => {
  const suite = browserSuite();
  let stopped: number[] = [];
  afterEach(() => {
    signalAll(stopped, 'SIGCONT');
    stopped = [];
  });

  const copies = (page: Page, text: string) =>
    page.getByRole('feed', {name: 'Messages'}).locator('article').filter({hasText: text}).count();

  it('B sees A’s message before Zero delivers it, and only once after', async () => {
    const ana = await suite.signUp('ana');
    const code = await createServer(ana, 'Fast');
    const ben = await suite.signUp('ben');
    await joinServer(ben, code);
    await ben.getByRole('heading', {name: 'general'}).waitFor();
    const roomID = /\/rooms\/([^/?]+)/.exec(ben.url())![1]!;
    await ana.getByRole('textbox', {name: 'Message #general'}).fill('warm-up');
    await ana.keyboard.press('Enter');
    await ben.getByRole('feed', {name: 'Messages'}).getByText('warm-up').waitFor({timeout: 30_000});

    // zero-cache holds still; the write goes to the API straight (as the
    // outbox's REST replay or an agent's would) and commits in Postgres.
    stopped = await zeroCacheTree(suite.stack.env.CHORUS_DATA_DIR);
    signalAll(stopped, 'SIGSTOP');
    const api = `${suite.stack.url}/api/v1`;
    const login = await fetch(`${api}/auth/login`, {
      method: 'POST',
      headers: {'content-type': 'application/json'},
      body: JSON.stringify({email: 'ana@example.test', password: 'correct horse battery'}),
    });
    const {accessToken} = (await login.json()) as {accessToken: string};
    const sent = await fetch(`${api}/messages`, {
      method: 'POST',
      headers: {'content-type': 'application/json', authorization: `Bearer ${accessToken}`},
      body: JSON.stringify({roomId: roomID, content: 'through the fast lane'}),
    });
    expect(sent.status).toBe(201);

    await ben
      .getByRole('feed', {name: 'Messages'})
      .getByText('through the fast lane')
      .waitFor({timeout: 5_000});

    // Zero comes back with the row: still one message, and still there once
    // the fast lane's 15 s are over (the replica's row by then).
    signalAll(stopped, 'SIGCONT');
    stopped = [];
    const until = Date.now() + 17_000;
    while (Date.now() < until) {
      expect(await copies(ben, 'through the fast lane')).toBe(1);
      await ben.waitForTimeout(500);
    }
  });

  it('[OB5] my message, confirmed while the replica lags, stays shown offline and after a reload; its thread opens', async () => {
    const cleo = await suite.signUp('cleo');
    await createServer(cleo, 'Kept');
    const feed = cleo.getByRole('feed', {name: 'Messages'});
    await cleo.getByRole('textbox', {name: 'Message #general'}).fill('warm-up');
    await cleo.keyboard.press('Enter');
    await expect.poll(() => cleo.getByText('Sending…').count(), {timeout: 30_000}).toBe(0);
    await serviceWorkerControls(cleo);

    // Zero still calls itself connected, so the send goes by REST and the
    // server confirms it; the replica cannot bring the row.
    stopped = await zeroCacheTree(suite.stack.env.CHORUS_DATA_DIR);
    signalAll(stopped, 'SIGSTOP');
    await cleo.getByRole('textbox', {name: 'Message #general'}).fill('confirmed, not yet replicated');
    await cleo.keyboard.press('Enter');
    await feed.getByText('confirmed, not yet replicated').waitFor();
    await expect.poll(() => cleo.getByText('Sending…').count(), {timeout: 30_000}).toBe(0);

    await cleo.context().setOffline(true);
    await cleo.reload();
    await feed.getByText('confirmed, not yet replicated').waitFor({timeout: 60_000});
    const kept = feed.locator('article').filter({hasText: 'confirmed, not yet replicated'});
    await kept.hover();
    await cleo.getByRole('button', {name: 'Reply in thread'}).click();
    const thread = cleo.getByRole('complementary', {name: 'Thread'});
    await thread.getByText('confirmed, not yet replicated').waitFor();
    await thread.getByRole('textbox', {name: 'Reply in thread'}).click();
    await cleo.keyboard.type('a reply from offline');
    await cleo.keyboard.press('Enter');
    await thread.getByText('a reply from offline').waitFor();

    // Back: the reply lands once, under it; the message shows once.
    await cleo.context().setOffline(false);
    signalAll(stopped, 'SIGCONT');
    stopped = [];
    const replies = async () =>
      (
        await suite.stack.deps.pool.query<{content: string; parent: string}>(
          `SELECT r.content, p.content AS parent FROM messages r JOIN messages p ON p.id = r.parent_message_id`,
        )
      ).rows;
    await expect
      .poll(replies, {timeout: 60_000})
      .toEqual([{content: 'a reply from offline', parent: 'confirmed, not yet replicated'}]);
    await kept.getByRole('button', {name: /^1 reply/}).waitFor({timeout: 30_000});
    expect(await copies(cleo, 'confirmed, not yet replicated')).toBe(1);
  });
});
