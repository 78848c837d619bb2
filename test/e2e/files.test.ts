import type {Page} from 'playwright-core';
import sharp from 'sharp';
import {describe, expect, it} from 'vitest';
import {createServer, joinServer, signUpAndVerify} from '../people.ts';
import {browserSuite} from '../suite.ts';

// Issue 19's acceptance in a browser: an image dragged into the composer
// uploads with its progress, is sent, and the other person sees its thumbnail
// live and opens the full image in the lightbox.

const message = (page: Page, text: string) =>
  page.getByRole('feed', {name: 'Messages'}).locator('article').filter({hasText: text});

/** A photo-like PNG (noise does not compress): about 3 MB, 1200×900, so its upload takes a moment. */
async function photo(): Promise<Buffer> {
  const width = 1200;
  const height = 900;
  const pixels = Buffer.alloc(width * height * 3);
  for (let i = 0; i < pixels.length; i++) pixels[i] = (i * 2654435761) >>> 24;
  return sharp(pixels, {raw: {width, height, channels: 3}})
    .png({compressionLevel: 0})
    .toBuffer();
}

/** Drops `file` on the element the way a file manager's drag does: dragenter, dragover, drop. */
async function dropFile(
  page: Page,
  selector: string,
  file: {name: string; type: string; bytes: Buffer},
  whileOver?: () => Promise<void>,
) {
  const dataTransfer = await page.evaluateHandle(
    ({name, type, base64}) => {
      const bytes = Uint8Array.from(atob(base64), c => c.charCodeAt(0));
      const dt = new DataTransfer();
      dt.items.add(new File([bytes], name, {type}));
      return dt;
    },
    {name: file.name, type: file.type, base64: file.bytes.toString('base64')},
  );
  for (const type of ['dragenter', 'dragover', 'drop']) {
    if (type === 'drop') await whileOver?.();
    await page.locator(selector).dispatchEvent(type, {dataTransfer});
  }
}

