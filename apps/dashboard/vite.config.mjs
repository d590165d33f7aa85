// The dashboard: built into dist/apps/dashboard, which apps/api and apps/standalone serve at `/`.
import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

const root = fileURLToPath(new URL('.', import.meta.url));

export default defineConfig({
  root,
  plugins: [react()],
  build: {
    outDir: fileURLToPath(new URL('../../dist/apps/dashboard', import.meta.url)),
    emptyOutDir: true,
    chunkSizeWarningLimit: 1200,
  },
  // `npx vite --config apps/dashboard/vite.config.mjs` in development: API calls go to a running Bindery.
  server: { proxy: { '/v1': process.env.BINDERY_API ?? 'http://localhost:8080' } },
});
