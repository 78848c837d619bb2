import tailwindcss from '@tailwindcss/vite';
import react from '@vitejs/plugin-react';
import {fileURLToPath} from 'node:url';
import {defineConfig, type Plugin} from 'vite';
import {VitePWA} from 'vite-plugin-pwa';

// Under `npm run dev` the API (and zero-cache behind it) runs on CHORUS_API_URL.
const api = process.env.CHORUS_API_URL ?? 'http://127.0.0.1:3000';

const signedInEntry = fileURLToPath(new URL('src/signed-in-app.tsx', import.meta.url));
/** Modules only the signed-in app needs (filled when the build's module graph is complete). */
const signedInModules = new Set<string>();

/**
 * Finds the modules the signed-in chunk loads statically and nothing before
 * sign-in (the entry, its lazy pages, the service worker's loader) reaches,
 * for the chunk groups below.
 */
function findSignedInModules(): Plugin {
  return {
    name: 'chorus:signed-in-modules',
    apply: 'build',
    buildEnd() {
      // The service worker's own build (vite-plugin-pwa) has no signed-in app.
      if (!this.getModuleInfo(signedInEntry)) return;
      const reach = (from: string, into: Set<string>, dynamic: boolean) => {
        if (into.has(from) || (dynamic && from === signedInEntry)) return;
        into.add(from);
        const info = this.getModuleInfo(from);
        for (const id of info?.importedIds ?? []) reach(id, into, dynamic);
        if (dynamic) for (const id of info?.dynamicallyImportedIds ?? []) reach(id, into, dynamic);
      };
      const beforeSignIn = new Set<string>();
      for (const id of this.getModuleIds())
        if (this.getModuleInfo(id)?.isEntry) reach(id, beforeSignIn, true);
      const signedIn = new Set<string>();
      reach(signedInEntry, signedIn, false);
      signedInModules.clear();
      for (const id of signedIn) if (id !== signedInEntry && !beforeSignIn.has(id)) signedInModules.add(id);
    },
  };
}

export default defineConfig({
  plugins: [
    findSignedInModules(),
    react(),
    tailwindcss(),
    // [OF1] [PWA1] Our own service worker (src/sw/sw.ts) gets the precache list;
    // the page registers it lazily (src/lib/register-service-worker.ts).
    VitePWA({
      strategies: 'injectManifest',
      srcDir: 'src/sw',
      filename: 'sw.ts',
      injectRegister: false,
      registerType: 'prompt',
      // The glob below takes the icons already; the plugin adds the web manifest itself.
      includeManifestIcons: false,
      injectManifest: {
        // Everything the app needs to boot; source maps and Vite's own manifest stay out.
        globPatterns: ['**/*.{js,css,html,svg,png}'],
        // The Ably SDK (loaded only when the server uses Ably, and useless
        // offline) is not worth 200 kB in every install of the embedded hub.
        globIgnores: ['**/ably-*.js'],
        maximumFileSizeToCacheInBytes: 5 * 1024 * 1024,
      },
      manifest: {
        id: '/',
        name: 'Chorus',
        short_name: 'Chorus',
        description: 'Local-first team chat where AI agents are members too.',
        start_url: '/',
        scope: '/',
        display: 'standalone',
        theme_color: '#4f46e5',
        background_color: '#ffffff',
        icons: [
          {src: '/icons/icon-192.png', sizes: '192x192', type: 'image/png', purpose: 'any'},
          {src: '/icons/icon-512.png', sizes: '512x512', type: 'image/png', purpose: 'any'},
          {src: '/icons/maskable-192.png', sizes: '192x192', type: 'image/png', purpose: 'maskable'},
          {src: '/icons/maskable-512.png', sizes: '512x512', type: 'image/png', purpose: 'maskable'},
        ],
      },
    }),
  ],
  server: {
    port: 5173,
    proxy: {
      '/api': api,
      '/healthz': api,
      '/zero': {target: api.replace(/^http/, 'ws'), ws: true},
    },
  },
  // The manifest lets `npm run bench` weigh each route's chunks.
  build: {
    target: 'es2022',
    sourcemap: true,
    manifest: true,
    rolldownOptions: {
      output: {
        // Left to itself, Rolldown gives each module that the entry or the
        // signed-in chunk shares with a lazy screen a chunk of its own: the
        // room route fetched twenty files, a dozen under 1 kB, each gzipped
        // alone with its own imports and exports. A lazy screen loads only
        // after those two chunks, so the modules can join them at no cost to
        // any screen (issue 7: 5.4 kB gzipped off the room route). The npm
        // code of the signed-in app stays apart from ours, so a release that
        // changes only ours leaves the larger chunk cached.
        codeSplitting: {
          // A group takes only the modules it names: by default it takes
          // their dependencies too, and the signed-in groups took React and
          // the router out of the entry.
          includeDependenciesRecursively: false,
          groups: [
            // What the entry imports statically (React, the catalog, zod) is
            // part of the entry chunk rather than chunks beside it.
            {name: 'index', tags: ['$initial']},
            {name: 'signed-in-vendor', test: id => signedInModules.has(id) && id.includes('/node_modules/')},
            {name: 'signed-in-app', test: id => signedInModules.has(id)},
          ],
        },
      },
    },
  },
});
