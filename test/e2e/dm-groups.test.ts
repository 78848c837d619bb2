import type {Page} from 'playwright-core';
import {describe, expect, it} from 'vitest';
import {browserSuite} from '../suite.ts';

// Issue 16's rest: group conversations from the DM list, their people,
// adding and leaving; read marks kept through a failing network; search
// with in:@name; desktop notifications for direct messages.

const WAIT = {timeout: 15_000};
const feed = (page: Page) => page.getByRole('feed', {name: 'Messages'});
const dmList = (page: Page) => page.getByRole('navigation', {name: 'Direct messages'});

/** A REST call as the signed-in person of `page` (a fresh access token from the refresh cookie). */
async function rest(
  page: Page,
  method: string,
  path: string,
  body?: unknown,
): Promise<{status: number; json: unknown}> {
  return page.evaluate(
    async ({method, path, body}) => {
      const refresh = await fetch('/api/v1/auth/refresh', {method: 'POST'});
      const {accessToken} = (await refresh.json()) as {accessToken: string};
      const res = await fetch(`/api/v1${path}`, {
        method,
        headers: {
          authorization: `Bearer ${accessToken}`,
          ...(body === undefined ? {} : {'content-type': 'application/json'}),
        },
        body: body === undefined ? null : JSON.stringify(body),
      });
      const text = await res.text();
      return {status: res.status, json: text ? (JSON.parse(text) as unknown) : undefined};
    },
    {method, path, body},
  );
}

/** `a` asks `b` by name, `b` asks back, which accepts [F2]. */
async function befriend(a: Page, aName: string, b: Page, bName: string) {
  expect((await rest(a, 'POST', '/friends/request', {username: bName})).status).toBe(201);
  expect((await rest(b, 'POST', '/friends/request', {username: aName})).status).toBe(200);
}

async function say(page: Page, box: string, text: string) {
  await page.getByRole('textbox', {name: box}).click();
  await page.keyboard.type(text);
  await page.keyboard.press('Enter');
  await feed(page).locator('article').filter({hasText: text}).waitFor();
}

/** Sends a direct message by REST, as `page`'s person. */
async function sendByRest(page: Page, conversationId: string, content: string) {
  const {status} = await rest(page, 'POST', '/messages', {conversationId, content});
  expect(status).toBe(201);
}

const conversationOf = (page: Page) => new URL(page.url()).pathname.split('/').pop()!;

