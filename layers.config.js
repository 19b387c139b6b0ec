// The layers of the kiosk, declared once. `npm run lint` generates its import rules from
// this file (eslint/layers-rule.js), and the README's architecture table describes it.
// Arrows point only downward: a layer may import itself and the layers in `mayImport`.
// A file under src/ that no layer claims, or an import that lands in one, is a lint error.

/**
 * @typedef {object} Layer
 * @property {string} name
 * @property {string[]} paths folders (or files) under the repo root that belong to the layer
 * @property {string[]} mayImport the other layers it may import
 * @property {{ node: boolean, electron: boolean, react: boolean, only: string[] }} packages
 *   node built-ins, electron and react allowed or not (react covers react-dom); `only` lists
 *   every other npm package the layer may import, so a new dependency is a decision per layer
 */

/** @type {Layer[]} */
export const layers = [
  { name: 'core', paths: ['src/core'], mayImport: [], packages: { node: false, electron: false, react: false, only: ['zod', 'tldts'] } },
  {
    name: 'services',
    paths: ['src/node'],
    mayImport: ['core'],
    packages: { node: true, electron: false, react: false, only: ['zod', 'undici', 'rss-parser', 'xml2js', 'iconv-lite', 'mqtt', 'aedes', 'chokidar', 'qrcode'] },
  },
  { name: 'server', paths: ['src/server'], mayImport: ['core'], packages: { node: true, electron: false, react: false, only: ['hono', '@hono/node-server', 'zod'] } },
  {
    name: 'app',
    paths: ['src/app'],
    mayImport: ['core', 'services', 'server'],
    packages: { node: true, electron: false, react: false, only: ['hono', '@hono/node-server', 'zod', 'qrcode'] },
  },
  {
    name: 'shell',
    paths: ['src/main', 'src/preload'],
    mayImport: ['core', 'services', 'server', 'app'],
    packages: { node: true, electron: true, react: false, only: ['electron-store'] },
  },
  /** Browser helpers both web UIs share (zod without eval, local QR codes). */
  { name: 'web', paths: ['src/web'], mayImport: ['core'], packages: { node: false, electron: false, react: false, only: ['zod', 'qrcode'] } },
  { name: 'renderer', paths: ['src/renderer'], mayImport: ['core', 'web'], packages: { node: false, electron: false, react: true, only: ['@fontsource/noto-sans', '@fontsource/noto-sans-sc', '@fontsource/noto-sans-tc'] } },
  { name: 'console-ui', paths: ['src/console-ui'], mayImport: ['core', 'web'], packages: { node: false, electron: false, react: true, only: ['zod', '@fontsource/noto-sans', '@fontsource/noto-sans-sc', '@fontsource/noto-sans-tc'] } },
  { name: 'cli', paths: ['src/cli'], mayImport: ['core', 'services', 'server', 'app'], packages: { node: true, electron: false, react: false, only: ['tsx'] } },
];

/** Only these trees are layered; tests, bench and scripts may import anything. */
export const layeredRoot = 'src';
