import { execFileSync } from 'node:child_process';
import { promises as fs } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, CDPSession, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startBrowserPlayer, type BrowserPlayer } from '../../src/app/browser-player';
import { ensureRendererBuilt, launchChromium, APP_ROOT } from './helpers/player';
import { holdClip, releaseClip } from './helpers/stage-hold';
import { writeTempPlaylist } from './helpers/temp-playlist';

/**
 * A few hundred timeline steps at 10,000× clock speed must leave nothing behind: no nodes
 * held outside the document, no event listeners, no timers. Unlike soak.test.ts this
 * counts at a quiet point, so the bounds can be tight: the front clip is held the way the
 * fleet's pause-motion holds it (use-motion-hold.ts), and three frames are drawn before
 * counting, so the stage's own layout no longer refers to the card it just removed (Blink
 * keeps a removed card's layout objects, and through them its nodes, until the next
 * layout: measured with heap snapshots, docs/performance.md "Long run").
 */
const STEPS = 600;
const RATE = 10_000;
/**
 * Slack between the two checkpoints, fixed, not per step. A card is 6–19 nodes; one card
 * prepared or released around the hold may be alive at one checkpoint and not the other.
 * A leak of one node, listener or timer per loop pass (8 steps) would add 75 over the run; one
 * per step, 600. Without a leak the quiet checkpoints measured 0 → 0 nodes, 218 → 218
 * listeners, 5 → 5 timers.
 */
const NODE_SLACK = 20;
const LISTENER_SLACK = 8;
const TIMER_SLACK = 3;

const COUNTERS = `(() => {
  const s = { steps: 0, timeouts: new Set(), intervals: new Set() };
  const f = window.fetch.bind(window);
  window.fetch = (input, init) => {
    const url = typeof input === 'string' ? input : input instanceof URL ? input.href : input.url;
    if (url.includes('api/plays')) s.steps++;
    return f(input, init);
  };
  const st = window.setTimeout, ct = window.clearTimeout, si = window.setInterval, ci = window.clearInterval;
  window.setTimeout = function (fn, ms, ...rest) {
    const id = st.call(window, function () { s.timeouts.delete(id); if (typeof fn === 'function') fn.apply(this, arguments); }, ms, ...rest);
    s.timeouts.add(id);
    return id;
  };
  window.clearTimeout = (id) => { s.timeouts.delete(id); ct.call(window, id); };
  window.setInterval = function (...args) { const id = si.apply(window, args); s.intervals.add(id); return id; };
  window.clearInterval = (id) => { s.intervals.delete(id); ci.call(window, id); };
  window.__longRun = s;
})();`;

interface Checkpoint {
  readonly steps: number;
  readonly detached: number;
  readonly listeners: number;
  readonly timers: number;
  readonly census: Readonly<Record<string, number>>;
}

async function detachedNodes(cdp: CDPSession): Promise<Record<string, number>> {
  await cdp.send('HeapProfiler.collectGarbage');
  const proto = await cdp.send('Runtime.evaluate', { expression: 'Node.prototype' });
  const { objects } = await cdp.send('Runtime.queryObjects', { prototypeObjectId: proto.result.objectId ?? '', objectGroup: 'long-run' });
  const counted = await cdp.send('Runtime.callFunctionOn', {
    objectId: objects.objectId ?? '',
    // The array holds the prototypes too (HTMLElement.prototype …), whose getters throw: skipped.
    functionDeclaration: 'function () { const out = {}; for (const n of this) { try { if (n.isConnected) continue; out[n.nodeName] = (out[n.nodeName] || 0) + 1; } catch { } } return out; }',
    returnByValue: true,
  });
  await cdp.send('Runtime.releaseObjectGroup', { objectGroup: 'long-run' });
  return counted.result.value as Record<string, number>;
}