describe('files in a room, live', () => {
  const suite = browserSuite();

  it('[FL1][FL3][FL5] an image dropped in the composer uploads with progress; the other person sees its thumbnail and opens it', async () => {
    const ana = await suite.newPage();
    const ben = await suite.newPage();
    await signUpAndVerify(ana, suite.stack.url, suite.stack.sesURL!, 'ana');
    const code = await createServer(ana, 'Team');
    await signUpAndVerify(ben, suite.stack.url, suite.stack.sesURL!, 'ben');
    await joinServer(ben, code);
    await ben.getByRole('heading', {name: 'general'}).waitFor();

    // Slow uploads down (1 MB/s) so the progress can be seen.
    const cdp = await ana.context().newCDPSession(ana);
    await cdp.send('Network.enable');
    await cdp.send('Network.emulateNetworkConditions', {
      offline: false,
      latency: 0,
      downloadThroughput: -1,
      uploadThroughput: 1024 * 1024,
    });

    const editor = ana.getByRole('textbox', {name: 'Message #general'});
    await editor.click();
    const bytes = await photo();
    // Held over the composer, inside the room's drop area: one hint, the composer's.
    await dropFile(
      ana,
      '[aria-label="Message #general"]',
      {name: 'sunset.png', type: 'image/png', bytes},
      async () => expect(await ana.getByText('Drop files to attach them').count()).toBe(1),
    );

    const tray = ana.getByRole('list', {name: 'Files to send'});
    const item = tray.getByRole('listitem', {name: 'sunset.png'});
    await item.waitFor();
    const progress = item.getByRole('progressbar', {name: 'Upload of sunset.png'});
    await expect
      .poll(async () => Number((await progress.getAttribute('aria-valuenow', {timeout: 1000})) ?? 0), {
        timeout: 10_000,
      })
      .toBeGreaterThan(0);
    await item.getByText('Ready to send').waitFor({timeout: 20_000});
    await cdp.send('Network.emulateNetworkConditions', {
      offline: false,
      latency: 0,
      downloadThroughput: -1,
      uploadThroughput: -1,
    });

    await ana.keyboard.type('The view from here');
    await ana.keyboard.press('Enter');
    await tray.waitFor({state: 'detached'});

    // Ben sees it live: first the space reserved, then the thumbnail (a WebP made by the job).
    const thumbnail = message(ben, 'The view from here').getByRole('img', {name: 'Image: sunset.png'});
    await thumbnail.waitFor({timeout: 30_000});
    await expect
      .poll(() => thumbnail.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth), {
        timeout: 30_000,
      })
      .toBe(480);
    expect(await thumbnail.getAttribute('src')).toContain('thumbs');
    const box = await thumbnail.boundingBox();
    expect(box).toMatchObject({width: 320, height: 240});

    // The lightbox: the full image; Esc closes it and focus returns to the image.
    await message(ben, 'The view from here').getByRole('button', {name: 'Open sunset.png'}).click();
    const lightbox = ben.getByRole('dialog', {name: 'Image sunset.png'});
    const full = lightbox.getByRole('img', {name: 'sunset.png'});
    await expect
      .poll(() => full.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth), {
        timeout: 20_000,
      })
      .toBe(1200);
    await ben.keyboard.press('Escape');
    await lightbox.waitFor({state: 'hidden'});
    expect(await ben.evaluate(() => document.activeElement?.getAttribute('aria-label'))).toBe(
      'Open sunset.png',
    );

    // has:file finds it.
    await ben.getByRole('link', {name: 'Search messages'}).click();
    await ben.getByRole('searchbox', {name: 'Search messages'}).fill('has:file');
    await ben
      .getByRole('list', {name: 'Search results'})
      .getByRole('link', {name: /The view from here/})
      .waitFor();
  });

  it('[FL7] a file being scanned shows as such with nothing to open, turns ready live, and an infected one says what was found', async () => {
    const ana = await suite.newPage();
    const ben = await suite.newPage();
    await signUpAndVerify(ana, suite.stack.url, suite.stack.sesURL!, 'cleo');
    const code = await createServer(ana, 'Scanned');
    await signUpAndVerify(ben, suite.stack.url, suite.stack.sesURL!, 'dan');
    await joinServer(ben, code);
    await ben.getByRole('heading', {name: 'general'}).waitFor();
    const bytes = await sharp({create: {width: 64, height: 48, channels: 3, background: '#3a7'}})
      .png()
      .toBuffer();
    // The stack has no clamd: the rows are set the way the scan job sets them (api/src/files/scan.ts).
    const setStatus = (name: string, status: string, finding: string | null = null) =>
      suite.stack.deps.pool.query(
        `UPDATE files SET status = $2, scan_finding = $3 WHERE file_name = $1 AND message_id IS NOT NULL`,
        [name, status, finding],
      );
    const attached = async (name: string) =>
      (
        await suite.stack.deps.pool.query(
          `SELECT 1 FROM files WHERE file_name = $1 AND message_id IS NOT NULL`,
          [name],
        )
      ).rowCount;

    for (const [name, text] of [
      ['clean.png', 'Checked and clean'],
      ['bad.png', 'Checked and bad'],
    ] as const) {
      await ana.getByRole('textbox', {name: 'Message #general'}).click();
      await dropFile(ana, '[aria-label="Message #general"]', {name, type: 'image/png', bytes});
      await ana
        .getByRole('list', {name: 'Files to send'})
        .getByText('Ready to send')
        .waitFor({timeout: 20_000});
      await ana.keyboard.type(text);
      await ana.keyboard.press('Enter');
      await expect.poll(() => attached(name), {timeout: 30_000}).toBe(1);
      await setStatus(name, 'scanning');
      for (const page of [ana, ben]) {
        await message(page, text)
          .getByRole('status')
          .filter({hasText: 'Checking for viruses…'})
          .waitFor({timeout: 30_000});
        expect(
          await message(page, text)
            .getByRole('button', {name: `Open ${name}`})
            .count(),
        ).toBe(0);
      }
      // Whoever sent it sees their own image meanwhile, from their device's
      // bytes; the others a placeholder, as nothing is served before the scan.
      await message(ana, text).locator('img[src^="blob:"]').waitFor();
      expect(await message(ben, text).locator('img[src^="blob:"], img[src*="/files/"]').count()).toBe(0);
    }

    await setStatus('clean.png', 'ready');
    await message(ben, 'Checked and clean')
      .getByRole('button', {name: 'Open clean.png'})
      .waitFor({timeout: 30_000});
    expect(await message(ben, 'Checked and clean').getByText('Checking for viruses…').count()).toBe(0);

    await setStatus('bad.png', 'infected', 'Eicar-Test-Signature');
    const notice = (page: Page) => message(page, 'Checked and bad').getByRole('note', {name: 'bad.png'});
    await notice(ben)
      .getByText('A virus scanner found Eicar-Test-Signature in this file')
      .waitFor({timeout: 30_000});
    await notice(ben).getByText('Ask whoever shared it to check their computer.').waitFor();
    await notice(ana).getByText('Nobody can download it.', {exact: false}).waitFor({timeout: 30_000});
    expect(
      await message(ben, 'Checked and bad')
        .getByRole('button', {name: /Download|Open/})
        .count(),
    ).toBe(0);
  });
});
