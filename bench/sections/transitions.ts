import type { CDPSession, Page } from 'playwright-core';
import type { BenchContext } from '../lib/context';
import { CLIP_FPS } from '../lib/fixture';
import { startPlayer } from '../lib/player';
import { darkFraction, decodePng } from '../lib/png';
import { fmt, judgedBudget, median, percentile, type Budget, type Section } from '../lib/report';
import { allOf, interleave, judge, type Judgement } from '../lib/rounds';
import { cadenceMs, STAGE_RECORDER, transitionsOf, type StageLog, type Transition } from '../lib/stage-recorder';

interface Box { x: number; y: number; width: number; height: number }

/**
 * Watches the composited output through a small CDP screencast and counts frames whose
 * stage area is (almost) entirely black: what a viewer would see as a black flash.
 */
async function startBlackWatch(page: Page, stageSelector: string): Promise<() => Promise<{ frames: number; black: number; blackTimes: number[] }>> {
  const cdp: CDPSession = await page.context().newCDPSession(page);
  const viewport = page.viewportSize() ?? { width: 1920, height: 1080 };
  const rect = await page.evaluate((sel) => {
    const r = document.querySelector(sel)?.getBoundingClientRect();
    return r ? { x: r.x, y: r.y, width: r.width, height: r.height } : undefined;
  }, stageSelector);
  const stage: Box = rect ?? { x: 0, y: 0, ...viewport };
  let frames = 0;
  let black = 0;
  const blackTimes: number[] = [];
  cdp.on('Page.screencastFrame', (frame) => {
    void cdp.send('Page.screencastFrameAck', { sessionId: frame.sessionId }).catch(() => undefined);
    const image = decodePng(Buffer.from(frame.data, 'base64'));
    const scale = image.width / viewport.width;
    const box = { x: Math.round(stage.x * scale), y: Math.round(stage.y * scale), width: Math.round(stage.width * scale), height: Math.round(stage.height * scale) };
    frames++;
    if (darkFraction(image, box) > 0.995) {
      black++;
      blackTimes.push(frame.metadata.timestamp ?? 0);
    }
  });
  await cdp.send('Page.startScreencast', { format: 'png', maxWidth: 240, maxHeight: 135, everyNthFrame: 1 });
  return async () => {
    await cdp.send('Page.stopScreencast').catch(() => undefined);
    await cdp.detach().catch(() => undefined);
    return { frames, black, blackTimes };
  };
}

interface Run {
  readonly name: string;
  readonly transitions: readonly Transition[];
  readonly cadenceMs: number;
  readonly screencastFrames: number;
  readonly blackFrames: number;
  readonly seconds: number;
}

async function record(ctx: BenchContext, name: string, url: string, stageSelector: string, wanted: number, cpuRate: number): Promise<Run> {
  const browser = await ctx.browser(false);
  const context = await browser.newContext({ viewport: { width: 1920, height: 1080 } });
  try {
    const page = await context.newPage();
    // A slow screen: the page's main thread runs `cpuRate` times slower (1 = as the machine is).
    if (cpuRate > 1) await (await context.newCDPSession(page)).send('Emulation.setCPUThrottlingRate', { rate: cpuRate });
    await page.addInitScript(STAGE_RECORDER);
    await page.goto(url);
    await page.waitForFunction(() => document.querySelector('video')?.currentSrc, undefined, { timeout: 30_000 });
    // Each round is a fresh page: let the kiosk show its card once (fonts and first layout of a
    // card are a once-per-process cost, not a transition's), then record from the next video.
    const stage = '[data-testid="stage"]';
    if (await page.$(stage)) {
      await page.waitForFunction((sel) => document.querySelector(sel)?.getAttribute('data-view') === 'card', stage, { timeout: 60_000, polling: 50 });
      await page.waitForFunction((sel) => document.querySelector(sel)?.getAttribute('data-view') === 'video', stage, { timeout: 60_000, polling: 50 });
    }
    await page.waitForTimeout(1000);
    const stopWatch = await startBlackWatch(page, stageSelector);
    await page.evaluate(() => (window as unknown as { __stageLog: { take(): unknown } }).__stageLog.take());
    const started = Date.now();
    // Each change of the on-screen item is one transition; wait for `wanted` of them, and two
    // spares, as one that ends outside the recording cannot be measured.
    const limitMs = wanted * 3000 + 30_000; // generous: a stuck stage fails the run instead of hanging
    await page.waitForFunction((n) => (window as unknown as { __stageLog: { changes(): number } }).__stageLog.changes() >= n, wanted + 3, {
      timeout: limitMs,
      polling: 500,
    });
    const log = await page.evaluate(() => (window as unknown as { __stageLog: { take(): StageLog } }).__stageLog.take());
    const watch = await stopWatch();
    const transitions = transitionsOf(log).slice(0, wanted);
    if (transitions.length < Math.ceil(wanted * 0.8)) throw new Error(`${name}: only ${transitions.length} of ${wanted} transitions could be measured`);
    return { name, transitions, cadenceMs: cadenceMs(log), screencastFrames: watch.frames, blackFrames: watch.black, seconds: (Date.now() - started) / 1000 };
  } finally {
    await context.close();
  }
}

