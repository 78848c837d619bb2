import {describe, expect, it} from 'vitest';
import {createRoom, createServer, signIn} from '../people.ts';
import {browserSuite} from '../suite.ts';

describe('phone layout: the sidebars are drawers over the room', () => {
  const suite = browserSuite();

  it('at 390×844 the rooms drawer opens by its button and closes by Esc, the scrim and choosing a room', async () => {
    const page = await suite.signUp('pia', {viewport: {width: 390, height: 844}});
    await createServer(page, 'Pocket');
    const menu = page.getByRole('button', {name: 'Servers and rooms', exact: true});
    const drawer = page.getByRole('dialog', {name: 'Servers and rooms'});
    const focusedName = () => page.locator(':focus').getAttribute('aria-label');
    const focusInDrawer = async () => (await page.locator('dialog[open] :focus').count()) === 1;

    // The room has the whole width: no rail or room list beside it.
    expect(await page.getByRole('navigation', {name: 'Servers'}).count()).toBe(0);
    expect(await page.getByRole('complementary', {name: 'Rooms'}).count()).toBe(0);

    // Opens by the button, with focus inside; Esc closes it and focus goes back to the button.
    await menu.click();
    await drawer.waitFor();
    expect(await menu.getAttribute('aria-expanded')).toBe('true');
    await expect.poll(focusInDrawer, {timeout: 10_000}).toBe(true);
    await drawer.getByRole('navigation', {name: 'Servers'}).waitFor();
    await drawer
      .getByRole('complementary', {name: 'Rooms'})
      .getByRole('link', {name: /general/})
      .waitFor();
    await page.keyboard.press('Escape');
    await drawer.waitFor({state: 'hidden'});
    await expect.poll(focusedName, {timeout: 10_000}).toBe('Servers and rooms');
    await expect.poll(() => menu.getAttribute('aria-expanded')).toBe('false');

    // A click on the scrim (right of the panel) closes it.
    await menu.click();
    await drawer.waitFor();
    await page.mouse.click(375, 700);
    await drawer.waitFor({state: 'hidden'});

    // The close button closes it.
    await menu.click();
    await drawer.getByRole('button', {name: 'Close servers and rooms'}).click();
    await drawer.waitFor({state: 'hidden'});

    // Creating a room from the drawer opens that room and closes the drawer.
    await menu.click();
    await createRoom(page, 'random', {from: drawer});
    await drawer.waitFor({state: 'hidden'});

    // Choosing a room closes it.
    await menu.click();
    await drawer.getByRole('link', {name: /general/}).click();
    await page.getByRole('heading', {name: 'general'}).waitFor();
    await drawer.waitFor({state: 'hidden'});

    // The member list is a drawer from the other side, with the same closing rules.
    const membersButton = page.getByRole('button', {name: 'Members', exact: true});
    const members = page.getByRole('dialog', {name: 'Members'});
    await membersButton.click();
    await members.getByText('pia').waitFor();
    await expect.poll(focusInDrawer, {timeout: 10_000}).toBe(true);
    await page.keyboard.press('Escape');
    await members.waitFor({state: 'hidden'});
    await expect.poll(focusedName, {timeout: 10_000}).toBe('Members');
    await membersButton.click();
    await page.mouse.click(15, 700);
    await members.waitFor({state: 'hidden'});

    // The composer stays in view when the visible height shrinks (as for an on-screen keyboard).
    await page.setViewportSize({width: 390, height: 420});
    const composer = page.getByRole('textbox', {name: 'Message #general'});
    await expect
      .poll(async () => {
        const box = await composer.boundingBox();
        return box ? box.y + box.height <= 420 && box.y > 0 : false;
      })
      .toBe(true);

    // On a desktop nothing is a drawer: the rail and the room list sit beside the room.
    await page.setViewportSize({width: 1440, height: 900});
    await page.getByRole('navigation', {name: 'Servers'}).waitFor();
    await page.getByRole('complementary', {name: 'Rooms'}).waitFor();
    await page.getByRole('complementary', {name: 'Members'}).waitFor();
    expect(await menu.isVisible()).toBe(false);
    expect(await membersButton.count()).toBe(0);
  });

  it('after signing in on a phone, lands on the room last open on this device, or the room list', async () => {
    const page = await suite.signUp('lena', {viewport: {width: 390, height: 844}});
    await createServer(page, 'Landing');
    // A new server opens its room list on a phone: never an empty pane.
    await page.getByRole('button', {name: 'Servers and rooms', exact: true}).click();
    const drawer = page.getByRole('dialog', {name: 'Servers and rooms'});
    await createRoom(page, 'standup', {from: drawer});
    await page.getByRole('button', {name: 'Sign out'}).click();
    await page.getByRole('heading', {name: 'Sign in'}).waitFor();
    await signIn(page, suite.stack.url, 'lena@example.test', 'correct horse battery');
    await page.getByRole('heading', {name: 'standup'}).waitFor();
    expect(new URL(page.url()).pathname).toMatch(/^\/servers\/[^/]+\/rooms\/[^/]+$/);
  });
});
