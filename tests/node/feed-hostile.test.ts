import { readFile, writeFile } from 'node:fs/promises';
import { afterEach, describe, expect, it } from 'vitest';
import { PlayerState } from '../../src/core/api/contract';
import { startBrowserPlayer, type BrowserPlayer } from '../../src/app/browser-player';
import { rss, send, startFeedServer, type FeedServer } from '../fixtures/feeds/server';
import { makeTempPack } from '../helpers/temp-pack';

const open: { player?: BrowserPlayer; server?: FeedServer }[] = [];
afterEach(async () => {
  for (const o of open.splice(0)) {
    await o.player?.close();
    await o.server?.close();
  }
});

/**
 * rss-parser's snippet step runs `/([^\n])<\/?(h|br|p|…)(?:.|\n)*?>([^\n])/gm` over every
 * description: each "<p" with no ">" after it scans to the end of the text, so n of them
 * cost n² steps. 180 KB of them held Node for about 30 s.
 */
const redosDescription = (bytes = 180_000): string => 'a<p'.repeat(Math.ceil(bytes / 3));

const timed = async (url: string): Promise<{ ms: number; state: PlayerState }> => {
  const t0 = performance.now();
  const res = await fetch(new URL('api/state', url));
  const state = PlayerState.parse(await res.json());
  return { ms: performance.now() - t0, state };
};

describe('a hostile feed cannot block the process', () => {
  it('keeps answering /api/state while a ReDoS feed is parsed, and keeps its good item', async () => {
    const server = await startFeedServer();
    open.push({ server });
    const hostile = rss([
      { title: '陌生来电要核实', guid: 'good' },
      { title: '长描述', guid: 'hostile', description: redosDescription() },
    ]);
    expect(Buffer.byteLength(hostile)).toBeGreaterThan(180_000);
    // The feed is held back until the server has answered once, so the figures below are the
    // parse's doing and not the first request's warm-up.
    let release: () => void = () => undefined;
    const released = new Promise<void>((r) => (release = r));
    server.routes.set('/feed.xml', (req, res) => void released.then(() => send(hostile)(req, res)));
    const pack = await makeTempPack();
    const config = JSON.parse(await readFile(pack.config, 'utf8')) as Record<string, unknown>;
    const feeds = { sources: [{ url: `${server.origin}/feed.xml`, allowHttp: true }], privateHosts: ['127.0.0.1'], pollSeconds: 3600 };
    await writeFile(pack.config, JSON.stringify({ ...config, feeds }));
    const player = await startBrowserPlayer({ appRoot: process.cwd(), configPath: pack.config, dataDir: pack.dataDir, port: 0, log: () => {} });
    open.push({ player });

    await timed(player.url);
    release();
    const latencies: number[] = [];
    let last: PlayerState | undefined;
    const started = performance.now();
    // Until the sync has an outcome (or 40 s pass), ask for the state every 20 ms, as a renderer would.
    while (performance.now() - started < 40_000) {
      const { ms, state } = await timed(player.url);
      latencies.push(ms);
      last = state;
      if (state.sync?.lastSuccess || state.sync?.lastError) break;
      await new Promise((r) => setTimeout(r, 20));
    }
    const sorted = [...latencies].sort((a, b) => a - b);
    const worst = sorted[sorted.length - 1] ?? Infinity;
    const p90 = sorted[Math.floor(sorted.length * 0.9)] ?? Infinity;
    // Figures only: a pass mark on latency fails on a loaded machine for reasons that are not
    // the kiosk's. The parse runs in its own thread (feed-worker.test.ts proves a parse past its
    // deadline is stopped while this thread runs on); here every request gets a whole state.
    console.log(`ReDoS feed: ${latencies.length} /api/state requests during the sync, p90 ${p90.toFixed(1)} ms, slowest ${worst.toFixed(1)} ms`);
    expect(latencies.length).toBeGreaterThan(0);
    expect(last?.sync?.lastError ?? null).toBeNull();
    expect(last?.items.some((i) => i.kind === 'slogan' && i.text === '陌生来电要核实')).toBe(true);
  }, 60_000);
});