function rowsOf(run: Run): (string | number)[][] {
  const kinds = [...new Set(run.transitions.map((t) => t.kind))];
  return kinds.map((kind) => {
    const gaps = run.transitions.filter((t) => t.kind === kind).map((t) => t.gapMs);
    return [run.name, kind, String(gaps.length), fmt(median(gaps), 1), fmt(percentile(gaps, 95), 1), fmt(Math.max(...gaps), 1), fmt(run.cadenceMs, 1), `${run.blackFrames} / ${run.screencastFrames}`];
  });
}

/** All rounds of one player as one run, for the table. */
function merged(runs: readonly Run[]): Run {
  const first = runs[0];
  return {
    name: first?.name ?? '',
    transitions: runs.flatMap((r) => r.transitions),
    cadenceMs: median(runs.map((r) => r.cadenceMs)),
    screencastFrames: runs.reduce((n, r) => n + r.screencastFrames, 0),
    blackFrames: runs.reduce((n, r) => n + r.blackFrames, 0),
    seconds: runs.reduce((n, r) => n + r.seconds, 0),
  };
}

const gapsOf = (run: Run, kind?: string): number[] => run.transitions.filter((t) => !kind || t.kind === kind).map((t) => t.gapMs);
const ms1 = (v: number): string => fmt(v, 1);

function budgetsOf(ours: readonly Run[], naive: readonly Run[], wanted: number, label: string): Budget[] {
  const frameMs = 1000 / CLIP_FPS;
  const all = { ours: merged(ours), naive: merged(naive) };
  const p95All = judge(ours.map((r) => percentile(gapsOf(r), 95)), ours.map((r) => r.cadenceMs + frameMs), false);
  const vvMedian = judge(ours.map((r) => median(gapsOf(r, 'video→video'))), naive.map((r) => median(gapsOf(r))), true);
  const vvP95 = judge(ours.map((r) => percentile(gapsOf(r, 'video→video'), 95)), naive.map((r) => percentile(gapsOf(r), 95)), true);
  const spread = (j: Judgement): string => `difference ${ms1(j.difference)} ± ${ms1(j.spread)} ms over ${j.rounds} rounds`;
  return [
    {
      name: `stage${label}: no black frame in ${wanted} transitions`,
      met: all.ours.blackFrames === 0,
      figure: `${all.ours.blackFrames} black of ${all.ours.screencastFrames} composited frames sampled (naive: ${all.naive.blackFrames} of ${all.naive.screencastFrames})`,
    },
    judgedBudget(
      `stage${label}: gap at most one content frame beyond the normal cadence (p95, all transition kinds)`,
      p95All.verdict,
      `p95 ${ms1(p95All.value)} ms vs cadence + ${ms1(frameMs)} ms = ${ms1(p95All.limit)} ms (median of rounds; ${spread(p95All)}; max ${ms1(Math.max(...gapsOf(all.ours)))} ms)`,
      p95All,
    ),
    judgedBudget(
      `stage${label}: video→video gap below the naive baseline (median and p95, same rounds)`,
      allOf([vvMedian, vvP95]),
      `median ${ms1(vvMedian.value)} vs ${ms1(vvMedian.limit)} ms (${spread(vvMedian)}), p95 ${ms1(vvP95.value)} vs ${ms1(vvP95.limit)} ms (${spread(vvP95)})`,
      vvP95,
    ),
  ];
}

