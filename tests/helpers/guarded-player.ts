import { mkdir, mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startBrowserPlayer, type BrowserPlayer } from '../../src/app/browser-player';
import type { RuntimeOptions } from '../../src/app/runtime';

const INDEX = '<!doctype html><html><head><meta charset="UTF-8" /><title>t</title></head><body><div id="root"></div></body></html>';

/** An app folder with a stand-in renderer page, so server tests need no renderer build. */
export async function makeAppRoot(): Promise<string> {
  const root = await mkdtemp(join(tmpdir(), 'kiosk-app-'));
  await mkdir(join(root, 'out/renderer'), { recursive: true });
  await writeFile(join(root, 'out/renderer/index.html'), INDEX);
  await writeFile(join(root, 'package.json'), JSON.stringify({ version: '9.9.9' }));
  return root;
}

export async function startTestPlayer(
  opened: BrowserPlayer[],
  opts: { configPath: string; dataDir: string } & Partial<RuntimeOptions>,
): Promise<BrowserPlayer> {
  const player = await startBrowserPlayer({ appRoot: await makeAppRoot(), host: '127.0.0.1', port: 0, log: () => {}, ...opts });
  opened.push(player);
  return player;
}

/** The per-launch secret the page carries, read the way the renderer reads it. */
export async function sessionSecret(url: string): Promise<string | undefined> {
  const html = await (await fetch(url)).text();
  return /<meta name="kiosk-session" content="([0-9a-f]+)"/.exec(html)?.[1];
}
