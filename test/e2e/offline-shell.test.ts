/// <reference lib="dom" />
// (The page-side callbacks below use service worker and IndexedDB types.)
import pg from 'pg';
import type {BrowserContext, Page} from 'playwright-core';
import {describe, expect, it} from 'vitest';
import {deployProxy} from '../deploy-proxy.ts';
import {createServer, joinServer, signUpAndVerify} from '../people.ts';
import {serviceWorkerControls} from '../offline.ts';
import {browserSuite} from '../suite.ts';

/** Sends a message from the open room's composer and waits for it in the list. */
async function say(page: Page, room: string, text: string): Promise<void> {
  await page.getByRole('textbox', {name: `Message #${room}`}).fill(text);
  await page.keyboard.press('Enter');
  await page.getByRole('feed', {name: 'Messages'}).getByText(text).waitFor();
}

const connection = (page: Page) => page.locator('footer [role="status"]');

describe('the app with no network', () => {
  const suite = browserSuite();

  it('[OF1] boots on every client route with no network, as the last person signed in, showing what the replica has', async () => {
    const alice = await suite.signUp('alice');
    const code = await createServer(alice, 'Offline Club');
    const roomURL = alice.url();
    await say(alice, 'general', 'Written before the outage');
    await connection(alice).filter({hasText: 'Connected'}).waitFor();
    await serviceWorkerControls(alice);

    const bob = await suite.signUp('bob');
    await joinServer(bob, code);
    await bob.getByRole('heading', {name: 'general'}).waitFor();

    await alice.context().setOffline(true);
    await alice.reload();
    await alice.getByRole('heading', {name: 'general'}).waitFor();
    await alice.getByRole('feed', {name: 'Messages'}).getByText('Written before the outage').waitFor();
    await expect.poll(() => connection(alice).getAttribute('data-state')).toBe('offline');
    await connection(alice)
      .filter({hasText: /^Offline/})
      .waitFor();
    await expect.poll(() => alice.getByLabel('Signed in as').textContent()).toBe('alice');

    // Another client route, loaded fresh with no network, and back.
    await alice.goto(`${suite.stack.url}/settings`);
    await alice.getByRole('heading', {name: 'Settings'}).waitFor();
    await alice.goto(roomURL);
    await alice.getByRole('feed', {name: 'Messages'}).getByText('Written before the outage').waitFor();
    // Nothing under /api is answered from a cache.
    const api = await alice.evaluate(() =>
      fetch('/api/v1/client-config').then(
        res => res.status,
        () => 'unreachable',
      ),
    );
    expect(api).toBe('unreachable');

    await say(bob, 'general', 'Said while Alice was away');
    await alice.context().setOffline(false);
    await connection(alice).filter({hasText: 'Connected'}).waitFor({timeout: 30_000});
    await alice.getByRole('feed', {name: 'Messages'}).getByText('Said while Alice was away').waitFor();
  });

  it('[OF2] keeps no token on the device; a session revoked while offline signs out on reconnect and says why', async () => {
    const carol = await suite.newPage();
    const tokens: string[] = [];
    carol.on('response', async res => {
      if (!/\/api\/v1\/auth\/(login|refresh)$/.test(res.url()) || !res.ok()) return;
      const body = (await res.json().catch(() => ({}))) as {accessToken?: string};
      if (body.accessToken) tokens.push(body.accessToken);
    });
    await signUpAndVerify(carol, suite.stack.url, suite.stack.sesURL!, 'carol');
    await createServer(carol, 'Carol’s');
    await serviceWorkerControls(carol);

    expect(tokens.length).toBeGreaterThan(0);
    const stored = await carol.evaluate(() => JSON.stringify({...localStorage, ...sessionStorage}));
    for (const token of tokens) expect(stored).not.toContain(token);
    expect(stored).not.toMatch(/eyJ[\w-]+\.[\w-]+\./);
    expect(stored).toContain('carol');

    await carol.context().setOffline(true);
    await carol.reload();
    await carol.getByRole('heading', {name: 'general'}).waitFor();

    // Signed out everywhere, from another device, while this one is offline.
    const login = await fetch(`${suite.stack.url}/api/v1/auth/login`, {
      method: 'POST',
      headers: {'content-type': 'application/json'},
      body: JSON.stringify({email: 'carol@example.test', password: 'correct horse battery'}),
    });
    const {accessToken} = (await login.json()) as {accessToken: string};
    const revoke = await fetch(`${suite.stack.url}/api/v1/auth/sessions`, {
      method: 'DELETE',
      headers: {authorization: `Bearer ${accessToken}`},
    });
    expect(revoke.status).toBe(204);

    await carol.context().setOffline(false);
    await carol.getByRole('heading', {name: 'Sign in'}).waitFor({timeout: 30_000});
    await carol.getByText(/Your session has ended/).waitFor();
    expect(await carol.evaluate(() => localStorage.getItem('chorus-last-user'))).toBeNull();
  });

  it('[OF3] replays the outbox through REST with Background Sync after the tab is closed, once', async () => {
    const dave = await suite.signUp('dave');
    await createServer(dave, 'Sync Club');
    await connection(dave).filter({hasText: 'Connected'}).waitFor();
    await serviceWorkerControls(dave);
    const context = dave.context();

    await context.setOffline(true);
    // Zero's socket outlives network emulation for a few seconds: wait until it is down.
    await expect.poll(() => connection(dave).getAttribute('data-state'), {timeout: 30_000}).toBe('offline');
    await dave.getByRole('textbox', {name: 'Message #general'}).fill('Sent after the tab was closed');
    await dave.keyboard.press('Enter');
    await dave.getByRole('feed', {name: 'Messages'}).getByText('Sent after the tab was closed').waitFor();
    await expect.poll(() => pendingInOutbox(dave)).toBeGreaterThan(0);
    // What the outbox asks for when the page is hidden with writes pending.
    await dave.evaluate(async () => {
      const registration = (await navigator.serviceWorker.ready) as ServiceWorkerRegistration & {
        sync: {register(tag: string): Promise<void>};
      };
      await registration.sync.register('chorus-outbox');
    });
    const blank = await context.newPage();
    await dave.close();

    const pool = new pg.Pool({connectionString: suite.stack.databaseURL, max: 1});
    try {
      const count = async () =>
        Number(
          (
            await pool.query<{n: string}>('SELECT count(*) AS n FROM messages WHERE content = $1', [
              'Sent after the tab was closed',
            ])
          ).rows[0]?.n,
        );
      // No tab is left to send it: only the service worker can.
      expect(await count()).toBe(0);
      await context.setOffline(false);
      // Chromium fires the sync when the network returns, and again with a
      // backoff after a try that failed (the worker may still have been offline
      // a moment longer than the page): here each of those is fired at once.
      await expect
        .poll(
          async () => {
            if ((await count()) === 0) await dispatchSync(context, blank, suite.stack.url);
            return count();
          },
          {timeout: 30_000, interval: 2_000},
        )
        .toBe(1);
      const again = await context.newPage();
      await again.goto(suite.stack.url);
      await again
        .getByRole('link', {name: /general/})
        .first()
        .click();
      await again.getByRole('feed', {name: 'Messages'}).getByText('Sent after the tab was closed').waitFor();
      await expect.poll(() => pendingInOutbox(again)).toBe(0);
      expect(await count()).toBe(1);
    } finally {
      await pool.end();
    }
  });

  it('[PWA1] is installable: a valid manifest with icons (maskable too), standalone, theme colours for light and dark', async () => {
    const {url} = suite.stack;
    const res = await fetch(`${url}/manifest.webmanifest`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^application\/manifest\+json/);
    const manifest = (await res.json()) as {
      name: string;
      short_name: string;
      start_url: string;
      scope: string;
      display: string;
      background_color: string;
      theme_color: string;
      icons: {src: string; sizes: string; type: string; purpose: string}[];
    };
    expect(manifest).toMatchObject({name: 'Chorus', short_name: 'Chorus', start_url: '/', scope: '/'});
    expect(manifest.display).toBe('standalone');
    expect(manifest.background_color).toMatch(/^#[0-9a-f]{6}$/);
    const icons = [...manifest.icons, {src: '/icons/apple-touch-icon.png', sizes: '180x180', purpose: 'any'}];
    for (const icon of icons) {
      const png = Buffer.from(await (await fetch(`${url}${icon.src}`)).arrayBuffer());
      // A PNG's IHDR holds its width and height right after the signature.
      expect(png.subarray(1, 4).toString('latin1'), icon.src).toBe('PNG');
      expect(`${png.readUInt32BE(16)}x${png.readUInt32BE(20)}`, icon.src).toBe(icon.sizes);
    }
    expect(manifest.icons.map(i => `${i.sizes} ${i.purpose}`)).toEqual(
      expect.arrayContaining(['192x192 any', '512x512 any', '512x512 maskable']),
    );
    const sw = await fetch(`${url}/sw.js`);
    expect(sw.headers.get('cache-control')).toBe('no-cache');

    const page = await suite.newPage();
    await page.goto(`${url}/sign-in`);
    await serviceWorkerControls(page);
    const themes = await page
      .locator('meta[name="theme-color"]')
      .evaluateAll(metas => metas.map(m => m.getAttribute('media')));
    expect(themes).toEqual(['(prefers-color-scheme: light)', '(prefers-color-scheme: dark)']);
    await expect.poll(() => page.locator('link[rel="apple-touch-icon"]').count()).toBe(1);
    // Chromium's own verdict, the one its install prompt goes by.
    const cdp = await page.context().newCDPSession(page);
    const {installabilityErrors} = await cdp.send('Page.getInstallabilityErrors');
    // Playwright's contexts are incognito-like; that says nothing about the app.
    expect(installabilityErrors.filter(e => e.errorId !== 'in-incognito')).toEqual([]);
  });

  it('[PWA1] offers "Update ready — Reload" when a new version is deployed, and reloads into it only when asked', async () => {
    const front = await deployProxy(suite.stack.url);
    try {
      const page = await suite.newPage();
      await page.goto(`${front.url}/sign-in`);
      await serviceWorkerControls(page);
      await page.getByRole('heading', {name: 'Sign in'}).waitFor();
      const firstWorker = await page.evaluate(() => navigator.serviceWorker.controller?.scriptURL);

      front.deploy();
      await page.evaluate(async () => {
        await (await navigator.serviceWorker.getRegistration())?.update();
      });
      const prompt = page.getByRole('status').filter({hasText: 'Update ready'});
      await prompt.waitFor({timeout: 20_000});
      await page.getByRole('textbox', {name: 'Email'}).fill('kept until I choose');
      await page.waitForTimeout(500);
      // Quiet: nothing reloads until the person chooses to.
      expect(await page.getByRole('textbox', {name: 'Email'}).inputValue()).toBe('kept until I choose');
      const waitingBefore = await page.evaluate(
        async () => (await navigator.serviceWorker.getRegistration())?.waiting !== null,
      );
      expect(waitingBefore).toBe(true);

      const reloaded = page.waitForEvent('load');
      await prompt.getByRole('button', {name: 'Reload'}).click();
      await reloaded;
      await page.getByRole('heading', {name: 'Sign in'}).waitFor();
      expect(await page.getByRole('textbox', {name: 'Email'}).inputValue()).toBe('');
      expect(await page.getByRole('status').filter({hasText: 'Update ready'}).count()).toBe(0);
      // The new worker took over; none is left waiting.
      const after = await page.evaluate(async () => {
        const registration = await navigator.serviceWorker.getRegistration();
        return {
          waiting: registration?.waiting ?? null,
          controlled: navigator.serviceWorker.controller !== null,
        };
      });
      expect(after).toEqual({waiting: null, controlled: true});
      expect(firstWorker).toBe(`${front.url}/sw.js`);
    } finally {
      await front.close();
    }
  });
});

/** Pending entries in this origin's outbox database. */
function pendingInOutbox(page: Page): Promise<number> {
  return page.evaluate(
    () =>
      new Promise<number>((resolve, reject) => {
        const open = indexedDB.open('chorus-outbox');
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const db = open.result;
          if (!db.objectStoreNames.contains('entries')) return resolve(0);
          const all = db.transaction('entries').objectStore('entries').getAll();
          all.onsuccess = () =>
            resolve((all.result as {state: string}[]).filter(e => e.state === 'pending').length);
          all.onerror = () => reject(all.error);
        };
      }),
  );
}

/** Fires the service worker's `chorus-outbox` sync now, as Chromium does when the network returns. */
async function dispatchSync(context: BrowserContext, page: Page, origin: string): Promise<void> {
  const cdp = await context.newCDPSession(page);
  const registrationID = new Promise<string>(resolve => {
    cdp.on('ServiceWorker.workerRegistrationUpdated', ({registrations}) => {
      const ours = registrations.find(r => r.scopeURL === `${origin}/` && !r.isDeleted);
      if (ours) resolve(ours.registrationId);
    });
  });
  await cdp.send('ServiceWorker.enable');
  await cdp.send('ServiceWorker.dispatchSyncEvent', {
    origin,
    registrationId: await registrationID,
    tag: 'chorus-outbox',
    lastChance: false,
  });
  await cdp.detach();
}
