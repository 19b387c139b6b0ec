import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp } from 'node:fs/promises';
import { createServer } from 'node:net';
import { join, resolve } from 'node:path';
import type { BrowserContext } from 'playwright-core';
import type { BenchContext } from '../lib/context';
import { fmt, judgedBudget, median, type Budget, type Section } from '../lib/report';
import { interleave, judge } from '../lib/rounds';

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

/** How bin/kiosk.js runs the CLI: the prebuilt bundle, or the TypeScript sources through tsx. */
type CliPath = 'bundle' | 'sources';

interface Arm {
  readonly path: CliPath;
  readonly cold: Run;
  readonly warm: Run[];
}

/** One start: spawn `kiosk serve`, open its URL as soon as it is printed, time first content. */
async function startOnce(ctx: BenchContext, context: BrowserContext, path: CliPath, args: readonly string[]): Promise<Run> {
  const page = await context.newPage();
  const started = Date.now();
  const child = spawn(process.execPath, [resolve(ctx.appRoot, 'bin/kiosk.js'), 'serve', ...args], {
    cwd: ctx.fixture.dir,
    stdio: ['ignore', 'pipe', 'pipe'],
    // No proxy and no feed sources: the player starts as it would offline.
    env: { ...process.env, HTTP_PROXY: '', HTTPS_PROXY: '', http_proxy: '', https_proxy: '', KIOSK_CLI: path },
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
    return { listeningMs: listening.at - started, contentMs: painted.content - started, fcpMs: painted.fcp - started };
  } finally {
    await page.close();
    await new Promise<void>((r) => {
      child.once('exit', () => r());
      child.kill('SIGTERM');
    });
  }
}

const STEPS = [
  ['"Browser player: URL" printed', (r: Run) => r.listeningMs],
  ['first contentful paint', (r: Run) => r.fcpMs],
  ['ticker text or stage item painted', (r: Run) => r.contentMs],
] as const;

function rowsOf(arms: readonly Arm[]): string[][] {
  return arms.flatMap((arm) =>
    STEPS.map(([label, f]) => {
      const warm = arm.warm.map(f);
      const mid = median(warm);
      const spread = median(warm.map((v) => Math.abs(v - mid)));
      return [arm.path === 'bundle' ? 'prebuilt bundle' : 'sources via tsx', label, fmt(f(arm.cold), 0), fmt(mid, 0), `± ${fmt(spread, 0)}`, fmt(Math.min(...warm), 0), fmt(Math.max(...warm), 0)];
    }),
  );
}

export async function startupSection(ctx: BenchContext): Promise<Section> {
  const config = await ctx.fixture.writeConfig('startup', {
    layout: 'landscape',
    pack: ['pack/slogans.json', 'pack/clips.json', 'pack/cases.json'],
    ticker: { sources: [{ type: 'slogans' }], speed: ctx.speed },
    stage: [{ type: 'case-of-the-day', seconds: 20 }, { type: 'next-video' }],
  });
  const dataDir = await mkdtemp(join(ctx.fixture.dir, 'startup-'));
  const args = ['--port', String(await freePort()), '--config', config, '--data', dataDir];
  const browser = await ctx.browser(false);
  // One context for every run: the browser's HTTP cache stays warm, as on a kiosk that restarts.
  const context = await browser.newContext({ viewport: { width: 1920, height: 1080 } });
  await context.addInitScript(FIRST_CONTENT);
  const rounds = ctx.quick ? 5 : 7;
  // --quick (CI) measures the bundle only; a full run sets the sources beside it for comparison.
  const paths: readonly CliPath[] = ctx.quick ? ['bundle'] : ['bundle', 'sources'];
  let arms: Arm[];
  try {
    // The first start of each path fills the OS file cache, tsx's transform cache and the HTTP cache: shown as "cold".
    const cold = new Map<CliPath, Run>();
    for (const path of paths) cold.set(path, await startOnce(ctx, context, path, args));
    const warm = await interleave<Run>(rounds, Object.fromEntries(paths.map((path) => [path, () => startOnce(ctx, context, path, args)])));
    arms = paths.flatMap((path) => {
      const first = cold.get(path);
      return first ? [{ path, cold: first, warm: warm[path] ?? [] }] : [];
    });
  } finally {
    await context.close();
  }
  const bundle = arms[0]?.warm ?? [];
  const verdict = judge(bundle.map((r) => r.contentMs), bundle.map(() => 1500), false);
  const budgets: Budget[] = [
    judgedBudget(
      'start-up: first content within 1.5 s of process start, offline',
      verdict.verdict,
      `${fmt(verdict.value, 0)} ms ± ${fmt(verdict.spread, 0)} (median of ${verdict.rounds} warm starts from the prebuilt bundle; cold first start ${fmt(arms[0]?.cold.contentMs, 0)} ms${arms[1] ? `; from sources via tsx ${fmt(median(arms[1].warm.map((r) => r.contentMs)), 0)} ms` : ''})`,
      verdict,
    ),
  ];
  return {
    id: 'startup',
    title: `Start-up: \`kiosk serve\` process start to first content painted (offline; one cold start, then ${rounds} interleaved warm rounds)`,
    columns: ['CLI run from', 'process start →', 'cold ms', 'warm median ms', 'spread (MAD)', 'min ms', 'max ms'],
    rows: rowsOf(arms),
    budgets,
    notes: [
      'Chromium is already running (its own start is not counted: on a kiosk it is the Electron shell, which cannot be downloaded here); the page is opened as soon as the URL is printed.',
      'No feed sources are configured, so nothing waits on the network. bin/kiosk.js runs the prebuilt CLI bundle (out/cli/, made by `npm run build:web`) when it is at least as new as src/, else the TypeScript sources through tsx; KIOSK_CLI=bundle|sources forces one, so both are measured side by side.',
    ],
    data: { arms, judgement: verdict },
  };
}
