import type { CDPSession, Page } from 'playwright-core';
import { detachedNodes, domCounters, heapAfterGc, mediaElements } from '../lib/browser';
import type { BenchContext } from '../lib/context';
import { startPlayer } from '../lib/player';
import { fmt, mb, type Budget, type Section } from '../lib/report';

/** Counts play events (one per timeline step) and the most <video> elements ever in the page. */
const STEP_COUNTER = `
(() => {
  const state = { steps: 0, maxVideos: 0 };
  const original = window.fetch.bind(window);
  window.fetch = (input, init) => {
    const url = typeof input === 'string' ? input : input instanceof URL ? input.href : input.url;
    if (url.includes('api/plays')) state.steps++;
    return original(input, init);
  };
  const count = () => { state.maxVideos = Math.max(state.maxVideos, document.getElementsByTagName('video').length); };
  new MutationObserver(count).observe(document, { subtree: true, childList: true });
  window.__longRun = state;
})();
`;

const RATE = 10_000;

interface Snapshot {
  readonly steps: number;
  readonly heap: number;
  readonly nodes: number;
  readonly listeners: number;
  readonly documents: number;
  readonly videos: number;
  readonly mediaAlive: number;
  readonly mediaDetached: number;
  /** Nodes in the document by type (`DIV`, `#text` …): which kind grows, when one does. */
  readonly census: Readonly<Record<string, number>>;
  /** Nodes JS still holds outside the document, by node name. */
  readonly detached: Readonly<Record<string, number>>;
}

/** Every node in the document, counted by tag name (elements) or node name (text, comments). */
const domCensus = (page: Page): Promise<Record<string, number>> =>
  page.evaluate(() => {
    const counts: Record<string, number> = {};
    const walker = document.createTreeWalker(document, NodeFilter.SHOW_ALL);
    for (let n: Node | null = walker.currentNode; n; n = walker.nextNode()) {
      const name = n instanceof Element ? n.tagName : n.nodeName;
      counts[name] = (counts[name] ?? 0) + 1;
    }
    return counts;
  });

/** What differs between two censuses, biggest change first: `DIV +12, #text +30`. */
export function censusChange(before: Readonly<Record<string, number>>, after: Readonly<Record<string, number>>): string {
  const names = [...new Set([...Object.keys(before), ...Object.keys(after)])];
  const changes = names.map((n) => [n, (after[n] ?? 0) - (before[n] ?? 0)] as const).filter(([, d]) => d !== 0);
  changes.sort((a, b) => Math.abs(b[1]) - Math.abs(a[1]));
  return changes.length === 0 ? 'none' : changes.map(([n, d]) => `${n} ${d > 0 ? '+' : ''}${d}`).join(', ');
}

const steps = (page: Page): Promise<number> => page.evaluate(() => (window as unknown as { __longRun: { steps: number } }).__longRun.steps);

/**
 * Figures taken while a video is on the stage (no card layer), so before and after compare
 * the same screen; the least of five samples keeps a render in flight from counting.
 */
async function snapshot(page: Page, cdp: CDPSession): Promise<Snapshot> {
  const samples: Snapshot[] = [];
  for (let i = 0; i < 5; i++) {
    await page.waitForFunction(() => document.querySelector('[data-testid="stage"]')?.getAttribute('data-view') === 'video', undefined, { polling: 'raf', timeout: 60_000 });
    const heap = await heapAfterGc(cdp);
    const dom = await domCounters(cdp);
    const videos = await page.evaluate(() => document.getElementsByTagName('video').length);
    const media = await mediaElements(cdp);
    const census = await domCensus(page);
    const detached = await detachedNodes(cdp);
    samples.push({ detached,  steps: await steps(page), heap, nodes: dom.nodes, listeners: dom.listeners, documents: dom.documents, videos, mediaAlive: media.alive, mediaDetached: media.detached, census });
  }
  const min = (f: (s: Snapshot) => number): number => Math.min(...samples.map(f));
  const total = (c: Readonly<Record<string, number>>): number => Object.values(c).reduce((a, b) => a + b, 0);
  const least = samples.reduce((a, b) => (total(b.census) < total(a.census) ? b : a));
  return {
    census: least.census,
    detached: least.detached,
    steps: samples[samples.length - 1]?.steps ?? 0,
    heap: min((s) => s.heap), nodes: min((s) => s.nodes), listeners: min((s) => s.listeners), documents: min((s) => s.documents),
    videos: min((s) => s.videos), mediaAlive: min((s) => s.mediaAlive), mediaDetached: min((s) => s.mediaDetached),
  };
}

