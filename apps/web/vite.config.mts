import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';
import { fileURLToPath } from 'node:url';

// The portal and console: a static single-page app. The standalone serves apps/web/dist at its
// root URL; `vite` alone (dev server) proxies the API to a standalone on port 3000.
export default defineConfig({
  base: '/',
  plugins: [react()],
  // The contracts' plain-data vocabulary (code lists and labels, no zod): one source for the API and the UI.
  resolve: {
    alias: { '@gongkai/contracts/vocabulary': fileURLToPath(new URL('../../libs/contracts/src/vocabulary/index.ts', import.meta.url)) },
  },
  build: { outDir: 'dist', emptyOutDir: true, target: 'es2022', chunkSizeWarningLimit: 600 },
  server: { proxy: { '/api': 'http://localhost:3000', '/health': 'http://localhost:3000' } },
});
