import {readdirSync, readFileSync} from 'node:fs';
import path from 'node:path';
import {fileURLToPath} from 'node:url';
import {describe, expect, it} from 'vitest';
import {en} from './i18n/en.ts';

/**
 * The room route's initial JavaScript must stay under 250 kB gzipped (issue 7;
 * `npm run bench` weighs it). Two choices keep ~34 kB out of it, and one stray
 * import would quietly bring it back: classic `zod` instead of `zod/mini`
 * (~17 kB) and React Router's data router instead of its declarative mode
 * (~17 kB). The tests below keep other lazy code lazy.
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

/** What `file` imports statically from the app (not `import type`), as paths from `client/src`. */
function staticImports(file: string): string[] {
  const text = readFileSync(path.join(root, file), 'utf8');
  return [...text.matchAll(/^import (?!type\b)[^;]*? from '(\.[^']+)';/gms)].map(m =>
    path.relative('client/src', path.join(path.dirname(file), m[1]!)),
  );
}

describe('what the room route loads later', () => {
  // Each is opened now and then, on a click or a key, or belongs to another
  // page; a static import from the signed-in app would put it (and the code
  // only it uses) back into the room route's first load.
  const lazyOnly = [
    'components/create-server-dialog.tsx',
    'components/join-server-dialog.tsx',
    'components/create-room-dialog.tsx',
    'components/quick-switcher.tsx',
    'components/shortcut-help.tsx',
    'components/verify-banner.tsx',
    'settings/settings-sections.tsx',
    'outbox/entry-actions.tsx',
    'pages/sign-up-page.tsx',
    'pages/verify-email-page.tsx',
  ];
  // Lazy screens may import one another's parts statically.
  const lazyScreens =
    /^client\/src\/(pages\/(dm|friends|directory|search|server-settings|settings)-|settings\/.*-section|outbox\/failed-writes|components\/(profile-card|room-settings-dialog|direct-message-notifier)\.)/;

  it.each(lazyOnly)('imports %s only with import()', module => {
    const offenders = sources('client/src').filter(
      f => !lazyScreens.test(f) && staticImports(f).includes(module),
    );
    expect(offenders, `load ${module} with import() (lib/lazy-dialog.tsx, lib/lazy-page.tsx)`).toEqual([]);
  });
});

/** The app's modules `entries` load statically, with everything those import statically. */
function staticClosure(entries: string[]): Set<string> {
  const seen = new Set<string>();
  const visit = (file: string) => {
    if (seen.has(file)) return;
    seen.add(file);
    for (const dep of staticImports(file)) visit(path.join('client/src', dep));
  };
  entries.forEach(visit);
  return seen;
}

describe("the room route's words", () => {
  // The entry (with the sign-in page) and the signed-in chunk: what the room route loads first.
  const roomRoute = staticClosure(['client/src/main.tsx', 'client/src/signed-in-app.tsx']);
  // Catalog sections that load with their screens (i18n/index.ts): 9 kB
  // gzipped of words came with the room route when they were one catalog.
  const sections = sources('client/src/i18n').filter(f =>
    readFileSync(path.join(root, f), 'utf8').includes('catalogSection('),
  );

  it('finds the modules it checks', () => {
    expect(roomRoute).toContain('client/src/pages/room-page.tsx');
    expect(roomRoute).toContain('client/src/i18n/en.ts');
    expect(sections.map(f => path.basename(f, '.ts')).sort()).toEqual(
      expect.arrayContaining(['agents', 'auth', 'friends', 'groups', 'search', 'settings', 'shortcuts']),
    );
  });

  it.each(sections)('leave %s to the screens that show it', section => {
    const importers = [...roomRoute].filter(f =>
      staticImports(f).includes(path.relative('client/src', section)),
    );
    expect(importers, 'import the section from a lazily loaded screen, or move the words to en.ts').toEqual(
      [],
    );
  });

  it('include only the AI badge of the agents strings and the notification levels of the settings', () => {
    expect(Object.keys(en.agents).sort()).toEqual(['badge', 'badgeLabel']);
    expect(en.settings).toEqual({notifications: {levels: expect.any(Object)}});
  });

  it.each(['groups', 'search', 'shortcuts'])('include no %s section: only lazy screens show it', key => {
    expect(en).not.toHaveProperty(key);
  });
});

describe('which zod schema kinds the browser uses', () => {
  // zod keeps the code of every schema kind in one module, so it lands in the
  // one zod chunk the room route loads even when only a lazy screen uses the
  // kind (`z.discriminatedUnion` weighed 0.4 kB gzipped for the hub client
  // alone). A new kind is fine when it is worth its weight: add it here.
  const allowed = [
    '_default',
    'array',
    'boolean',
    'enum',
    'extend',
    'int',
    'length',
    'literal',
    'looseObject',
    'maximum',
    'maxLength',
    'minimum',
    'minLength',
    'nonnegative',
    'nullable',
    'number',
    'object',
    'optional',
    'refine',
    'string',
    'toUpperCase',
    'trim',
    'undefined',
    'union',
    'unknown',
    'uuid',
  ];

  it('uses only the kinds already in the room route', () => {
    const used = new Set<string>();
    for (const f of browserCode) {
      for (const m of readFileSync(path.join(root, f), 'utf8').matchAll(/\bz\.([A-Za-z_]\w*)\(/g))
        used.add(m[1]!);
    }
    expect([...used].filter(kind => !allowed.includes(kind)).sort()).toEqual([]);
  });
});
