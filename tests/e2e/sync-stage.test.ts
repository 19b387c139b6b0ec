import { promises as fs } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium, openPlayer, saveArtifact, startPlayer, type RunningPlayer } from './helpers/player';
import { writeTempPlaylist } from './helpers/temp-playlist';

interface Watched {
  /** Per switch the page reported: its item number and what the stage then showed. */
  readonly switches: { k: number; item: string; seen: (string | undefined)[] }[];
  /** Animation frames in which the count of opaque card layers was not exactly one. */
  readonly badFrames: number;
  readonly frames: number;
}

/** Records, in the page, each synced switch and every animation frame's opaque card layers. */
const WATCH = `(() => {
  const w = { switches: [], badFrames: 0, frames: 0 };
  const seen = () => [...document.querySelectorAll('[data-testid=stage] .synced-layer')]
    .filter((l) => getComputedStyle(l).opacity === '1')
    .map((l) => l.querySelector('[data-item-id]')?.getAttribute('data-item-id'));
  window.addEventListener('kiosk-sync', (e) => {
    if (e.detail.type !== 'switch') return;
    w.switches.push({ k: e.detail.k, item: document.querySelector('[data-testid=stage]').dataset.item, seen: seen() });
  });
  const tick = () => {
    if (w.switches.length > 0) {
      w.frames += 1;
      if (seen().length !== 1) w.badFrames += 1;
    }
    requestAnimationFrame(tick);
  };
  requestAnimationFrame(tick);
  window.__watched = w;
})()`;

const watched = (page: Page): Promise<Watched> => page.evaluate(() => (window as unknown as { __watched: Watched }).__watched);

describe('a lobby of synced screens (cards only)', () => {
  // Two browsers: a second tab in one browser would be a hidden page, whose timers are throttled.
  let browsers: Browser[] = [];
  let player: RunningPlayer;
  let dir: string;

  beforeAll(async () => {
    dir = await fs.mkdtemp(join(tmpdir(), 'kiosk-sync-e2e-'));
    const playlist = await writeTempPlaylist(dir, {
      pack: ['pack/slogans.zh-CN.json', 'pack/cases.json', 'pack/slides.json'],
      ticker: { sources: [{ type: 'slogans' }] },
      stage: [
        { type: 'next-notice', variant: 'help', seconds: 1.5 },
        { type: 'case-of-the-day', seconds: 1.5 },
        { type: 'next-notice', variant: 'notice', seconds: 1.5 },
      ],
      sync: { group: 'e2e-lobby' },
    });
    browsers = await Promise.all([launchChromium(), launchChromium()]);
    player = await startPlayer({ playlist });
  });
  afterAll(async () => {
    for (const b of browsers) await b.close();
    await player?.close();
    await fs.rm(dir, { recursive: true, force: true });
  });

  it('two screens show the same card for each item, one layer at a time, the item the stage names', async () => {
    const pages = await Promise.all(browsers.map((browser) => openPlayer(browser, player.url, { width: 960, height: 540 })));
    for (const page of pages) {
      await page.waitForSelector('[data-testid=stage][data-synced="1"]');
      await page.evaluate(WATCH);
    }
    await expect.poll(async () => Math.min(...(await Promise.all(pages.map(async (p) => (await watched(p)).switches.length)))), { timeout: 90_000, interval: 250 }).toBeGreaterThanOrEqual(6);
    await saveArtifact(pages[0]!, 'sync-stage-card.png');
    const [a, b] = await Promise.all(pages.map(watched));

    for (const w of [a!, b!]) {
      // At each switch the one opaque layer holds the item the stage names: no blank, no overlap.
      for (const s of w.switches) expect(s.seen).toEqual([s.item]);
      expect(w.frames).toBeGreaterThan(0);
      expect(w.badFrames).toBe(0);
    }
    const itemsOf = (w: Watched): Map<number, string> => new Map(w.switches.map((s) => [s.k, s.item]));
    const [itemsA, itemsB] = [itemsOf(a!), itemsOf(b!)];
    const common = [...itemsA.keys()].filter((k) => itemsB.has(k));
    expect(common.length).toBeGreaterThanOrEqual(5);
    for (const k of common) expect(itemsB.get(k)).toBe(itemsA.get(k));
    expect(new Set(common.map((k) => itemsA.get(k))).size).toBeGreaterThanOrEqual(3);
  }, 150_000);
});