async function checkpoint(page: Page, cdp: CDPSession): Promise<Checkpoint> {
  await holdClip(page);
  const steps = await page.evaluate(() => (window as unknown as { __longRun: { steps: number } }).__longRun.steps);
  try {
    const census = await detachedNodes(cdp);
    const { jsEventListeners } = await cdp.send('Memory.getDOMCounters');
    const timers = await page.evaluate(() => { const c = (window as unknown as { __longRun: { timeouts: Set<number>; intervals: Set<number> } }).__longRun; return c.timeouts.size + c.intervals.size; });
    const detached = Object.values(census).reduce((a, b) => a + b, 0);
    return { steps, detached, listeners: jsEventListeners, timers, census };
  } finally {
    await releaseClip(page);
  }
}

let browser: Browser;
let player: BrowserPlayer;
let dir: string;

beforeAll(async () => {
  await ensureRendererBuilt();
  dir = await fs.mkdtemp(join(tmpdir(), 'kiosk-long-run-'));
  await fs.mkdir(join(dir, 'media'));
  for (const [name, colour] of [['a', '0x1f5fa8'], ['b', '0xa8501f']] as const) {
    execFileSync('ffmpeg', ['-v', 'error', '-f', 'lavfi', '-i', `color=c=${colour}:s=320x180:r=30:d=2`, '-c:v', 'libvpx-vp9', '-b:v', '100k', '-an', join(dir, `media/clip-${name}.webm`)]);
  }
  const clips = { items: ['a', 'b'].map((n) => ({ kind: 'video', id: `clip-${n}`, locale: 'zh-CN', title: `测试片段 ${n}`, file: `media/clip-${n}.webm` })) };
  const playlist = await writeTempPlaylist(
    dir,
    {
      pack: ['pack/slogans.zh-CN.json', 'pack/cases.json', 'pack/slides.json', 'clips.json'],
      stage: [
        { type: 'next-video' }, { type: 'next-notice', variant: 'help', seconds: 5 }, { type: 'case-of-the-day', seconds: 5 },
        { type: 'next-notice', variant: 'notice', seconds: 5 }, { type: 'next-notice', variant: 'notice', seconds: 5 },
        { type: 'next-video' }, { type: 'next-notice', variant: 'notice', seconds: 5 }, { type: 'next-notice', variant: 'notice', seconds: 5 },
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

describe('long run', () => {
  it(`leaves no detached nodes, listeners or timers behind after ${STEPS} steps`, async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 720 } });
    await page.addInitScript(COUNTERS);
    await page.goto(`${player.url}?now=${encodeURIComponent('2026-03-02T09:00:00+08:00')}&rate=${RATE}`);
    const cdp = await page.context().newCDPSession(page);
    await cdp.send('HeapProfiler.enable');
    await cdp.send('Runtime.enable');
    // Warm-up: fonts, QR codes and React's first renders are not growth.
    await page.waitForFunction(() => (window as unknown as { __longRun: { steps: number } }).__longRun.steps >= 40, undefined, { timeout: 120_000, polling: 500 });
    const early = await checkpoint(page, cdp);
    await page.waitForFunction((n) => (window as unknown as { __longRun: { steps: number } }).__longRun.steps >= n, early.steps + STEPS, { timeout: 600_000, polling: 1000 });
    const end = await checkpoint(page, cdp);
    console.log(`long run: steps ${early.steps} → ${end.steps}; detached nodes ${early.detached} → ${end.detached} ${JSON.stringify(end.census)}; listeners ${early.listeners} → ${end.listeners}; pending timers ${early.timers} → ${end.timers}`);
    expect(end.steps - early.steps).toBeGreaterThanOrEqual(STEPS);
    expect.soft(end.detached).toBeLessThanOrEqual(early.detached + NODE_SLACK);
    expect.soft(end.listeners).toBeLessThanOrEqual(early.listeners + LISTENER_SLACK);
    expect.soft(end.timers).toBeLessThanOrEqual(early.timers + TIMER_SLACK);
  }, 900_000);
});
