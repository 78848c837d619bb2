import {readFile, writeFile} from 'node:fs/promises';
import {launchChromium} from '../test/browser.ts';

/**
 * `node scripts/make-icons.ts`: rasterises client/public/icons/chorus.svg (the
 * Chorus mark) into the PNGs the web manifest and iOS ask for. No network:
 * Chromium draws them. Run it again after changing the SVG and commit the PNGs.
 */
const dir = 'client/public/icons';
const source = await readFile(`${dir}/chorus.svg`, 'utf8');
const tile = '<rect width="512" height="512" rx="112" fill="url(#bg)"/>';
if (!source.includes(tile)) throw new Error(`chorus.svg no longer has its background tile: ${tile}`);

/**
 * A full-bleed square with the mark scaled about the centre. Maskable icons
 * are cropped to a circle of 80% of their width by some launchers, and iOS
 * rounds its own corners, so neither may rely on our rounded tile.
 */
function fullBleed(scale: number): string {
  const [head, marks] = source.split(tile) as [string, string];
  const body = marks.replace('</svg>', '');
  const shift = 256 * (1 - scale);
  return `${head}<rect width="512" height="512" fill="url(#bg)"/><g transform="translate(${shift} ${shift - 12 * scale}) scale(${scale})">${body}</g></svg>`;
}

const icons: {file: string; size: number; svg: string}[] = [
  {file: 'icon-192.png', size: 192, svg: source},
  {file: 'icon-512.png', size: 512, svg: source},
  {file: 'maskable-192.png', size: 192, svg: fullBleed(0.72)},
  {file: 'maskable-512.png', size: 512, svg: fullBleed(0.72)},
  {file: 'apple-touch-icon.png', size: 180, svg: fullBleed(0.8)},
];

const browser = await launchChromium();
try {
  for (const {file, size, svg} of icons) {
    const page = await browser.newPage({viewport: {width: size, height: size}});
    const sized = svg.replace('<svg ', `<svg width="${size}" height="${size}" `);
    await page.setContent(
      `<style>html,body{margin:0;background:transparent}svg{display:block}</style>${sized}`,
    );
    await writeFile(`${dir}/${file}`, await page.screenshot({omitBackground: true}));
    await page.close();
    console.log(`${dir}/${file}`);
  }
} finally {
  await browser.close();
}
