import { existsSync, promises as fs, readdirSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { chromium, type Browser, type Page } from 'playwright-core';
import { startBrowserPlayer } from '../../../src/app/browser-player';

export const APP_ROOT = resolve(import.meta.dirname, '../../..');
export const CHROMIUM = '/usr/bin/chromium';
export const ARTIFACTS = resolve(APP_ROOT, 'test-artifacts');
export const DEFAULT_PLAYLIST = resolve(APP_ROOT, 'playlists/default.playlist.json');

/** Flags for the system Chromium on a closed network; the bench uses them too. */
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--autoplay-policy=no-user-gesture-required',
];

/** The system Chromium; a missing browser fails the run loudly instead of skipping tests. */
export async function launchChromium(opts: { readonly headed?: boolean } = {}): Promise<Browser> {
  if (!existsSync(CHROMIUM)) {
    throw new Error(
      `Chromium is missing at ${CHROMIUM}. The e2e tests need Debian's "chromium" package ` +
        '(sudo apt-get install chromium); they never download a browser.',
    );
  }
  return chromium.launch({ executablePath: CHROMIUM, headless: !opts.headed, args: CHROMIUM_ARGS });
}

const execFileAsync = promisify(execFile);
const VITE_BIN = join(APP_ROOT, 'node_modules/vite/bin/vite.js');
let built: Promise<void> | undefined;

/** Builds out/renderer when it is missing or older than the renderer and core sources. */
export function ensureRendererBuilt(): Promise<void> {
  built ??= (async () => {
    const index = join(APP_ROOT, 'out/renderer/index.html');
    const sources = ['src/renderer', 'src/core'].map((d) => newestMtime(join(APP_ROOT, d)));
    if (existsSync(index) && statSync(index).mtimeMs >= Math.max(...sources)) return;
    // A child process, so vitest's NODE_ENV=test cannot turn this into a development build.
    await execFileAsync(process.execPath, [VITE_BIN, 'build', '--config', 'vite.web.config.ts', '--logLevel', 'error'], {
      cwd: APP_ROOT,
      env: { ...process.env, NODE_ENV: 'production' },
    });
  })();
  return built;
}

function newestMtime(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true, recursive: true })) {
    if (entry.isFile()) newest = Math.max(newest, statSync(join(entry.parentPath, entry.name)).mtimeMs);
  }
  return newest;
}

export interface RunningPlayer {
  readonly url: string;
  readonly dir: string;
  readonly dataDir: string;
  close(): Promise<void>;
}

/**
 * Starts the browser player on 127.0.0.1 with a config written to a temp folder. The
 * playlist defaults to the bundled pack's default playlist.
 */
export async function startPlayer(config: Readonly<Record<string, unknown>> = {}): Promise<RunningPlayer> {
  await ensureRendererBuilt();
  const dir = await fs.mkdtemp(join(tmpdir(), 'kiosk-e2e-'));
  const configPath = join(dir, 'config.json');
  const dataDir = join(dir, 'data');
  await fs.writeFile(configPath, JSON.stringify({ playlist: DEFAULT_PLAYLIST, ...config }, null, 2));
  const player = await startBrowserPlayer({ appRoot: APP_ROOT, configPath, dataDir, host: '127.0.0.1', port: 0, log: () => {} });
  return {
    url: player.url,
    dir,
    dataDir,
    async close() {
      await player.close();
      await fs.rm(dir, { recursive: true, force: true });
    },
  };
}

/** Opens the player and waits for fonts and the first state, so screenshots show real text. */
export async function openPlayer(
  browser: Browser,
  url: string,
  viewport: { readonly width: number; readonly height: number },
  query = '',
): Promise<Page> {
  const page = await browser.newPage({ viewport });
  await page.goto(url + query);
  await page.waitForSelector('[data-testid="screen"]:not([data-plan="loading"])');
  await page.evaluate('document.fonts.ready');
  return page;
}

export async function saveArtifact(page: Page, name: string): Promise<string> {
  await fs.mkdir(ARTIFACTS, { recursive: true });
  const path = join(ARTIFACTS, name);
  await page.screenshot({ path });
  return path;
}
