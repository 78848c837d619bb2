import {readdirSync, readFileSync} from 'node:fs';
import path from 'node:path';
import {fileURLToPath} from 'node:url';
import {describe, expect, it} from 'vitest';

/**
 * The room route's initial JavaScript must stay under 250 kB gzipped (issue 7;
 * `npm run bench` weighs it). Two choices keep ~34 kB out of it, and one stray
 * import would quietly bring it back: classic `zod` instead of `zod/mini`
 * (~17 kB) and React Router's data router instead of its declarative mode
 * (~17 kB).
 */
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

function sources(dir: string): string[] {
  return readdirSync(path.join(root, dir), {recursive: true, encoding: 'utf8'})
    .filter(f => /\.tsx?$/.test(f) && !/\.test\.tsx?$/.test(f))
    .map(f => path.join(dir, f));
}

const browserCode = [...sources('client/src'), ...sources('schema/src')];

describe('what the browser bundle may import', () => {
  it('finds the sources it checks', () => {
    expect(browserCode.length).toBeGreaterThan(50);
  });

  it('uses zod/mini, never classic zod', () => {
    const offenders = browserCode.filter(f =>
      /from ['"]zod(\/v4)?['"]/.test(readFileSync(path.join(root, f), 'utf8')),
    );
    expect(offenders, 'import zod/mini instead (`import * as z from "zod/mini"`)').toEqual([]);
  });

  it('uses React Router in declarative mode, not the data router', () => {
    const dataRouter = /\b(createBrowserRouter|RouterProvider|useRouteError|useLoaderData)\b/;
    const offenders = browserCode.filter(f => dataRouter.test(readFileSync(path.join(root, f), 'utf8')));
    expect(offenders, 'route with <BrowserRouter> and useRoutes').toEqual([]);
  });
});
