import {AxeBuilder} from '@axe-core/playwright';
import type {Page} from 'playwright-core';
import {describe, expect, it} from 'vitest';
import {createServer, joinServer, signUpAndVerify} from '../people.ts';
import {browserSuite} from '../suite.ts';

/** Serious and critical axe violations on the page, as readable lines. */
async function violations(page: Page): Promise<string[]> {
  const result = await new AxeBuilder({page})
    .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'])
    .analyze();
  return result.violations
    .filter(v => v.impact === 'serious' || v.impact === 'critical')
    .map(
      v =>
        `${v.id} (${v.impact}): ${v.help} — ${v.nodes
          .map(n => n.target.join(' '))
          .slice(0, 3)
          .join(', ')}`,
    );
}

describe('accessibility (axe: no serious or critical violations)', () => {
  const suite = browserSuite();

  for (const scheme of ['light', 'dark'] as const) {
    it(`sign-in, sign-up, a room, a thread, server settings, user settings, agents and friends (${scheme})`, async () => {
      const page = await suite.newPage({colorScheme: scheme});
      const found: Record<string, string[]> = {};
      await page.goto(`${suite.stack.url}/sign-in`);
      await page.getByRole('heading', {name: 'Sign in'}).waitFor();
      found['sign-in'] = await violations(page);
      await page.goto(`${suite.stack.url}/sign-up`);
      await page.getByRole('heading', {name: 'Create your account'}).waitFor();
      found['sign-up'] = await violations(page);

      await signUpAndVerify(page, suite.stack.url, suite.stack.sesURL!, `axe_${scheme}`);
      await createServer(page, 'Axe Team');
      const editor = page.getByRole('textbox', {name: 'Message #general'});
      await editor.click();
      await page.keyboard.type('Hello **there**, @axe_' + scheme);
      // With the mention list open, Enter picks the name; the next one sends.
      await page.keyboard.press('Enter');
      await page.keyboard.press('Enter');
      const message = page.getByRole('feed', {name: 'Messages'}).locator('article').first();
      await message.waitFor();
      found['room'] = await violations(page);

      // On a phone, with the rooms drawer open.
      const desktop = page.viewportSize();
      await page.setViewportSize({width: 390, height: 844});
      await page.getByRole('button', {name: 'Servers and rooms', exact: true}).click();
      await page
        .getByRole('dialog', {name: 'Servers and rooms'})
        .getByRole('link', {name: /general/})
        .waitFor();
      found['phone rooms drawer'] = await violations(page);
      await page.keyboard.press('Escape');
      await page.getByRole('dialog', {name: 'Servers and rooms'}).waitFor({state: 'hidden'});
      if (desktop) await page.setViewportSize(desktop);

      await message.hover();
      await page.getByRole('button', {name: 'Reply in thread'}).click();
      await page.getByRole('complementary', {name: 'Thread'}).waitFor();
      found['thread'] = await violations(page);

      await page.getByRole('link', {name: 'Server settings'}).click();
      await page.getByRole('heading', {name: /settings/}).waitFor();
      found['server settings'] = await violations(page);

      await page.goto(`${suite.stack.url}/settings`);
      await page
        .getByRole('heading', {name: /Settings|Profile/})
        .first()
        .waitFor();
      found['user settings'] = await violations(page);

      await page.goto(`${suite.stack.url}/settings/agents`);
      await page.getByText('You have no agents yet.', {exact: false}).waitFor();
      await page.getByRole('button', {name: 'Create an agent'}).click();
      const create = page.getByRole('dialog', {name: 'Create an agent'});
      await create.getByRole('textbox', {name: 'Name'}).fill('bad name!');
      await create.getByRole('button', {name: 'Create agent'}).click();
      await create.getByText(/Use 2–32 letters/).waitFor();
      found['create agent dialog'] = await violations(page);
      await create.getByRole('textbox', {name: 'Name'}).fill(`axebot_${scheme}`);
      await create.getByRole('textbox', {name: 'Webhook URL'}).fill('http://127.0.0.1:9/hook');
      await create.getByRole('button', {name: 'Create agent'}).click();
      const secrets = page.getByRole('dialog', {name: `axebot_${scheme} is ready`});
      await secrets.getByRole('button', {name: 'Copy the API key'}).waitFor();
      found['agent key shown once'] = await violations(page);
      await secrets.getByRole('button', {name: 'I have saved it'}).click();
      await page.getByRole('link', {name: `Manage axebot_${scheme}`}).click();
      await page.getByText('No calls yet.').waitFor();
      await page.getByText('No failed deliveries.').waitFor();
      found['agent page'] = await violations(page);

      await page.goto(`${suite.stack.url}/friends`);
      await page.getByRole('heading', {name: 'Friends'}).waitFor();
      await page.getByText('No friends yet').waitFor();
      found['friends'] = await violations(page);
      await page.getByRole('tab', {name: 'Add friend'}).click();
      await page.getByRole('textbox', {name: 'Username'}).waitFor();
      found['add friend'] = await violations(page);
      await page.getByRole('button', {name: 'New group message'}).click();
      await page.getByRole('dialog', {name: 'New group message'}).getByText('No friends to choose').waitFor();
      found['new group dialog'] = await violations(page);
      await page.keyboard.press('Escape');

      // A direct conversation (with a server member: no friendship needed, DM1).
      const other = await suite.newPage({colorScheme: scheme});
      await signUpAndVerify(other, suite.stack.url, suite.stack.sesURL!, `axe_dm_${scheme}`);
      const code = await page.evaluate(async () => {
        const {accessToken} = (await (await fetch('/api/v1/auth/refresh', {method: 'POST'})).json()) as {
          accessToken: string;
        };
        const servers = (await (
          await fetch('/api/v1/servers', {headers: {authorization: `Bearer ${accessToken}`}})
        ).json()) as {servers: {accessCode: string}[]};
        return servers.servers[0]!.accessCode;
      });
      await joinServer(other, code);
      await other.getByRole('heading', {name: 'general'}).waitFor();
      await other
        .getByRole('button', {name: 'Profile of axe_' + scheme})
        .first()
        .click();
      await other.getByRole('button', {name: 'Message'}).click();
      const box = other.getByRole('textbox', {name: 'Message @axe_' + scheme});
      await box.click();
      await other.keyboard.type('Hello in a **DM**');
      await other.keyboard.press('Enter');
      await other.getByRole('feed', {name: 'Messages'}).locator('article').first().waitFor();
      found['direct message'] = await violations(other);
      await other.getByRole('link', {name: 'Search the conversation with axe_' + scheme}).click();
      await other.keyboard.type('Hello');
      await other.getByRole('list', {name: 'Search results'}).waitFor();
      found['direct message search'] = await violations(other);

      expect(found).toEqual({
        'sign-in': [],
        'sign-up': [],
        room: [],
        'phone rooms drawer': [],
        thread: [],
        'server settings': [],
        'user settings': [],
        'create agent dialog': [],
        'agent key shown once': [],
        'agent page': [],
        friends: [],
        'add friend': [],
        'new group dialog': [],
        'direct message': [],
        'direct message search': [],
      });
    });
  }
});
