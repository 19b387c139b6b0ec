import { startBrowserPlayer, type BrowserPlayer } from '../../src/app/browser-player';
import { mkdtemp } from 'node:fs/promises';
import { join } from 'node:path';
import type { BenchContext } from './context';

/** The real browser player (out/renderer + the API) for one bench config, on 127.0.0.1. */
export async function startPlayer(ctx: BenchContext, configPath: string): Promise<BrowserPlayer> {
  const dataDir = await mkdtemp(join(ctx.fixture.dir, 'data-'));
  return startBrowserPlayer({ appRoot: ctx.appRoot, configPath, dataDir, host: '127.0.0.1', port: 0, log: () => {} });
}
