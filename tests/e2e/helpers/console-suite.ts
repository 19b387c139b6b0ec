import { promises as fs } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll } from 'vitest';
import { runKiosk, type CliProcess } from './cli-process';
import { ensureConsoleBuilt } from './console-ui';
import { ensureRendererBuilt, launchChromium } from './player';
import { writeTempPlaylist } from './temp-playlist';

/** What every console e2e file needs: both bundles built, one Chromium, a temp folder, tear-down. */
export interface ConsoleSuite {
  /** Set once the suite's `beforeAll` has run. */
  browser: Browser;
  /** A fresh temp folder for this file, removed afterwards. */
  dir: string;
  /** Run `stop` when the file ends (last deferred first). */
  defer(stop: () => Promise<void>): void;
}

export interface StartedConsole {
  readonly cli: CliProcess;
  readonly origin: string;
  /** The one-time set-up link the console prints on its first start, and its token. */
  readonly setupUrl: string;
  readonly setupToken: string;
}

/** Registers the file's `beforeAll`/`afterAll`; call it once at the top of a test file. */
export function consoleSuite(prefix: string): ConsoleSuite {
  const stops: (() => Promise<void>)[] = [];
  const suite = { defer: (stop: () => Promise<void>) => void stops.push(stop) } as ConsoleSuite;
  beforeAll(async () => {
    await Promise.all([ensureRendererBuilt(), ensureConsoleBuilt()]);
    suite.browser = await launchChromium();
    suite.dir = await fs.mkdtemp(join(tmpdir(), prefix));
  }, 180_000);
  afterAll(async () => {
    for (const stop of stops.reverse()) await stop().catch(() => undefined);
    await suite.browser?.close();
    if (suite.dir) await fs.rm(suite.dir, { recursive: true, force: true });
  });
  return suite;
}

/** `kiosk console <args>` as an operator starts it; stopped when the file ends. */
export async function startConsoleCli(suite: ConsoleSuite, args: readonly string[], timeoutMs?: number): Promise<StartedConsole> {
  const cli = runKiosk(['console', '--port', '0', ...args]);
  suite.defer(() => cli.stop());
  const origin = (await cli.waitFor(/Console: (http:\/\/127\.0\.0\.1:\d+)/, timeoutMs))[1] ?? '';
  const setupUrl = (await cli.waitFor(/(http:\/\/\S+token=\S+)/, timeoutMs))[1] ?? '';
  return { cli, origin, setupUrl, setupToken: new URL(setupUrl).searchParams.get('token') ?? '' };
}

/**
 * A screen: `kiosk serve` with the device config the console shows for its group, its own pack
 * being `playlist` (played until the first verified publish), polling every 2 s. Returns its URL.
 */
export async function serveFromSnippet(suite: ConsoleSuite, snippet: Record<string, unknown>, playlist: Readonly<Record<string, unknown>>): Promise<string> {
  const screenDir = join(suite.dir, 'screen');
  await fs.mkdir(screenDir);
  const path = await writeTempPlaylist(screenDir, playlist);
  const config = { ...snippet, playlist: path, publisher: { ...(snippet.publisher as Record<string, unknown>), pollSeconds: 2 } };
  await fs.writeFile(join(screenDir, 'config.json'), JSON.stringify(config, null, 2));
  const cli = runKiosk(['serve', '--port', '0', '--config', join(screenDir, 'config.json'), '--data', join(screenDir, 'data')]);
  suite.defer(() => cli.stop());
  return (await cli.waitFor(/Browser player: (\S+)/))[1] ?? '';
}
