import {randomUUID} from 'node:crypto';
import type {Locator} from 'playwright-core';
import {queries, schema, type AuthContext} from '@chorus/schema';
import {Zero} from '@rocicorp/zero';
import {describe, expect, it} from 'vitest';
import {signAccessToken} from '@chorus/api/auth/tokens';
import type {TestStack} from '../stack.ts';
import {browserSuite} from '../suite.ts';

/** Whether the element is inside the visible part of the message list (not merely rendered). */
async function inView(locator: Locator): Promise<boolean> {
  if ((await locator.count()) === 0) return false;
  return locator.first().evaluate(el => {
    // A virtualized row can be replaced between finding and measuring it: then it is not in view yet.
    const feed = el.closest('[role="feed"]');
    if (!feed) return false;
    const box = el.getBoundingClientRect();
    const scroller = feed.getBoundingClientRect();
    return box.height > 0 && box.bottom > scroller.top && box.top < scroller.bottom;
  });
}

/** Waits until zero-cache serves the reader's read state (so it has replicated the whole seed). */
async function waitForZero(stack: TestStack, userID: string, roomID: string) {
  const token = await signAccessToken(stack.deps.auth, {
    userID,
    sessionID: randomUUID(),
    emailVerified: true,
  });
  const zero = new Zero({
    schema,
    userID,
    auth: token,
    context: {userID, emailVerified: true, replica: true} as AuthContext | undefined,
    cacheURL: stack.zeroCacheURL!,
    kvStore: 'mem',
  });
  try {
    for (let i = 0; i < 300; i++) {
      if (await zero.run(queries.myRoomState({roomID}), {type: 'complete'})) return;
      await new Promise(r => setTimeout(r, 100));
    }
    throw new Error('zero-cache never served the seeded read state');
  } finally {
    await zero.close();
  }
}

const TOTAL = 10_000;
const READ = 9_000;

describe('a room with 10,000 messages', () => {
  const suite = browserSuite();

  it('opens at the first unread message, and scrolls back to the beginning without jumping', async () => {
    const page = await suite.signUp('reader', {viewport: {width: 1280, height: 800}});
    const stack = suite.stack;
    // Leave the app while seeding: an open client would follow the new server and read the room.
    await page.goto('about:blank');
    const pool = stack.deps.pool;
    const reader = (await pool.query<{id: string}>("SELECT id FROM users WHERE username = 'reader'")).rows[0]!
      .id;

    // Seed straight into Postgres: a writer, a server both belong to, 10,000 messages a second apart.
    const writer = randomUUID();
    const server = randomUUID();
    const room = randomUUID();
    const t0 = Date.now() - TOTAL * 1000 - 60_000;
    await pool.query(
      `INSERT INTO users (id, username, email, email_verified_at) VALUES ($1, 'writer', 'w@example.test', now())`,
      [writer],
    );
    await pool.query(
      `INSERT INTO servers (id, name, access_code, created_by) VALUES ($1, 'Archive', 'ARCHV', $2)`,
      [server, writer],
    );
    await pool.query(
      `INSERT INTO user_servers (user_id, server_id, role, joined_at) VALUES ($1, $3, 'owner', to_timestamp($4 / 1000.0)), ($2, $3, 'member', to_timestamp($4 / 1000.0))`,
      [writer, reader, server, t0],
    );
    await pool.query(
      `INSERT INTO rooms (id, server_id, name, created_at) VALUES ($1, $2, 'history', to_timestamp($3 / 1000.0))`,
      [room, server, t0],
    );
    await pool.query(
      `INSERT INTO messages (room_id, user_id, content, created_at)
       SELECT $1, $2, 'Message number ' || n, to_timestamp(($3::bigint + n * 1000) / 1000.0) FROM generate_series(1, $4::int) n`,
      [room, writer, t0, TOTAL],
    );
    // The reader has read up to message 9,000.
    await pool.query(
      `INSERT INTO user_rooms (user_id, room_id, last_read_at) VALUES ($1, $2, to_timestamp(($3::bigint + $4::bigint * 1000) / 1000.0))`,
      [reader, room, t0, READ],
    );

    await waitForZero(stack, reader, room);
    await page.goto(`${stack.url}/servers/${server}/rooms/${room}`);
    const log = page.getByRole('feed', {name: 'Messages'});
    await log.getByRole('separator', {name: 'New messages'}).waitFor({timeout: 30_000});
    const firstUnread = log
      .locator('article')
      .filter({hasText: new RegExp(`Message number ${READ + 1}(?!\\d)`)});
    await firstUnread.waitFor();
    expect(await inView(firstUnread)).toBe(true);

    // Scroll to the top, checking each load of older history keeps the view in place.
    const scroller = log;
    for (let step = 0; step < 200; step++) {
      if (await inView(log.getByText('This is the beginning of the room.'))) break;
      const anchor = log.locator('article').first();
      const anchorText = await anchor.textContent({timeout: 5000}).catch(async e => {
        await page.screenshot({path: '/tmp/long-fail.png'});
        throw e;
      });
      // Found again by its number alone: once older messages load above it, the
      // head of a group becomes a grouped line, without the author's name.
      const number = /Message number (\d+)/.exec(anchorText ?? '')?.[1];
      const before = await anchor.boundingBox();
      // Fast upward scrolling, as a reader flinging back through history.
      await scroller.evaluate(el => el.scrollBy(0, -20_000));
      await page.waitForTimeout(150);
      const same = log
        .locator('article')
        .filter({hasText: new RegExp(`Message number ${number}(?!\\d)`)})
        .first();
      if (number && before && (await same.count())) {
        const after = await same.boundingBox({timeout: 2000}).catch(() => null);
        // The anchor moved down by the scroll, never up (a jump would push it up or out of the list).
        if (after) expect(after.y).toBeGreaterThanOrEqual(before.y - 2);
      }
    }
    expect(await inView(log.getByText('This is the beginning of the room.'))).toBe(true);
    expect(await inView(log.locator('article').filter({hasText: /Message number 1(?!\d)/}))).toBe(true);
  });
});
