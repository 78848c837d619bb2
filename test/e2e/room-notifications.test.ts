import {describe, expect, it} from 'vitest';
import {createRoom, createServer, joinServer} from '../people.ts';
import {browserSuite} from '../suite.ts';

describe('a room’s notification level, from its header', () => {
  const suite = browserSuite();

  it('is set by keyboard from the bell menu, shows as muted in the sidebar, and survives a reload', async () => {
    const ana = await suite.signUp('ana');
    const code = await createServer(ana, 'Bells');
    await createRoom(ana, 'news');
    await createRoom(ana, 'random');
    await ana.getByRole('link', {name: /general/}).click();
    await ana.getByRole('heading', {name: 'general'}).waitFor();
    const rooms = ana.getByRole('complementary', {name: 'Rooms'});
    const focusedName = () => ana.locator(':focus').getAttribute('aria-label');

    // By keyboard: Enter opens the menu on the current choice; ↑ and Enter choose; focus returns.
    const bell = ana.getByRole('button', {name: /^Room notifications/});
    expect(await bell.getAttribute('aria-label')).toBe('Room notifications: Only @mentions (server default)');
    await bell.focus();
    await ana.keyboard.press('Enter');
    const menu = ana.getByRole('menu', {name: 'Notify me about'});
    await menu.waitFor();
    expect(await bell.getAttribute('aria-expanded')).toBe('true');
    await expect.poll(async () => ana.locator(':focus').textContent()).toMatch(/Server default/);
    expect(await menu.getByRole('menuitemradio', {name: /Server default/}).getAttribute('aria-checked')).toBe(
      'true',
    );
    await ana.keyboard.press('ArrowUp');
    await expect.poll(async () => ana.locator(':focus').textContent()).toMatch(/Nothing \(muted\)$/);
    await ana.keyboard.press('Enter');
    await menu.waitFor({state: 'hidden'});
    await expect.poll(focusedName).toBe('Room notifications: Nothing (muted)');
    await rooms.getByRole('link', {name: /general.*\(muted\)/}).waitFor();

    // Esc closes the menu without choosing.
    await ana.keyboard.press('Enter');
    await menu.waitFor();
    await ana.keyboard.press('Escape');
    await menu.waitFor({state: 'hidden'});
    await expect.poll(focusedName).toBe('Room notifications: Nothing (muted)');

    // Kept across a reload.
    await ana.reload();
    await ana.getByRole('button', {name: 'Room notifications: Nothing (muted)'}).waitFor();
    await rooms.getByRole('link', {name: /general.*\(muted\)/}).waitFor();
    expect(await rooms.getByRole('link', {name: /news/}).textContent()).not.toContain('muted');

    // Messages in a muted room get no unread emphasis; in another room they do.
    await ana.getByRole('link', {name: /random/}).click();
    await ana.getByRole('heading', {name: 'random'}).waitFor();
    const ben = await suite.signUp('ben');
    await joinServer(ben, code);
    for (const room of ['general', 'news']) {
      await ben.getByRole('link', {name: new RegExp(room)}).click();
      await ben.getByRole('heading', {name: room}).waitFor();
      await ben.getByRole('textbox', {name: `Message #${room}`}).fill(`Hello ${room}`);
      await ben.keyboard.press('Enter');
      await ben.getByRole('feed', {name: 'Messages'}).getByText(`Hello ${room}`).waitFor();
    }
    await rooms.getByRole('link', {name: /news.*\(new messages\)/}).waitFor({timeout: 15_000});
    const general = rooms.getByRole('link', {name: /general/});
    expect(await general.textContent()).not.toContain('new messages');
    expect(await general.getAttribute('class')).not.toContain('font-semibold');

    // Back to the server's level: no longer muted.
    await general.click();
    await ana.getByRole('heading', {name: 'general'}).waitFor();
    await ana.getByRole('button', {name: /^Room notifications/}).click();
    await menu.getByRole('menuitemradio', {name: /Server default/}).click();
    await ana.getByRole('button', {name: 'Room notifications: Only @mentions (server default)'}).waitFor();
    expect(await rooms.getByRole('link', {name: /general/}).textContent()).not.toContain('muted');
  });
});
