import tailwindcss from '@tailwindcss/vite';
import react from '@vitejs/plugin-react';
import {defineConfig} from 'vite';
import {VitePWA} from 'vite-plugin-pwa';

// Under `npm run dev` the API (and zero-cache behind it) runs on CHORUS_API_URL.
const api = process.env.CHORUS_API_URL ?? 'http://127.0.0.1:3000';

export default defineConfig({
  plugins: [
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
  build: {target: 'es2022', sourcemap: true, manifest: true},
});
