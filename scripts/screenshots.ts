import {mkdir} from 'node:fs/promises';
import {launchChromium} from '../test/browser.ts';
import {startTestStack, verificationLink} from '../test/stack.ts';

/**
 * `npm run screenshots`: starts a throwaway stack, walks a new user through
 * sign-up to a conversation, and saves the main screens to screenshots/ at a
 * phone and a desktop size, light and dark, for a reviewer to look at.
 */
const stack = await startTestStack();
const browser = await launchChromium();
await mkdir('screenshots', {recursive: true});
try {
  for (const scheme of ['light', 'dark'] as const) {
    for (const [label, viewport] of [
      ['desktop', {width: 1440, height: 900}],
      ['phone', {width: 390, height: 844}],
    ] as const) {
      const page = await (await browser.newContext({viewport, colorScheme: scheme})).newPage();
      const name = `${label}-${scheme}`;
      const username = `shot_${name.replace('-', '_')}`;
      await page.goto(`${stack.url}/sign-up`);
      await page.screenshot({path: `screenshots/${name}-sign-up.png`});
      await page.getByLabel('Username').fill(username);
      await page.getByLabel('Email').fill(`${username}@example.test`);
      await page.getByLabel('Password').fill('correct horse battery');
      await page.getByRole('button', {name: 'Create account'}).click();
      await page.getByRole('heading', {name: 'Welcome to Chorus'}).waitFor();
      await page.screenshot({path: `screenshots/${name}-welcome.png`});
      await page.goto(await verificationLink(stack.sesURL!, `${username}@example.test`));
      await page.getByRole('link', {name: 'Continue to Chorus'}).click();
      await page.getByRole('button', {name: 'Create a server'}).first().click();
      await page.getByLabel('Server name').fill('Design Team');
      await page.getByRole('button', {name: 'Create server'}).click();
      await page.getByRole('heading', {name: 'general'}).waitFor();
      for (const text of [
        'Morning all! Standup in 10.',
        'The new mockups are in the shared folder.\nFeedback welcome.',
      ]) {
        await page.getByRole('textbox', {name: 'Message #general'}).fill(text);
        await page.keyboard.press('Enter');
      }
      await page.waitForTimeout(500);
      await page.screenshot({path: `screenshots/${name}-room.png`});
      await page.context().close();
    }
  }
  console.log('screenshots written to screenshots/');
} finally {
  await browser.close();
  await stack.dispose();
}
