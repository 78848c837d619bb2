import {mkdir} from 'node:fs/promises';
import type {Page} from 'playwright-core';
import {launchChromium} from '../test/browser.ts';
import {createServer, signUpAndVerify} from '../test/people.ts';
import {startTestStack} from '../test/stack.ts';

/**
 * `npm run screenshots`: starts a throwaway stack, walks through the main
 * screens and saves them to screenshots/ at a phone (390×844) and a desktop
 * (1440×900) size, light and dark, for a reviewer to look at.
 */
const stack = await startTestStack();
const browser = await launchChromium();
await mkdir('screenshots', {recursive: true});

async function shot(page: Page, name: string) {
  await page.waitForTimeout(400);
  await page.screenshot({path: `screenshots/${name}.png`});
  console.log(`screenshots/${name}.png`);
}

/** A formatted message, as an integration posts it through the REST API. */
const RELEASE_NOTES = [
  '**Release 1.4** is out:',
  '',
  '- [x] offline drafts',
  '- [ ] agent webhooks',
  '',
  '| metric | before | after |',
  '| :-- | --: | --: |',
  '| p50 | 21 ms | 15 ms |',
  '',
  '```ts',
  'const room = await zero.run(queries.room({id}));',
  '```',
].join('\n');

async function postByAPI(page: Page, content: string) {
  const roomId = /\/rooms\/([^/?#]+)/.exec(page.url())?.[1];
  const status = await page.evaluate(
    async ({roomId, content}) => {
      const {accessToken} = (await (await fetch('/api/v1/auth/refresh', {method: 'POST'})).json()) as {
        accessToken: string;
      };
      const res = await fetch('/api/v1/messages', {
        method: 'POST',
        headers: {authorization: `Bearer ${accessToken}`, 'content-type': 'application/json'},
        body: JSON.stringify({roomId, content}),
      });
      return res.status;
    },
    {roomId, content},
  );
  if (status !== 201) throw new Error(`posting the release notes answered ${status}`);
  await page.getByText('Release 1.4').waitFor();
}

async function say(page: Page, box: string, text: string) {
  await page.getByRole('textbox', {name: box}).click();
  const lines = text.split('\n');
  for (const [i, line] of lines.entries()) {
    if (i > 0) await page.keyboard.press('Shift+Enter');
    await page.keyboard.type(line);
  }
  await page.keyboard.press('Enter');
}

try {
  for (const scheme of ['light', 'dark'] as const) {
    for (const [size, viewport] of [
      ['desktop', {width: 1440, height: 900}],
      ['phone', {width: 390, height: 844}],
    ] as const) {
      const page = await (await browser.newContext({viewport, colorScheme: scheme})).newPage();
      const name = (screen: string) => `${size}-${scheme}-${screen}`;
      const username = `${size}_${scheme}`;
      await page.goto(`${stack.url}/sign-in`);
      await shot(page, name('sign-in'));
      await page.goto(`${stack.url}/sign-up`);
      await shot(page, name('sign-up'));
      await signUpAndVerify(page, stack.url, stack.sesURL!, username);
      await shot(page, name('welcome'));
      await createServer(page, 'Design Team');
      await say(page, 'Message #general', 'Morning all! Standup in **10 minutes**.');
      await say(
        page,
        'Message #general',
        `The mockups are in the shared folder, @${username} can you review?`,
      );
      await say(page, 'Message #general', 'Deploy checklist: tests green, then `npm run bench` figures');
      // Typed Markdown, as people type it: a quote, strike, a spoiler and a link.
      await say(
        page,
        'Message #general',
        '> ship it on Friday\n~~Thursday~~ Friday, and ||cake after|| — see [the plan](https://example.com/plan)',
      );
      await postByAPI(page, RELEASE_NOTES);
      const first = page.getByRole('feed', {name: 'Messages'}).locator('article').first();
      await first.hover();
      await page.getByRole('button', {name: 'Reply in thread'}).click();
      await say(page, 'Reply in thread', 'On my way 🏃');
      await shot(page, name('room-thread'));
      await page.getByRole('button', {name: 'Close thread'}).click();
      await shot(page, name('room'));
      // A profile card (a sheet on phones), from a name in the feed.
      await page
        .getByRole('feed', {name: 'Messages'})
        .getByRole('button', {name: `Profile of ${username}`})
        .first()
        .click();
      await page.getByRole('dialog', {name: username}).waitFor();
      await shot(page, name('profile-card'));
      await page.keyboard.press('Escape');
      await page.getByRole('dialog', {name: username}).waitFor({state: 'hidden'});
      if (size === 'phone') {
        await page.getByRole('button', {name: 'Servers and rooms', exact: true}).click();
        await page.getByRole('dialog', {name: 'Servers and rooms'}).waitFor();
        await shot(page, name('room-drawer'));
        await page.keyboard.press('Escape');
        await page.getByRole('button', {name: 'Members', exact: true}).click();
        await page.getByRole('dialog', {name: 'Members'}).waitFor();
        await shot(page, name('members-drawer'));
        await page.keyboard.press('Escape');
      }
      await page.goto(`${page.url().replace(/\/rooms\/.*/, '')}/settings`);
      await page.getByRole('heading', {name: /settings/}).waitFor();
      await shot(page, name('server-settings'));
      await page.goto(`${stack.url}/settings/profile`);
      await shot(page, name('user-settings'));
      await page.goto(`${stack.url}/friends`);
      await page.getByRole('heading', {name: 'Friends'}).waitFor();
      await shot(page, name('friends'));
      await page.context().close();
    }
  }
} finally {
  await browser.close();
  await stack.dispose();
}
