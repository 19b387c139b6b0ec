import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp } from 'node:fs/promises';
import { createServer } from 'node:net';
import { join, resolve } from 'node:path';
import type { BenchContext } from '../lib/context';
import { fmt, median, type Budget, type Section } from '../lib/report';

/** Records, in epoch ms, the first frame in which the ticker text or a stage item is in the page. */
const FIRST_CONTENT = `
(() => {
  window.__firstContent = null;
  const shown = () => {
    const copy = document.querySelector('[data-testid="ticker"] .ticker-copy');
    const view = document.querySelector('[data-testid="stage"]')?.getAttribute('data-view');
    return (copy && copy.textContent.trim() !== '') || view === 'card' || view === 'video';
  };
  const tick = (t) => {
    if (shown()) { window.__firstContent = performance.timeOrigin + t; return; }
    requestAnimationFrame(tick);
  };
  requestAnimationFrame(tick);
})();
`;

async function freePort(): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const address = s.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      s.close(() => resolvePort(port));
    });
  });
}

function waitForUrl(child: ChildProcess): Promise<{ url: string; at: number }> {
  return new Promise((resolveUrl, reject) => {
    let out = '';
    let err = '';
    const timer = setTimeout(() => reject(new Error(`kiosk serve printed no URL in 30 s: ${err.slice(0, 400)}`)), 30_000);
    child.stderr?.on('data', (d: Buffer) => void (err += d.toString()));
    child.stdout?.on('data', (d: Buffer) => {
      out += d.toString();
      const match = /Browser player: (\S+)/.exec(out);
      if (match?.[1]) {
        clearTimeout(timer);
        resolveUrl({ url: match[1], at: Date.now() });
      }
    });
    child.once('exit', (code) => reject(new Error(`kiosk serve exited with ${code}: ${err.slice(0, 400)}`)));
  });
}

interface Run { readonly listeningMs: number; readonly contentMs: number; readonly fcpMs: number }

export async function startupSection(ctx: BenchContext): Promise<Section> {
  const config = await ctx.fixture.writeConfig('startup', {
    layout: 'landscape',
    pack: ['pack/slogans.json', 'pack/clips.json', 'pack/cases.json'],
    ticker: { sources: [{ type: 'slogans' }], speed: ctx.speed },
    stage: [{ type: 'case-of-the-day', seconds: 20 }, { type: 'next-video' }],
  });
  const dataDir = await mkdtemp(join(ctx.fixture.dir, 'startup-'));
  const port = await freePort();
  const browser = await ctx.browser(false);
  // One context for every run: the browser's HTTP cache stays warm, as on a kiosk that restarts.
  const context = await browser.newContext({ viewport: { width: 1920, height: 1080 } });
  await context.addInitScript(FIRST_CONTENT);
  const runs: Run[] = [];
  const total = ctx.quick ? 3 : 6;
  try {
    for (let i = 0; i < total; i++) {
      const page = await context.newPage();
      const started = Date.now();
      const child = spawn(process.execPath, [resolve(ctx.appRoot, 'bin/kiosk.js'), 'serve', '--port', String(port), '--config', config, '--data', dataDir], {
        cwd: ctx.fixture.dir,
        stdio: ['ignore', 'pipe', 'pipe'],
        // No proxy and no feed sources: the player starts as it would offline.
        env: { ...process.env, HTTP_PROXY: '', HTTPS_PROXY: '', http_proxy: '', https_proxy: '' },
      });
      try {
        const listening = await waitForUrl(child);
        await page.goto(listening.url);
        await page.waitForFunction(() => (window as unknown as { __firstContent: number | null }).__firstContent !== null, undefined, { timeout: 30_000 });
        // The paint timing entry is queued after the frame is presented.
        await page.waitForFunction(() => performance.getEntriesByName('first-contentful-paint').length > 0, undefined, { timeout: 5000 }).catch(() => undefined);
        const painted = await page.evaluate(() => ({
          content: (window as unknown as { __firstContent: number }).__firstContent,
          fcp: performance.timeOrigin + (performance.getEntriesByName('first-contentful-paint')[0]?.startTime ?? Number.NaN),
        }));
        // The first run fills the OS file cache, tsx's transform cache and the HTTP cache.
        if (i > 0) runs.push({ listeningMs: listening.at - started, contentMs: painted.content - started, fcpMs: painted.fcp - started });
      } finally {
        await page.close();
        await new Promise<void>((r) => {
          child.once('exit', () => r());
          child.kill('SIGTERM');
        });
      }
    }
  } finally {
    await context.close();
  }
  const content = median(runs.map((r) => r.contentMs));
  const budgets: Budget[] = [
    { name: 'start-up: first content within 1.5 s of process start, offline', met: content <= 1500, figure: `${fmt(content, 0)} ms (median of ${runs.length} warm runs; worst ${fmt(Math.max(...runs.map((r) => r.contentMs)), 0)} ms)` },
  ];
  return {
    id: 'startup',
    title: `Start-up: \`kiosk serve\` process start to first content painted (warm cache, offline, median of ${runs.length})`,
    columns: ['step', 'median ms', 'min ms', 'max ms'],
    rows: (
      [
        ['process start → "Browser player: URL" printed', (r: Run) => r.listeningMs],
        ['process start → first contentful paint', (r: Run) => r.fcpMs],
        ['process start → ticker text or stage item painted', (r: Run) => r.contentMs],
      ] as const
    ).map(([label, f]) => [label, fmt(median(runs.map(f)), 0), fmt(Math.min(...runs.map(f)), 0), fmt(Math.max(...runs.map(f)), 0)]),
    budgets,
    notes: [
      'Chromium is already running (its own start is not counted: on a kiosk it is the Electron shell, which cannot be downloaded here); the page is opened as soon as the URL is printed.',
      'No feed sources are configured, so nothing waits on the network. bin/kiosk.js runs the prebuilt CLI bundle (out/cli/main.js, made by `npm run build:web`) when it is up to date, else the TypeScript sources through tsx.',
    ],
    data: { runs },
  };
}
