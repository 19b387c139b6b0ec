import { resolve } from 'node:path';
import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

/**
 * The renderer, built once for both hosts: Electron loads it through app://,
 * the browser player serves the same files over http://127.0.0.1.
 */
export const rendererConfig = {
  root: resolve(import.meta.dirname, 'src/renderer'),
  base: './',
  plugins: [react()],
  build: {
    outDir: resolve(import.meta.dirname, 'out/renderer'),
    emptyOutDir: true,
    // Fonts stay separate files so the browser fetches only the unicode-range slices it needs.
    assetsInlineLimit: 0,
  },
};

export default defineConfig(rendererConfig);
