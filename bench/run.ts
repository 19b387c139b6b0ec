/**
 * `npm run bench`: measures the kiosk against the libraries and approaches a user would
 * otherwise pick, in real Chromium and in Node, prints one Markdown table per section and
 * writes bench-results.json. Missed budgets are reported, not failed: the exit code is
 * non-zero only when the benchmark itself breaks.
 *
 *   node --import tsx bench/run.ts [--quick] [--out FILE] [--only ticker,transitions,...]
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { cpus } from 'node:os';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Browser } from 'playwright-core';
import { hasDisplay, launchChromium } from './lib/browser';
import { buildPages } from './lib/build-pages';
import { missingMessage, missingTools } from './lib/prerequisites';
import type { BenchContext } from './lib/context';
import { createFixture } from './lib/fixture';
import { formatSection, verdictOf, type Budget, type Section } from './lib/report';
import { benchText } from './lib/slogans';
import { serveFolders } from './lib/static-server';
import { consoleSection } from './sections/console';
import { consoleListSection } from './sections/console-list';
import { consolePagesSection } from './sections/console-pages';
import { feedSection } from './sections/feed';
import { fleetSection } from './sections/fleet';
import { fleetDashboardSection } from './sections/fleet-dashboard';
import { longRunSection } from './sections/long-run';
import { startupSection } from './sections/startup';
import { syncSection } from './sections/sync';
import { tickerSections } from './sections/ticker';
import { transitionSections } from './sections/transitions';

const APP_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const SPEED = 120;

const SECTIONS: Readonly<Record<string, (ctx: BenchContext) => Promise<Section[]>>> = {
  ticker: tickerSections,
  transitions: transitionSections,
  'long-run': async (ctx) => [await longRunSection(ctx)],
  feed: async (ctx) => [await feedSection(ctx)],
  startup: async (ctx) => [await startupSection(ctx)],
  console: async (ctx) => [await consoleSection(ctx)],
  'console-list': async (ctx) => [await consoleListSection(ctx)],
  'console-pages': async (ctx) => [await consolePagesSection(ctx)],
  fleet: async (ctx) => [await fleetSection(ctx), await fleetDashboardSection(ctx)],
  sync: async (ctx) => [await syncSection(ctx)],
};

export interface RunOptions {
  readonly quick: boolean;
  readonly out: string;
  readonly only: readonly string[] | undefined;
  /** Run `npm run build:web` once the prerequisites are known to be there (`npm run bench`). */
  readonly build: boolean;
}

export function parseArgs(args: readonly string[]): RunOptions {
  const value = (name: string): string | undefined => {
    const i = args.indexOf(`--${name}`);
    if (i >= 0) return args[i + 1];
    return args.find((a) => a.startsWith(`--${name}=`))?.slice(name.length + 3);
  };
  const only = value('only')?.split(',').filter(Boolean);
  for (const name of only ?? []) if (!(name in SECTIONS)) throw new Error(`unknown section "${name}" (one of ${Object.keys(SECTIONS).join(', ')})`);
  return { quick: args.includes('--quick'), build: args.includes('--build'), out: resolve(value('out') ?? resolve(APP_ROOT, 'bench-results.json')), only };
}

