/// <reference lib="dom" />
import * as chromeLauncher from 'chrome-launcher';
import lighthouse, {desktopConfig} from 'lighthouse';
import {chromium} from 'playwright-core';
import {createServer, signUpAndVerify} from '../test/people.ts';
import {startTestStack} from '../test/stack.ts';

/**
 * `npm run lighthouse`: starts a throwaway stack, runs Lighthouse in Debian's
 * headless Chromium (mobile and desktop presets) against the sign-in page
 * (what a new visitor loads first), then signs someone up and scores a room
 * as they reload it (their session cookie and local replica kept, HTTP cache
 * and service worker cleared: Lighthouse's default), and prints the category
 * scores and the main timings. Lighthouse 12 dropped its PWA
 * category, so installability comes from Chromium itself
 * (`Page.getInstallabilityErrors`, what its install prompt goes by).
 * Not part of `npm test`: scores on a shared 2-core machine vary.
 */
const chromePath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const stack = await startTestStack();
const chrome = await chromeLauncher.launch({
  chromePath,
  chromeFlags: [
    '--headless=new',
    '--no-sandbox',
    '--disable-gpu',
    '--disable-dev-shm-usage',
    '--disable-background-networking',
    '--disable-component-update',
    '--no-first-run',
  ],
});

const percent = (score: number | null | undefined) => (score == null ? '–' : String(Math.round(score * 100)));

/** Scores `url` with both presets and prints what costs points. */
async function score(url: string): Promise<void> {
  for (const [preset, config] of [
    ['mobile', undefined],
    ['desktop', desktopConfig],
  ] as const) {
    const result = await lighthouse(url, {port: chrome.port, output: 'json', logLevel: 'error'}, config);
    if (!result) throw new Error('Lighthouse returned nothing');
    const {categories, audits} = result.lhr;
    console.log(`\nLighthouse ${result.lhr.lighthouseVersion}, ${preset}, ${url}`);
    for (const category of Object.values(categories)) {
      // What costs points, outside performance (whose timings follow).
      const failing = category.auditRefs
        .filter(ref => ref.weight > 0 && category.id !== 'performance')
        .filter(ref => (audits[ref.id]?.score ?? 1) < 1)
        .map(ref => ref.id);
      console.log(
        `  ${category.title.padEnd(16)} ${percent(category.score)}${failing.length ? `  (${failing.join(', ')})` : ''}`,
      );
    }
    for (const id of [
      'first-contentful-paint',
      'largest-contentful-paint',
      'total-blocking-time',
      'cumulative-layout-shift',
      'speed-index',
    ]) {
      console.log(`  ${(audits[id]?.title ?? id).padEnd(26)} ${audits[id]?.displayValue ?? '–'}`);
    }
    // Where the main thread went (what Total Blocking Time is made of).
    const work = audits['mainthread-work-breakdown']?.details;
    if (work?.type === 'table') {
      const groups = (work.items as {groupLabel?: string; duration?: number}[])
        .slice(0, 4)
        .map(i => `${i.groupLabel} ${Math.round(i.duration ?? 0)} ms`);
      console.log(`  Main thread: ${groups.join(', ')}`);
    }
  }
}

try {
  const url = `${stack.url}/sign-in`;
  await score(url);

  // Chromium's own installability check, after the service worker has taken over.
  const browser = await chromium.connectOverCDP(`http://127.0.0.1:${chrome.port}`);
  const context = browser.contexts()[0] ?? (await browser.newContext());
  const page = await context.newPage();
  await page.goto(url);
  await page.evaluate(async () => {
    await navigator.serviceWorker.ready;
  });
  const cdp = await context.newCDPSession(page);
  const {installabilityErrors} = await cdp.send('Page.getInstallabilityErrors');
  const {url: manifestURL, errors: manifestErrors} = await cdp.send('Page.getAppManifest');
  console.log(`\nInstallability (Chromium ${browser.version()})`);
  console.log(
    `  manifest ${manifestURL}: ${manifestErrors.length ? JSON.stringify(manifestErrors) : 'no errors'}`,
  );
  console.log(
    `  ${installabilityErrors.length ? `not installable: ${JSON.stringify(installabilityErrors)}` : 'installable'}`,
  );

  // A signed-in person's room, with a screenful of messages.
  if (!stack.sesURL) throw new Error('the test stack has no local SES');
  await signUpAndVerify(page, stack.url, stack.sesURL, 'lighthouse');
  await createServer(page, 'Lighthouse');
  const composer = page.getByRole('textbox', {name: 'Message #general'});
  for (let i = 1; i <= 20; i++) {
    const text = `Message number ${i}, the quick brown fox jumps over the lazy dog.`;
    await composer.fill(text);
    await composer.press('Enter');
    await page.getByText(text).waitFor();
  }
  const roomURL = page.url();
  await page.close();
  await score(roomURL);
  await browser.close();
} finally {
  chrome.kill();
  await stack.dispose();
}