export async function longRunSection(ctx: BenchContext): Promise<Section> {
  const wanted = ctx.quick ? 1000 : 10_000;
  const config = await ctx.fixture.writeConfig('long-run', {
    layout: 'landscape',
    pack: ['pack/slogans.json', 'pack/clips.json', 'pack/cases.json', 'pack/slides.json'],
    ticker: { sources: [{ type: 'slogans' }], speed: ctx.speed },
    stage: [
      { type: 'next-video' }, { type: 'next-notice', variant: 'help', seconds: 5 }, { type: 'case-of-the-day', seconds: 5 },
      { type: 'next-notice', variant: 'notice', seconds: 5 }, { type: 'next-notice', variant: 'notice', seconds: 5 },
      { type: 'next-video' }, { type: 'next-notice', variant: 'notice', seconds: 5 }, { type: 'next-notice', variant: 'notice', seconds: 5 },
    ],
  });
  const player = await startPlayer(ctx, config);
  const browser = await ctx.browser(false);
  const context = await browser.newContext({ viewport: { width: 1920, height: 1080 } });
  try {
    const page = await context.newPage();
    await page.addInitScript(STEP_COUNTER);
    await page.goto(`${player.url}?now=${encodeURIComponent('2025-03-03T09:00:00+08:00')}&rate=${RATE}`);
    const cdp = await page.context().newCDPSession(page);
    // Warm-up: fonts, the first QR code and React's first renders are not growth.
    await page.waitForFunction(() => (window as unknown as { __longRun: { steps: number } }).__longRun.steps >= 40, undefined, { timeout: 120_000, polling: 500 });
    const before = await snapshot(page, cdp);
    const started = Date.now();
    ctx.log(`long run: ${wanted} steps at rate ${RATE}`);
    await page.waitForFunction((n) => (window as unknown as { __longRun: { steps: number } }).__longRun.steps >= n, before.steps + wanted, {
      timeout: wanted * 200 + 60_000,
      polling: 1000,
    });
    const seconds = (Date.now() - started) / 1000;
    const after = await snapshot(page, cdp);
    const maxVideos = await page.evaluate(() => (window as unknown as { __longRun: { maxVideos: number } }).__longRun.maxVideos);
    const done = after.steps - before.steps;
    const budgets: Budget[] = [
      { name: `long run: heap growth under 2 MB after ${wanted.toLocaleString('en')} steps`, met: after.heap - before.heap < 2 * 1_048_576, figure: `${mb(after.heap - before.heap)} (${mb(before.heap)} → ${mb(after.heap)})` },
      { name: 'long run: DOM node count back to its start', met: after.nodes <= before.nodes, figure: `${before.nodes} → ${after.nodes} nodes` },
      { name: 'long run: never more than two <video> elements', met: maxVideos <= 2 && after.mediaAlive <= 2, figure: `at most ${maxVideos} in the document; ${after.mediaAlive} alive in the heap, ${after.mediaDetached} detached` },
    ];
    const line = (label: string, s: Snapshot): (string | number)[] => [
      label, String(s.steps), mb(s.heap), String(s.nodes), String(s.listeners), String(s.documents), String(s.videos), `${s.mediaAlive} / ${s.mediaDetached}`,
    ];
    return {
      id: 'long-run',
      title: `Long run: ${done.toLocaleString('en')} timeline steps at ${RATE.toLocaleString('en')}× clock speed (${fmt(seconds, 0)} s real)`,
      columns: ['when', 'play events', 'JS heap after GC', 'DOM nodes', 'JS listeners', 'documents', '<video> in DOM', 'media elements alive / detached'],
      rows: [line('before (after warm-up)', before), line('after', after)],
      budgets,
      notes: [
        `Nodes in the document (tree walk, least of the five samples): ${Object.values(before.census).reduce((a, b) => a + b, 0)} → ${Object.values(after.census).reduce((a, b) => a + b, 0)}; by type: ${censusChange(before.census, after.census)}. Memory.getDOMCounters also counts nodes alive outside the document.`,
        `Nodes JS holds outside the document (Runtime.queryObjects(Node.prototype)): ${Object.values(before.detached).reduce((a, b) => a + b, 0)} → ${Object.values(after.detached).reduce((a, b) => a + b, 0)}; by type: ${censusChange(before.detached, after.detached)}.`,
        ...(after.listeners > before.listeners
          ? [`JS event listeners grew from ${before.listeners} to ${after.listeners} (${fmt((after.listeners - before.listeners) / done, 2)} per step): something adds listeners to long-lived objects (the stage's AbortSignal, the pooled <video>s) and never removes them.`]
          : []),
        'Stage loop: 2 clips, a help slide with a QR code, the case of the day and 4 notices per pass. Cards last 5 s of fake clock; clips play at 16× (Chromium’s limit), so video steps dominate real time.',
        'Heap: Runtime.getHeapUsage after two HeapProfiler.collectGarbage; DOM: Memory.getDOMCounters; media elements: Runtime.queryObjects(HTMLMediaElement.prototype). Each figure is the least of five samples taken when a clip is on stage (the loop keeps running, so small differences are the card being drawn).',
      ],
      data: { before, after, maxVideos, seconds, rate: RATE },
    };
  } finally {
    await context.close();
    await player.close();
  }
}
