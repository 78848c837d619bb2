import type {Page} from 'playwright-core';
import {describe, expect, it} from 'vitest';
import {createServer, joinServer} from '../people.ts';
import {browserSuite} from '../suite.ts';

// The feed reads like a chat: runs by one person are grouped under one
// name, and days are divided ("Yesterday", "Today").

const feed = (page: Page) => page.getByRole('feed', {name: 'Messages'});

async function send(page: Page, text: string) {
  const editor = page.getByRole('textbox', {name: 'Message #general'});
  await editor.click();
  await page.keyboard.type(text);
  await page.keyboard.press('Enter');
  await feed(page).locator('article').filter({hasText: text}).waitFor();
}

describe('the feed', () => {
  const suite = browserSuite();

  it('groups a run of messages by one person under one name, and divides the days', async () => {
    const ana = await suite.signUp('ana');
    const code = await createServer(ana, 'Team');
    const ben = await suite.signUp('ben');
    await joinServer(ben, code);
    await ben.getByRole('heading', {name: 'general'}).waitFor();

    // Something said yesterday, written straight into Postgres as an import would.
    const {rows} = await suite.stack.deps.pool.query<{id: string; ana: string}>(
      `SELECT r.id, u.id AS ana FROM rooms r JOIN servers s ON s.id = r.server_id
         JOIN users u ON u.username = 'ana' WHERE s.name = 'Team'`,
    );
    await suite.stack.deps.pool.query(
      `INSERT INTO messages (room_id, user_id, content, created_at) VALUES ($1, $2, 'from yesterday', now() - interval '1 day')`,
      [rows[0]!.id, rows[0]!.ana],
    );

    await send(ana, 'one');
    await send(ana, 'two');
    await send(ana, 'three');
    await send(ben, 'four');

    const articles = feed(ben).locator('article');
    await articles.filter({hasText: 'from yesterday'}).waitFor();
    await articles.filter({hasText: 'four'}).waitFor();
    const names = async (text: string) =>
      articles
        .filter({hasText: text})
        .getByRole('button', {name: /^Profile of /})
        .allTextContents();
    expect(await names('one')).toEqual(['ana']);
    expect(await names('two')).toEqual([]);
    expect(await names('three')).toEqual([]);
    expect(await names('four')).toEqual(['ben']);
    // Grouped lines still say who wrote them to a screen reader.
    expect(await articles.filter({hasText: 'three'}).getAttribute('aria-label')).toMatch(/^ana at /);

    // Seen, not read out: each message's name already says its date (a feed may own only articles).
    const dividers = feed(ben).locator('[data-day-divider]');
    expect(await dividers.allTextContents()).toEqual(['Yesterday', 'Today']);
  });

  it('a name opens a profile card: picture or initial, link, AI badge, and Add friend', async () => {
    const eve = await suite.signUp('eve');
    await createServer(eve, 'Eve’s');
    const pool = suite.stack.deps.pool;
    await pool.query(`UPDATE users SET external_link = 'https://eve.example/about' WHERE username = 'eve'`);
    const {rows} = await pool.query<{room: string}>(
      `SELECT r.id AS room FROM rooms r JOIN servers s ON s.id = r.server_id WHERE s.name = 'Eve’s'`,
    );
    // An agent in the room (agents are made by issue 18; here straight in Postgres).
    const agent = await pool.query<{id: string}>(
      `INSERT INTO users (username, user_type) VALUES ('helperbot', 'ai_agent') RETURNING id`,
    );
    await pool.query(
      `INSERT INTO user_servers (user_id, server_id, role) SELECT $1, server_id, 'member' FROM rooms WHERE id = $2`,
      [agent.rows[0]!.id, rows[0]!.room],
    );
    await pool.query(`INSERT INTO messages (room_id, user_id, content) VALUES ($1, $2, 'beep, I am a bot')`, [
      rows[0]!.room,
      agent.rows[0]!.id,
    ]);
    await send(eve, 'hello from eve');

    // My own card: no friend button.
    await feed(eve).getByRole('button', {name: 'Profile of eve'}).first().click();
    const mine = eve.getByRole('dialog', {name: 'eve'});
    await mine.getByRole('link', {name: 'https://eve.example/about'}).waitFor();
    expect(await mine.getByRole('link').getAttribute('rel')).toContain('noopener');
    expect(await mine.getByRole('button', {name: 'Add friend'}).count()).toBe(0);
    await eve.keyboard.press('Escape');
    await mine.waitFor({state: 'hidden'});

    // The agent: the AI badge in the feed and on its card, and no friend button.
    const bot = feed(eve).locator('article').filter({hasText: 'beep, I am a bot'});
    await bot.getByText('AI', {exact: true}).waitFor();
    // The name (the message's actions have the same button, shown on hover).
    await bot.getByRole('button', {name: 'Profile of helperbot'}).first().click();
    const card = eve.getByRole('dialog', {name: /helperbot/});
    await card.getByText('AI', {exact: true}).waitFor();
    expect(await card.getByRole('button', {name: 'Add friend'}).count()).toBe(0);
    await card.getByRole('button', {name: 'Close'}).click();
    await card.waitFor({state: 'hidden'});

    // Someone else's card, from the member list: Add friend sends a request.
    const fay = await suite.signUp('fay');
    const code = await eve.getByTestId('access-code').textContent();
    await joinServer(fay, code!.trim());
    await fay.getByRole('heading', {name: 'general'}).waitFor();
    await fay.setViewportSize({width: 1440, height: 900});
    await fay
      .getByRole('complementary', {name: 'Members'})
      .getByRole('button', {name: 'Profile of eve'})
      .click();
    const eveCard = fay.getByRole('dialog', {name: 'eve'});
    await eveCard.getByRole('button', {name: 'Add friend'}).click();
    await eveCard.getByText('Friend request sent.').waitFor();
    await fay.setViewportSize({width: 390, height: 844});
    await fay.screenshot({path: '/tmp/profile-sheet.png'});
  });

  it('deletes with the app’s own dialog; Shift+click and “don’t ask again” skip it', async () => {
    const ana = await suite.signUp('dora');
    await createServer(ana, 'Dora’s');
    ana.on('dialog', d => {
      throw new Error(`a browser dialog opened: ${d.message()}`);
    });
    for (const text of ['first', 'second', 'third']) await send(ana, text);
    const article = (text: string) => feed(ana).locator('article').filter({hasText: text});
    const remove = async (text: string, modifiers: 'Shift'[] = []) => {
      await article(text).hover();
      await ana.getByRole('button', {name: 'Delete message'}).click({modifiers});
    };
    const deleted = () => feed(ana).locator('article').filter({hasText: 'This message was deleted.'});

    await remove('first', ['Shift']);
    await deleted().first().waitFor();
    expect(await ana.getByRole('dialog').count()).toBe(0);

    await remove('second');
    const ask = ana.getByRole('dialog', {name: 'Delete message'});
    await ask.getByRole('checkbox', {name: 'Don’t ask again for this session'}).check();
    await ask.getByRole('button', {name: 'Delete', exact: true}).click();
    await expect.poll(() => deleted().count()).toBe(2);

    await remove('third');
    await expect.poll(() => deleted().count()).toBe(3);
    expect(await ana.getByRole('dialog').count()).toBe(0);
  });
});
