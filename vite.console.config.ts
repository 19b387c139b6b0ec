import { resolve } from 'node:path';
import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

/**
 * The console's web UI. The console server serves out/console at its root; every URL in
 * the page is relative, so the same build works behind any path prefix.
 */
export const consoleConfig = {
  root: resolve(import.meta.dirname, 'src/console-ui'),
  base: './',
  plugins: [react()],
  build: {
    outDir: resolve(import.meta.dirname, 'out/console'),
    emptyOutDir: true,
    // Fonts stay separate files so the browser fetches only the unicode-range slices it needs.
    assetsInlineLimit: 0,
  },
};

export default defineConfig(consoleConfig);
