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

/**
 * How bin/kiosk.js runs the CLI (the prebuilt bundle, or the TypeScript sources through tsx),
 * or the floor: a bare Node process serving a static page with the player's fonts.
 */
type CliPath = 'bundle' | 'sources' | 'static';

/** The budget: first content within this many times the static page's, in the same rounds. */
const STATIC_RATIO = 2;

function spawnArm(ctx: BenchContext, path: CliPath, args: readonly string[]): ChildProcess {
  // No proxy and no feed sources: the player starts as it would offline.
  const env = { ...process.env, HTTP_PROXY: '', HTTPS_PROXY: '', http_proxy: '', https_proxy: '', KIOSK_CLI: path };
  if (path === 'static') {
    const port = args[args.indexOf('--port') + 1] ?? '0';
    const script = resolve(ctx.appRoot, 'bench/lib/static-serve.mjs');
    return spawn(process.execPath, [script, resolve(ctx.appRoot, 'out/bench'), 'startup-static.html', port], { stdio: ['ignore', 'pipe', 'pipe'], env });
  }
  return spawn(process.execPath, [resolve(ctx.appRoot, 'bin/kiosk.js'), 'serve', ...args], { cwd: ctx.fixture.dir, stdio: ['ignore', 'pipe', 'pipe'], env });
}

interface Arm {
  readonly path: CliPath;
  readonly cold: Run;
  readonly warm: Run[];
}

/** One start: spawn `kiosk serve`, open its URL as soon as it is printed, time first content. */
async function startOnce(ctx: BenchContext, context: BrowserContext, path: CliPath, args: readonly string[]): Promise<Run> {
  const page = await context.newPage();
  const started = Date.now();
  const child = spawnArm(ctx, path, args);
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

const ARM_LABEL: Readonly<Record<CliPath, string>> = {
  bundle: 'prebuilt bundle',
  sources: 'sources via tsx',
  static: 'static page, same fonts (floor)',
};

function rowsOf(arms: readonly Arm[]): string[][] {
  return arms.flatMap((arm) =>
    STEPS.map(([label, f]) => {
      const warm = arm.warm.map(f);
      const mid = median(warm);
      const spread = median(warm.map((v) => Math.abs(v - mid)));
      return [ARM_LABEL[arm.path], label, fmt(f(arm.cold), 0), fmt(mid, 0), `± ${fmt(spread, 0)}`, fmt(Math.min(...warm), 0), fmt(Math.max(...warm), 0)];
    }),
  );
}

/** First content from the bundle against the static page's, round by round: `812 ms = 1.9× static page (430 ms)`. */
function startupBudget(arms: readonly Arm[]): Budget {
  const warm = (path: CliPath): Run[] => arms.find((a) => a.path === path)?.warm ?? [];
  const bundle = warm('bundle');
  const floor = warm('static');
  const verdict = judge(bundle.map((r) => r.contentMs), floor.map((r) => STATIC_RATIO * r.contentMs), false);
  const kiosk = median(bundle.map((r) => r.contentMs));
  const page = median(floor.map((r) => r.contentMs));
  const ratio = median(bundle.map((r, i) => r.contentMs / (floor[i]?.contentMs ?? Number.NaN)));
  const sources = warm('sources');
  return judgedBudget(
    `start-up: first content offline within ${STATIC_RATIO}× a static page with the same fonts`,
    verdict.verdict,
    `${fmt(kiosk, 0)} ms = ${fmt(ratio, 1)}× static page (${fmt(page, 0)} ms); median of ${verdict.rounds} interleaved warm rounds, kiosk − ${STATIC_RATIO}× page ${fmt(verdict.difference, 0)} ± ${fmt(verdict.spread, 0)} ms` +
      `; cold first start ${fmt(arms.find((a) => a.path === 'bundle')?.cold.contentMs, 0)} ms${sources.length ? `; from sources via tsx ${fmt(median(sources.map((r) => r.contentMs)), 0)} ms` : ''}`,
    verdict,
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
  const paths: readonly CliPath[] = ctx.quick ? ['bundle', 'static'] : ['bundle', 'static', 'sources'];
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
  const budgets: Budget[] = [startupBudget(arms)];
  return {
    id: 'startup',
    title: `Start-up: \`kiosk serve\` process start to first content painted (offline; one cold start, then ${rounds} interleaved warm rounds)`,
    columns: ['CLI run from', 'process start →', 'cold ms', 'warm median ms', 'spread (MAD)', 'min ms', 'max ms'],
    rows: rowsOf(arms),
    budgets,
    notes: [
      "The floor is a bare Node process (bench/lib/static-serve.mjs) serving a static page with one line of ticker text in the player's own @fontsource fonts; it is started, opened and timed exactly like `kiosk serve`, in the same rounds.",
      'Chromium is already running (its own start is not counted: on a kiosk it is the Electron shell, which cannot be downloaded here); the page is opened as soon as the URL is printed.',
      'No feed sources are configured, so nothing waits on the network. bin/kiosk.js runs the prebuilt CLI bundle (out/cli/, made by `npm run build:web`) when it is at least as new as src/, else the TypeScript sources through tsx; KIOSK_CLI=bundle|sources forces one, so both are measured side by side.',
    ],
    data: { arms, judgement: budgets[0]?.judgement },
  };
}
