import { readdir } from 'node:fs/promises';
import { resolve } from 'node:path';

export const PAGE_NAMES = ['static', 'css-left', 'jquery', 'react-marquee', 'kiosk-engine', 'naive-video'] as const;
export type PageName = (typeof PAGE_NAMES)[number];

/**
 * Builds bench/pages into out/bench with the bench line and speed baked in, so every peer
 * page scrolls exactly the same text at the same speed.
 */
export async function buildPages(appRoot: string, text: string, speed: number): Promise<string> {
  const { build } = await import('vite');
  const react = (await import('@vitejs/plugin-react')).default;
  const root = resolve(appRoot, 'bench/pages');
  const outDir = resolve(appRoot, 'out/bench');
  const pages = (await readdir(root)).filter((f) => f.endsWith('.html'));
  await build({
    configFile: false,
    root,
    base: './',
    logLevel: 'warn',
    plugins: [react()],
    define: { __BENCH_TEXT__: JSON.stringify(text), __BENCH_SPEED__: JSON.stringify(speed) },
    build: {
      outDir,
      emptyOutDir: true,
      minify: true,
      rollupOptions: { input: Object.fromEntries(pages.map((p) => [p.replace(/\.html$/, ''), resolve(root, p)])) },
    },
  });
  return outDir;
}