/** A normal run, and a slow screen: Chromium's CPU throttled ×4 for kiosk and naive alike. */
const VARIANTS = [
  { cpuRate: 1, label: '', title: '' },
  { cpuRate: 4, label: ' (slow screen, CPU ×4)', title: ', slow screen (CPU throttled ×4)' },
] as const;

interface Setup {
  readonly playerUrl: string;
  readonly naiveUrl: string;
  readonly wanted: number;
  readonly rounds: number;
}

async function variantSection(ctx: BenchContext, setup: Setup, variant: (typeof VARIANTS)[number]): Promise<Section> {
  const { rounds } = setup;
  const perRound = Math.ceil(setup.wanted / rounds);
  const runs = await interleave<Run>(rounds, {
    ours: (round) => {
      ctx.log(`transitions${variant.label}: round ${round + 1}/${rounds}, kiosk stage, ${perRound}`);
      return record(ctx, 'kiosk stage (2-video pool)', setup.playerUrl, '[data-testid="stage"]', perRound, variant.cpuRate);
    },
    naive: (round) => {
      ctx.log(`transitions${variant.label}: round ${round + 1}/${rounds}, naive single <video>, ${perRound}`);
      return record(ctx, 'naive single <video>, src swapped on ended', setup.naiveUrl, 'video', perRound, variant.cpuRate);
    },
  });
  const ours = runs['ours'] ?? [];
  const naive = runs['naive'] ?? [];
  return {
    id: variant.cpuRate === 1 ? 'transitions' : 'transitions-slow',
    title: `Stage transitions${variant.title}, 1920×1080 headless: ${perRound * rounds} per player in ${rounds} interleaved rounds, ${CLIP_FPS} fps VP9 clips of 1 s`,
    columns: ['player', 'transition', 'count', 'median gap ms', 'p95 gap ms', 'max gap ms', 'cadence ms', 'black frames / sampled'],
    rows: [...rowsOf(merged(ours)), ...rowsOf(merged(naive))],
    budgets: budgetsOf(ours, naive, perRound * rounds, variant.label),
    notes: [
      "Gap: the outgoing item's last presented frame (requestVideoFrameCallback, or the last rendering opportunity for a card) to the incoming item's first frame on screen (its first rendering opportunity after the swap, or its first presented frame if later).",
      'Cadence: the median spacing of presented frames inside a clip. Black frames: screencast frames (CDP, 240 px wide PNG) whose stage area is more than 99.5% near-black.',
      `Rounds: kiosk and naive alternate (A B, B A, …); each budget is judged on the per-round differences and is MET or MISSED only when their median lies outside their spread (median absolute deviation).`,
      ...(variant.cpuRate > 1 ? [`Slow screen: CDP Emulation.setCPUThrottlingRate ${variant.cpuRate} on every page of both players, as on a cheap lobby mini PC; video decoding and compositing are not throttled.`] : []),
    ],
    data: { cpuRate: variant.cpuRate, rounds: { ours, naive } },
  };
}

export async function transitionSections(ctx: BenchContext): Promise<Section[]> {
  const clipIds = ctx.fixture.clips.map((_, i) => `clip-${i}`);
  const config = await ctx.fixture.writeConfig('stage', {
    layout: 'landscape',
    pack: ['pack/slogans.json', 'pack/clips.json', 'pack/cases.json'],
    ticker: { sources: [{ type: 'slogans' }], speed: ctx.speed },
    stage: [
      { type: 'video', id: clipIds[0] }, { type: 'video', id: clipIds[1] }, { type: 'video', id: clipIds[2] },
      { type: 'case-of-the-day', seconds: 1 }, { type: 'video', id: clipIds[3] },
    ],
  });
  const player = await startPlayer(ctx, config);
  const clips = ctx.fixture.clips.map((_, i) => `${ctx.pagesUrl}/clips/clip-${i}.webm`).join(',');
  const setup: Setup = {
    playerUrl: player.url,
    naiveUrl: `${ctx.pagesUrl}/naive-video.html?clips=${encodeURIComponent(clips)}`,
    wanted: ctx.quick ? 30 : 200,
    rounds: ctx.quick ? 5 : 8,
  };
  try {
    const sections: Section[] = [];
    for (const variant of VARIANTS) sections.push(await variantSection(ctx, setup, variant));
    return sections;
  } finally {
    await player.close();
  }
}
