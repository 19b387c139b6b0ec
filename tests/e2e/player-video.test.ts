import { promises as fs } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PlayEvent } from '../../src/core/api/contract';
import { launchChromium, openPlayer, saveArtifact, startPlayer, type RunningPlayer } from './helpers/player';
import { decodePng, litFraction } from './helpers/png';
import { writeTempPlaylist } from './helpers/temp-playlist';

interface Frame {
  readonly at: number;
  readonly lit: number;
}

describe('stage: gapless videos, broken video skipped', () => {
  let browser: Browser;
  let player: RunningPlayer;
  let dir: string;

  beforeAll(async () => {
    dir = await fs.mkdtemp(join(tmpdir(), 'kiosk-e2e-video-'));
    const broken = { kind: 'video', id: 'broken-clip', locale: 'zh-CN', title: '坏视频', file: 'broken.webm' };
    const playlist = await writeTempPlaylist(
      dir,
      {
        pack: ['pack/slogans.zh-CN.json', 'pack/cases.json', 'pack/videos.json', 'extra.json'],
        stage: [
          { type: 'video', id: 'broken-clip' },
          { type: 'video', id: 'video-fake-refund-zh-cn' },
          { type: 'video', id: 'video-brushing-job-zh-cn' },
          { type: 'case-of-the-day', seconds: 20 },
        ],
      },
      { 'extra.json': JSON.stringify({ items: [broken] }), 'broken.webm': Buffer.from('this is not a video at all') },
    );
    browser = await launchChromium();
    player = await startPlayer({ playlist });
  });
  afterAll(async () => {
    await browser?.close();
    await player?.close();
    if (dir) await fs.rm(dir, { recursive: true, force: true });
  });

  it('skips the broken video, plays two videos back to back and the case card with no black frame', async () => {
    const page = await openPlayer(browser, player.url, { width: 960, height: 540 }, '?rate=16');
    const plays: PlayEvent[] = [];
    const writes: string[] = [];
    page.on('request', (request) => {
      if (request.url().endsWith('/api/plays')) plays.push(JSON.parse(request.postData() ?? '{}') as PlayEvent);
    });
    // The page's writes carry its per-launch secret, so the server records them.
    page.on('response', (response) => {
      if (response.request().method() === 'POST') writes.push(`${new URL(response.url()).pathname} ${response.status()}`);
    });
    const stage = (await page.locator('[data-testid=stage]').boundingBox())!;
    const frames: Frame[] = [];
    const cdp = await page.context().newCDPSession(page);
    cdp.on('Page.screencastFrame', (event: { data: string; sessionId: number }) => {
      const image = decodePng(Buffer.from(event.data, 'base64'));
      frames.push({ at: Date.now(), lit: litFraction(crop(image, stage)) });
      void cdp.send('Page.screencastFrameAck', { sessionId: event.sessionId }).catch(() => {});
    });

    await page.waitForSelector('[data-testid=stage][data-item=video-fake-refund-zh-cn]', { timeout: 30_000 });
    await cdp.send('Page.startScreencast', { format: 'png', everyNthFrame: 1 });
    const swapToVideo = await waitForItem(page, 'video-brushing-job-zh-cn');
    await saveArtifact(page, 'player-video-second.png');
    const swapToCard = await waitForItem(page, 'case');
    // Until a frame after the last swap has come, however slowly this machine draws them.
    await expect.poll(() => frames.some((f) => f.at >= swapToCard), { timeout: 30_000, interval: 100 }).toBe(true);
    await cdp.send('Page.stopScreencast');

    const dark = frames.filter((f) => f.lit < 0.002);
    expect(dark, `${dark.length} all-black stage frames of ${frames.length}`).toEqual([]);
    expect(frames.some((f) => f.at >= swapToVideo)).toBe(true);
    expect(frames.some((f) => f.at >= swapToCard)).toBe(true);

    // A play is posted when its item ends: on a loaded machine that can be seconds after the swap.
    await expect.poll(() => plays.map((p) => `${p.itemId}:${p.completed}`), { timeout: 30_000 }).toEqual(
      expect.arrayContaining(['video-fake-refund-zh-cn:true', 'video-brushing-job-zh-cn:true']),
    );
    expect(writes.filter((w) => w.startsWith('/api/plays'))).not.toEqual([]);
    expect(writes.filter((w) => !w.endsWith(' 200'))).toEqual([]);
    // The broken clip was reported before the page's request listener existed; it must not have shown.
    expect(plays.some((p) => p.itemId === 'broken-clip' && p.completed)).toBe(false);
    await page.close();
  });

  it('reports the broken video as not completed and keeps playing', async () => {
    const page = await (await browser.newContext({ viewport: { width: 960, height: 540 } })).newPage();
    const plays: PlayEvent[] = [];
    page.on('request', (request) => {
      if (request.url().endsWith('/api/plays')) plays.push(JSON.parse(request.postData() ?? '{}') as PlayEvent);
    });
    await page.goto(`${player.url}?rate=16`);
    await page.waitForSelector('[data-testid=stage][data-item=video-fake-refund-zh-cn]', { timeout: 30_000 });
    expect(plays.find((p) => p.itemId === 'broken-clip')).toMatchObject({ kind: 'video', completed: false });
    await page.close();
  });
});

async function waitForItem(page: import('playwright-core').Page, item: string): Promise<number> {
  const selector = item === 'case' ? '[data-testid=stage][data-view=card]' : `[data-testid=stage][data-item=${item}]`;
  await page.waitForSelector(selector, { timeout: 60_000 });
  return Date.now();
}

function crop(
  image: ReturnType<typeof decodePng>,
  box: { x: number; y: number; width: number; height: number },
): ReturnType<typeof decodePng> {
  // Screencast frames may be scaled; map the stage box proportionally.
  const sx = image.width / 960;
  const sy = image.height / 540;
  const x0 = Math.round(box.x * sx);
  const y0 = Math.round(box.y * sy);
  const w = Math.max(1, Math.round(box.width * sx));
  const h = Math.max(1, Math.round(box.height * sy));
  const data = new Uint8Array(w * h * 4);
  for (let y = 0; y < h; y++) {
    const from = ((y0 + y) * image.width + x0) * 4;
    data.set(image.data.subarray(from, from + w * 4), y * w * 4);
  }
  return { width: w, height: h, data };
}