async function runAll(options: RunOptions): Promise<number> {
  const needsPlayer = (options.only ?? Object.keys(SECTIONS)).some((name) => !['feed', 'console', 'console-list', 'console-pages', 'fleet'].includes(name));
  if (needsPlayer && !existsSync(resolve(APP_ROOT, 'out/renderer/index.html'))) {
    throw new Error('out/renderer is missing: run `npm run build:web` first (npm run bench does)');
  }
  const started = Date.now();
  const log = (line: string): void => void process.stderr.write(`[bench] ${line}\n`);
  const text = await benchText(APP_ROOT);
  log('building the peer pages and generating clips');
  const [pagesDir, fixture] = await Promise.all([buildPages(APP_ROOT, text.line, SPEED), createFixture(APP_ROOT, text.slogans)]);
  const server = await serveFolders({ '/clips/': resolve(fixture.dir, 'pack/media'), '/': pagesDir });
  const browsers = new Map<boolean, Promise<Browser>>();
  const ctx: BenchContext = {
    appRoot: APP_ROOT,
    quick: options.quick,
    pagesUrl: server.url,
    fixture,
    line: text.line,
    speed: SPEED,
    browser(headed) {
      let b = browsers.get(headed);
      if (!b) browsers.set(headed, (b = launchChromium(headed)));
      return b;
    },
    log,
  };
  const sections: Section[] = [];
  try {
    for (const [name, run] of Object.entries(SECTIONS)) {
      if (options.only && !options.only.includes(name)) continue;
      log(`section: ${name}`);
      for (const section of await run(ctx)) {
        sections.push(section);
        process.stdout.write(`${formatSection(section)}\n`);
      }
    }
  } finally {
    for (const b of browsers.values()) await (await b).close().catch(() => undefined);
    await server.close();
    await fixture.cleanup();
  }
  const budgets = sections.flatMap((s) => s.budgets);
  const missed = budgets.filter((b) => verdictOf(b) === 'missed');
  const noisy = budgets.filter((b) => verdictOf(b) === 'within noise');
  const result = {
    date: new Date().toISOString(),
    quick: options.quick,
    machine: { cpus: cpus().length, cpu: cpus()[0]?.model ?? 'unknown', node: process.version, platform: process.platform },
    durationSeconds: Math.round((Date.now() - started) / 1000),
    summary: {
      budgets: budgets.length,
      met: budgets.length - missed.length - noisy.length,
      missed: missed.map((b) => b.name),
      withinNoise: noisy.map((b) => b.name),
    },
    sections: sections.map((s) => ({ ...s, budgets: s.budgets.map(withVerdict) })),
  };
  await writeFile(options.out, JSON.stringify(result, null, 2) + '\n');
  process.stdout.write(`\n${result.summary.met} of ${budgets.length} budgets met, ${noisy.length} within noise; results in ${options.out} (${result.durationSeconds} s)\n`);
  for (const b of [...missed, ...noisy]) process.stdout.write(`  ${verdictOf(b).toUpperCase()} ${b.name}: ${b.figure}\n`);
  return 0;
}

/** Every budget in the JSON carries its figure, its spread (null for a single measurement) and its verdict. */
function withVerdict(b: Budget): Budget & { readonly verdict: string; readonly spread: number | null } {
  return { ...b, verdict: verdictOf(b), spread: b.judgement?.spread ?? null };
}

/** The strip must be measured headed (headless draws short viewports at 1 fps): get a display. */
function reRunUnderXvfb(args: readonly string[]): number | undefined {
  if (hasDisplay() || process.env.KIOSK_BENCH_NO_XVFB === '1') return undefined;
  const probe = spawnSync('xvfb-run', ['--help'], { stdio: 'ignore' });
  if (probe.error) return undefined;
  const child = spawnSync(
    'xvfb-run',
    ['-a', '-s', '-screen 0 1920x1080x24', process.execPath, ...process.execArgv.filter((a) => a === '--expose-gc'), '--import', 'tsx', fileURLToPath(import.meta.url), ...args],
    { stdio: 'inherit', env: { ...process.env, KIOSK_BENCH_NO_XVFB: '1' } },
  );
  return child.status ?? 1;
}

/** Exit code when a program the chosen sections need is not installed (nothing was run). */
export const EXIT_MISSING_TOOL = 2;

export async function main(args: readonly string[]): Promise<number> {
  const options = parseArgs(args);
  const missing = missingTools(options.only ?? Object.keys(SECTIONS), process.env);
  if (missing.length > 0) {
    process.stderr.write(`${missingMessage(missing)}\n`);
    return EXIT_MISSING_TOOL;
  }
  if (options.build) {
    // After the check, so a fresh machine learns what to install before a minute of building.
    const built = spawnSync('npm', ['run', 'build:web'], { cwd: APP_ROOT, stdio: 'inherit' });
    if (built.status !== 0) throw new Error(`npm run build:web failed (exit ${built.status ?? built.signal})`);
  }
  const viaXvfb = reRunUnderXvfb(args.filter((a) => a !== '--build'));
  if (viaXvfb !== undefined) return viaXvfb;
  if (!hasDisplay()) process.stderr.write('[bench] no display and no xvfb-run: the strip cannot be measured headed\n');
  return runAll(options);
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  main(process.argv.slice(2)).then(
    (code) => process.exit(code),
    (error: unknown) => {
      process.stderr.write(`[bench] the benchmark broke: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
      process.exit(1);
    },
  );
}