describe('group conversations and the direct-message tools', () => {
  const suite = browserSuite();

  it('[DM3] a group of friends from "New group message": people shown, the creator adds, a member leaves', async () => {
    const ana = await suite.signUp('ana');
    const ben = await suite.signUp('ben');
    const cat = await suite.signUp('cat');
    const dan = await suite.signUp('dan');
    for (const [page, name] of [
      [ben, 'ben'],
      [cat, 'cat'],
      [dan, 'dan'],
    ] as const) {
      await befriend(ana, 'ana', page, name);
    }

    // Ana picks friends by keyboard; one is not enough for a group.
    await ana.goto(`${suite.stack.url}/friends`);
    const newGroup = dmList(ana).getByRole('button', {name: 'New group message'});
    await newGroup.focus();
    await ana.keyboard.press('Enter');
    const dialog = ana.getByRole('dialog', {name: 'New group message'});
    const friends = dialog.getByRole('group', {name: 'Friends'});
    await friends.getByRole('checkbox', {name: 'ben'}).check();
    await dialog.getByRole('button', {name: 'Create group'}).click();
    await dialog.getByText('Choose at least 2 friends.').waitFor();
    await friends.getByRole('checkbox', {name: 'cat'}).check();
    await dialog.getByRole('button', {name: 'Create group'}).click();
    await ana.getByRole('heading', {name: 'ben, cat'}).waitFor();
    expect(new URL(ana.url()).pathname).toMatch(/^\/dm\/[0-9a-f-]{36}$/);
    await say(ana, 'Message @ben, cat', 'Welcome to the group');

    // Ben sees it live; he is not its creator, so he cannot add people.
    await ben.goto(`${suite.stack.url}/friends`);
    await dmList(ben).getByRole('link', {name: 'ana, cat, unread messages'}).click(WAIT);
    await feed(ben).locator('article').filter({hasText: 'Welcome to the group'}).waitFor();
    await ben.getByRole('button', {name: 'People in this group, 3'}).click();
    const benPeople = ben.getByRole('dialog', {name: 'People in this group'});
    await benPeople.getByText('Started the group').waitFor();
    expect(await benPeople.getByRole('listitem').count()).toBe(3);
    expect(await benPeople.getByRole('button', {name: 'Add people'}).count()).toBe(0);
    await benPeople.getByRole('button', {name: 'Close'}).click();

    // Ana adds Dan: only friends not in it yet are offered.
    await ana.getByRole('button', {name: 'People in this group, 3'}).click();
    await ana
      .getByRole('dialog', {name: 'People in this group'})
      .getByRole('button', {name: 'Add people'})
      .click();
    const add = ana.getByRole('dialog', {name: 'Add people'});
    await add.getByRole('checkbox', {name: 'dan'}).waitFor();
    expect(await add.getByRole('checkbox').count()).toBe(1);
    await add.getByRole('checkbox', {name: 'dan'}).check();
    await add.getByRole('button', {name: 'Add to group'}).click();
    await ana.getByRole('dialog', {name: 'People in this group'}).getByText('dan').waitFor();
    await ana
      .getByRole('dialog', {name: 'People in this group'})
      .getByRole('button', {name: 'Close'})
      .click();
    await ana.getByRole('heading', {name: 'ben, cat, dan'}).waitFor();
    await dan.goto(`${suite.stack.url}/friends`);
    await dmList(dan)
      .getByRole('link', {name: /ana, ben, cat/})
      .waitFor(WAIT);

    // Ben leaves, after saying so in the app's own dialog; cancelling first changes nothing.
    await ben.getByRole('button', {name: 'People in this group, 4'}).click(WAIT);
    await ben
      .getByRole('dialog', {name: 'People in this group'})
      .getByRole('button', {name: 'Leave conversation'})
      .click();
    const confirm = ben.getByRole('dialog', {name: 'Leave this conversation?'});
    await confirm.getByRole('button', {name: 'Cancel'}).click();
    await ben.getByRole('heading', {name: 'ana, cat, dan'}).waitFor();
    await ben.getByRole('button', {name: 'People in this group, 4'}).click();
    await ben
      .getByRole('dialog', {name: 'People in this group'})
      .getByRole('button', {name: 'Leave conversation'})
      .click();
    await confirm.getByRole('button', {name: 'Leave conversation'}).click();
    await ben.getByRole('heading', {name: 'Friends'}).waitFor();
    await dmList(ben)
      .getByText(/No conversations yet/)
      .waitFor(WAIT);
    await ana.getByRole('heading', {name: 'cat, dan'}).waitFor(WAIT);
    await ana.getByRole('button', {name: 'People in this group, 3'}).waitFor();
  });

  it('[DM5][OB1] a read mark the network did not take is kept and sent later', async () => {
    const eve = await suite.signUp('eve');
    const fay = await suite.signUp('fay');
    await befriend(eve, 'eve', fay, 'fay');
    await eve.goto(`${suite.stack.url}/friends`);
    await eve.getByRole('button', {name: 'Message fay'}).click();
    await eve.getByRole('heading', {name: 'fay'}).waitFor();
    const conversationId = conversationOf(eve);

    // The read route fails as a lost network would, before fay's message arrives.
    let tries = 0;
    await eve.route('**/api/v1/conversations/*/read', route => {
      tries++;
      return route.abort('internetdisconnected');
    });
    await sendByRest(fay, conversationId, 'Are you reading this?');
    await feed(eve).locator('article').filter({hasText: 'Are you reading this?'}).waitFor(WAIT);
    await expect.poll(() => tries, WAIT).toBeGreaterThan(0);
    // Read here at once, though the server has not heard of it.
    await dmList(eve).getByRole('link', {name: 'fay', exact: true}).waitFor();
    const lastRead = async () =>
      (
        await suite.stack.deps.pool.query<{last_read_at: Date | null}>(
          `SELECT m.last_read_at FROM direct_conversation_members m JOIN users u ON u.id = m.user_id
            WHERE m.conversation_id = $1 AND u.username = 'eve'`,
          [conversationId],
        )
      ).rows[0]?.last_read_at ?? null;
    expect(await lastRead()).toBeNull();

    // Eve moves on; once the network is back the outbox sends the mark by itself.
    await eve.getByRole('link', {name: 'Friends', exact: true}).click();
    await eve.getByRole('heading', {name: 'Friends'}).waitFor();
    await eve.unroute('**/api/v1/conversations/*/read');
    await expect.poll(lastRead, WAIT).not.toBeNull();
    await dmList(eve).getByRole('link', {name: 'fay', exact: true}).waitFor();
  });

  it('[DM2] search finds words in my conversation with someone by in:@name, from the conversation header', async () => {
    const gus = await suite.signUp('gus');
    const hal = await suite.signUp('hal');
    await befriend(gus, 'gus', hal, 'hal');
    await gus.goto(`${suite.stack.url}/friends`);
    await gus.getByRole('button', {name: 'Message hal'}).click();
    await gus.getByRole('heading', {name: 'hal'}).waitFor();
    await say(gus, 'Message @hal', 'Lunch at noon on Friday?');
    await say(gus, 'Message @hal', 'Or dinner instead');

    await gus.getByRole('link', {name: 'Search the conversation with hal'}).click();
    const box = gus.getByRole('searchbox', {name: 'Search messages'});
    expect(await box.inputValue()).toBe('in:@hal ');
    await gus.keyboard.type('noon');
    const results = gus.getByRole('list', {name: 'Search results'});
    await results.getByRole('link', {name: /Lunch at noon on Friday/}).waitFor(WAIT);
    expect(await results.getByRole('listitem').count()).toBe(1);
    await results.getByRole('link', {name: /Lunch at noon/}).click();
    await gus.getByRole('heading', {name: 'hal'}).waitFor();
    await feed(gus).locator('article').filter({hasText: 'Lunch at noon on Friday?'}).waitFor();

    // Nobody by that name: said in words, no search runs.
    await gus.goto(`${suite.stack.url}/dm/search?q=${encodeURIComponent('in:@nobody lunch')}`);
    await gus.getByText('You have no direct conversation with “nobody”.').waitFor();
  });

  it('[DM5][F5] a direct message from someone else notifies while the tab is hidden; never from someone I blocked', async () => {
    const ivy = await suite.signUp('ivy');
    const jon = await suite.signUp('jon');
    const kim = await suite.signUp('kim');
    await befriend(ivy, 'ivy', jon, 'jon');
    await befriend(ivy, 'ivy', kim, 'kim');
    const idOf = async (p: Page) =>
      ((await rest(p, 'GET', '/users/me')).json as {user: {id: string}}).user.id;
    const [ivyID, jonID, kimID] = [await idOf(ivy), await idOf(jon), await idOf(kim)];
    const group = await rest(ivy, 'POST', '/conversations', {
      userIds: [jonID, kimID],
    });
    expect(group.status).toBe(201);
    const groupId = (group.json as {id: string}).id;

    // The browser's notifications, recorded (the outside world); the tab, hidden on demand.
    await ivy.addInitScript(() => {
      const shown: {title: string; body: string | undefined}[] = [];
      (window as unknown as {shown: typeof shown}).shown = shown;
      class RecordedNotification {
        static permission = 'granted';
        static requestPermission = () => Promise.resolve('granted');
        onclick: (() => void) | null = null;
        constructor(title: string, options?: {body?: string}) {
          shown.push({title, body: options?.body});
        }
      }
      Object.defineProperty(window, 'Notification', {value: RecordedNotification, configurable: true});
    });
    await ivy.goto(`${suite.stack.url}/settings/notifications`);
    await ivy.getByRole('checkbox', {name: /Desktop notifications/}).check();
    await ivy.goto(`${suite.stack.url}/friends`);
    await dmList(ivy)
      .getByRole('link', {name: /jon, kim/})
      .waitFor();
    await ivy.getByRole('button', {name: 'Block kim'}).click();
    await ivy.getByRole('tab', {name: /Blocked/}).click();
    await ivy.getByRole('button', {name: 'Unblock kim'}).waitFor();
    await ivy.evaluate(() => {
      Object.defineProperty(document, 'visibilityState', {configurable: true, get: () => 'hidden'});
      Object.defineProperty(document, 'hidden', {configurable: true, get: () => true});
      document.dispatchEvent(new Event('visibilitychange'));
    });
    const shown = () => ivy.evaluate(() => (window as unknown as {shown: unknown[]}).shown);

    await sendByRest(kim, groupId, 'from someone blocked');
    await dmList(ivy)
      .getByRole('link', {name: /jon, kim, unread/})
      .waitFor(WAIT);
    await sendByRest(jon, groupId, 'Hello **group**');
    await expect.poll(shown, WAIT).toEqual([{title: 'New message in jon, kim', body: 'jon: Hello group'}]);

    const direct = await rest(jon, 'POST', '/conversations', {
      userIds: [ivyID],
    });
    await sendByRest(jon, (direct.json as {id: string}).id, 'Just you and me');
    await expect.poll(shown, WAIT).toEqual([
      {title: 'New message in jon, kim', body: 'jon: Hello group'},
      {title: 'Message from jon', body: 'Just you and me'},
    ]);

    // [F2][F3] Friend requests too: someone asking me, and someone accepting mine.
    const lea = await suite.signUp('lea');
    expect((await rest(lea, 'POST', '/friends/request', {username: 'ivy'})).status).toBe(201);
    await expect
      .poll(async () => (await shown()).slice(2), WAIT)
      .toEqual([{title: 'lea wants to be your friend', body: 'Open Friends to answer.'}]);
    const max = await suite.signUp('max');
    expect((await rest(ivy, 'POST', '/friends/request', {username: 'max'})).status).toBe(201);
    expect((await rest(max, 'POST', '/friends/request', {username: 'ivy'})).status).toBe(200);
    await expect
      .poll(async () => (await shown()).slice(3), WAIT)
      .toEqual([{title: 'max accepted your friend request', body: 'You can message them now.'}]);
  });
});
