import tailwindcss from '@tailwindcss/vite';
import react from '@vitejs/plugin-react';
import {defineConfig} from 'vite';

// Under `npm run dev` the API (and zero-cache behind it) runs on CHORUS_API_URL.
const api = process.env.CHORUS_API_URL ?? 'http://127.0.0.1:3000';

export default defineConfig({
  plugins: [react(), tailwindcss()],
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
