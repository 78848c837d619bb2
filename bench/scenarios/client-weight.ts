import {readFile} from 'node:fs/promises';
import path from 'node:path';
import {gzipSync} from 'node:zlib';
import {CLIENT_DIST} from '@chorus/api/stack';
import {bytesByPackage} from '../lib/sourcemap.ts';

type ManifestChunk = {
  file: string;
  imports?: string[];
  dynamicImports?: string[];
  css?: string[];
  isEntry?: boolean;
  isDynamicEntry?: boolean;
};
type Manifest = Record<string, ManifestChunk>;

export type Weight = {jsKB: number; cssKB: number; jsGzipKB: number; cssGzipKB: number; files: string[]};

export type ClientWeightResult = {
  /** Each route: the entry, its static imports, and the lazy chunks its first screen loads. */
  routes: Record<string, Weight>;
  /** Each lazily loaded chunk alone. */
  lazyChunks: Record<string, {jsGzipKB: number}>;
  /** Where the room route's initial JS comes from (minified kB by package, from the source maps). */
  roomByPackage: [string, number][];
};

/**
 * The modules each route's first screen needs besides the entry. A module
 * that is not a chunk of its own is inside the entry or inside the chunk that
 * imports it statically. The entry holds the router and the sign-in pages
 * only; every signed-in route loads the signed-in chunk (Zero, the shell, the
 * home, server and room pages). The room route paints plain one-line messages
 * from it; the Markdown chunk loads when a message needs it, the composer
 * (TipTap) once the room has painted, the emoji picker when someone opens it.
 */
const SIGNED_IN = 'src/signed-in-app.tsx';
const ROUTES: Record<string, string[]> = {
  'sign-in': [],
  home: [SIGNED_IN],
  'server (room list)': [SIGNED_IN],
  room: [SIGNED_IN],
  'room + Markdown': [SIGNED_IN, 'src/messages/markdown.tsx'],
  'room + Markdown + composer': [SIGNED_IN, 'src/messages/markdown.tsx', 'src/messages/composer.tsx'],
  search: [SIGNED_IN, 'src/pages/search-page.tsx'],
  directory: [SIGNED_IN, 'src/pages/directory-page.tsx'],
  'server settings': [SIGNED_IN, 'src/pages/server-settings-page.tsx'],
};

// kB = 1000 bytes and gzip at its default level, as Vite reports them.
const kb = (bytes: number) => Math.round(bytes / 100) / 10;

/** [6] Gzipped JS and CSS per route from the production build's Vite manifest. */
export async function clientWeight(): Promise<ClientWeightResult> {
  const manifest = JSON.parse(
    await readFile(path.join(CLIENT_DIST, '.vite/manifest.json'), 'utf8'),
  ) as Manifest;
  const entryKey = Object.keys(manifest).find(k => manifest[k]!.isEntry);
  if (!entryKey) throw new Error('no entry in the Vite manifest');
  const files = new Map<string, Buffer>();
  const read = async (file: string) => {
    if (!files.has(file)) files.set(file, await readFile(path.join(CLIENT_DIST, file)));
    return files.get(file)!;
  };

  // A chunk with everything it imports statically (what the browser must fetch before it runs).
  const closure = (key: string, into = new Set<string>()) => {
    if (into.has(key)) return into;
    into.add(key);
    for (const dep of manifest[key]?.imports ?? []) closure(dep, into);
    return into;
  };
  const weigh = async (keys: Set<string>): Promise<Weight> => {
    const js = [...keys].map(k => manifest[k]!.file);
    const css = [...new Set([...keys].flatMap(k => manifest[k]!.css ?? []))];
    const sum = async (list: string[], gz: boolean) => {
      let total = 0;
      for (const f of list) total += gz ? gzipSync(await read(f)).length : (await read(f)).length;
      return kb(total);
    };
    return {
      jsKB: await sum(js, false),
      cssKB: await sum(css, false),
      jsGzipKB: await sum(js, true),
      cssGzipKB: await sum(css, true),
      files: [...js, ...css],
    };
  };

  const routes: ClientWeightResult['routes'] = {};
  for (const [route, lazy] of Object.entries(ROUTES)) {
    const keys = closure(entryKey);
    for (const k of lazy) {
      // A renamed module would quietly drop out of the figures.
      if (!manifest[k]) throw new Error(`${k} is not a chunk of the build: update ROUTES`);
      closure(k, keys);
    }
    routes[route] = await weigh(keys);
  }
  const lazyChunks: ClientWeightResult['lazyChunks'] = {};
  for (const [key, chunk] of Object.entries(manifest)) {
    if (!chunk.isDynamicEntry) continue;
    lazyChunks[key.replace(/.*node_modules\//, '')] = {jsGzipKB: kb(gzipSync(await read(chunk.file)).length)};
  }

  // Charge every initial chunk of the room route to npm packages through its source map.
  const byPackage = new Map<string, number>();
  for (const file of routes.room!.files.filter(f => f.endsWith('.js'))) {
    try {
      const map = JSON.parse(await readFile(path.join(CLIENT_DIST, `${file}.map`), 'utf8'));
      for (const [name, bytes] of bytesByPackage((await read(file)).toString('utf8'), map)) {
        byPackage.set(name, (byPackage.get(name) ?? 0) + bytes);
      }
    } catch {
      // Small runtime chunks have no source map; the breakdown is optional.
    }
  }
  const roomByPackage: [string, number][] = [...byPackage]
    .sort((a, b) => b[1] - a[1])
    .slice(0, 12)
    .map(([name, bytes]) => [name, kb(bytes)]);
  return {routes, lazyChunks, roomByPackage};
}
