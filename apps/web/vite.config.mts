import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

// The portal and console: a static single-page app. The standalone serves apps/web/dist at its
// root URL; `vite` alone (dev server) proxies the API to a standalone on port 3000.
export default defineConfig({
  base: '/',
  plugins: [react()],
  build: { outDir: 'dist', emptyOutDir: true, target: 'es2022', chunkSizeWarningLimit: 600 },
  server: { proxy: { '/api': 'http://localhost:3000', '/health': 'http://localhost:3000' } },
});
