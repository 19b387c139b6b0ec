import { execFileSync } from 'node:child_process';
import { promises as fs } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, CDPSession, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startBrowserPlayer, type BrowserPlayer } from '../../src/app/browser-player';
import { ensureRendererBuilt, launchChromium, saveArtifact, APP_ROOT } from './helpers/player';
import { decodePng } from './helpers/png';
import { writeTempPlaylist } from './helpers/temp-playlist';

/**
 * Months on a lobby wall, compressed: at least 10,000 timeline steps at 10,000× clock
 * speed. Heap and DOM must stay flat, the page must never hold more than two <video>
 * elements, and no sampled frame may be blank.
 */
const STEPS = 10_000;
const RATE = 10_000;

const COUNTER = `(() => {
  const s = { steps: 0, maxVideos: 0 };
  const f = window.fetch.bind(window);
  window.fetch = (input, init) => {
    const url = typeof input === 'string' ? input : input instanceof URL ? input.href : input.url;
    if (url.includes('api/plays')) s.steps++;
    return f(input, init);
  };
  new MutationObserver(() => { s.maxVideos = Math.max(s.maxVideos, document.getElementsByTagName('video').length); })
    .observe(document, { subtree: true, childList: true });
  window.__soak = s;
})();`;

interface Sample {
  readonly heap: number;
  readonly nodes: number;
}

/**
 * Heap after GC and DOM node count, the least of several samples a quarter second apart:
 * the screens of the loop differ in size (a case card has more text than a video), so
 * the minimum over a few steps compares like with like.
 */
async function sample(page: Page, cdp: CDPSession): Promise<Sample> {
  let heap = Infinity;
  let nodes = Infinity;
  for (let i = 0; i < 8; i++) {
    await cdp.send('HeapProfiler.collectGarbage');
    await cdp.send('HeapProfiler.collectGarbage');
    heap = Math.min(heap, (await cdp.send('Runtime.getHeapUsage')).usedSize);
    nodes = Math.min(nodes, (await cdp.send('Memory.getDOMCounters')).nodes);
    await page.waitForTimeout(250);
  }
  return { heap, nodes };
}

const steps = (page: Page): Promise<number> => page.evaluate(() => (window as unknown as { __soak: { steps: number } }).__soak.steps);

/** Share of pixels that are neither near-black nor near-white: a blank screen has none. */
function litShare(png: Buffer): number {
  const { data, width, height } = decodePng(png);
  let lit = 0;
  for (let i = 0; i < data.length; i += 4) {
    const l = ((data[i] ?? 0) + (data[i + 1] ?? 0) + (data[i + 2] ?? 0)) / 3;
    if (l > 40 && l < 245) lit++;
  }
  return lit / (width * height);
}

let browser: Browser;
let player: BrowserPlayer;
let dir: string;

beforeAll(async () => {
  await ensureRendererBuilt();
  dir = await fs.mkdtemp(join(tmpdir(), 'kiosk-soak-'));
  await fs.mkdir(join(dir, 'media'));
  for (const [name, colour] of [['a', '0x1f5fa8'], ['b', '0xa8501f']] as const) {
    execFileSync('ffmpeg', ['-v', 'error', '-f', 'lavfi', '-i', `color=c=${colour}:s=640x360:r=30:d=1`, '-f', 'lavfi', '-i', 'sine=f=440:d=1', '-c:v', 'libvpx-vp9', '-b:v', '200k', '-c:a', 'libopus', '-shortest', join(dir, `media/clip-${name}.webm`)]);
  }
  const clips = { items: ['a', 'b'].map((n) => ({ kind: 'video', id: `clip-${n}`, locale: 'zh-CN', title: `测试片段 ${n}`, file: `media/clip-${n}.webm` })) };
  const playlist = await writeTempPlaylist(
    dir,
    {
      pack: ['pack/slogans.zh-CN.json', 'pack/cases.json', 'pack/slides.json', 'clips.json'],
      stage: [
        { type: 'next-video' }, { type: 'case-of-the-day', seconds: 5 }, { type: 'next-notice', variant: 'help', seconds: 5 },
        { type: 'next-video' }, { type: 'next-notice', variant: 'notice', seconds: 5 },
      ],
    },
    { 'clips.json': JSON.stringify(clips) },
  );
  const configPath = join(dir, 'config.json');
  await fs.writeFile(configPath, JSON.stringify({ playlist, organisation: '长跑测试' }));
  player = await startBrowserPlayer({ appRoot: APP_ROOT, configPath, dataDir: join(dir, 'data'), port: 0, log: () => {} });
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await player?.close();
  if (dir) await fs.rm(dir, { recursive: true, force: true });
});

describe('soak', () => {
  it(`plays ${STEPS.toLocaleString('en')} timeline steps with flat heap and DOM, two <video> at most, and no blank frame`, async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 720 } });
    await page.addInitScript(COUNTER);
    await page.goto(`${player.url}?now=${encodeURIComponent('2026-03-02T09:00:00+08:00')}&rate=${RATE}`);
    const cdp = await page.context().newCDPSession(page);
    await cdp.send('HeapProfiler.enable');
    // Warm-up: fonts, QR codes and React's first renders are not growth.
    await page.waitForFunction(() => (window as unknown as { __soak: { steps: number } }).__soak.steps >= 50, undefined, { timeout: 120_000, polling: 500 });
    const start = await steps(page);
    const before = await sample(page, cdp);
    const lit: number[] = [];
    let shot = 0;
    while ((await steps(page)) < start + STEPS) {
      await page.waitForTimeout(15_000);
      const png = await page.screenshot();
      lit.push(litShare(png));
      if (shot++ % 8 === 0) await fs.writeFile(join(APP_ROOT, 'test-artifacts', `soak-${shot}.png`), png).catch(() => undefined);
    }
    const after = await sample(page, cdp);
    const maxVideos = await page.evaluate(() => (window as unknown as { __soak: { maxVideos: number } }).__soak.maxVideos);
    await saveArtifact(page, 'soak-end.png');
    const growthMb = (after.heap - before.heap) / 1_048_576;
    console.log(`soak: ${(await steps(page)) - start} steps; heap ${(before.heap / 1_048_576).toFixed(2)} → ${(after.heap / 1_048_576).toFixed(2)} MB; DOM nodes ${before.nodes} → ${after.nodes}; lit share min ${Math.min(...lit).toFixed(3)} over ${lit.length} samples`);
    expect(maxVideos).toBeLessThanOrEqual(2);
    expect(growthMb).toBeLessThan(2);
    // Flat, not growing with the number of steps: a leak of one node per step would be +10,000.
    expect(after.nodes).toBeLessThanOrEqual(before.nodes + 40);
    expect(lit.length).toBeGreaterThan(3);
    expect(Math.min(...lit)).toBeGreaterThan(0.02);
  }, 900_000);
});
