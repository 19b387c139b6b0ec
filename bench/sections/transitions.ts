import type { CDPSession, Page } from 'playwright-core';
import type { BenchContext } from '../lib/context';
import { CLIP_FPS } from '../lib/fixture';
import { startPlayer } from '../lib/player';
import { darkFraction, decodePng } from '../lib/png';
import { fmt, median, percentile, type Budget, type Section } from '../lib/report';
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

async function record(ctx: BenchContext, name: string, url: string, stageSelector: string, wanted: number): Promise<Run> {
  const browser = await ctx.browser(false);
  const context = await browser.newContext({ viewport: { width: 1920, height: 1080 } });
  try {
    const page = await context.newPage();
    await page.addInitScript(STAGE_RECORDER);
    await page.goto(url);
    await page.waitForFunction(() => document.querySelector('video')?.currentSrc, undefined, { timeout: 30_000 });
    await page.waitForTimeout(1000);
    const stopWatch = await startBlackWatch(page, stageSelector);
    await page.evaluate(() => (window as unknown as { __stageLog: { take(): unknown } }).__stageLog.take());
    const started = Date.now();
    // Each change of the on-screen item is one transition; wait for `wanted` of them.
    const limitMs = wanted * 3000 + 30_000; // generous: a stuck stage fails the run instead of hanging
    await page.waitForFunction((n) => (window as unknown as { __stageLog: { changes(): number } }).__stageLog.changes() >= n, wanted + 1, {
      timeout: limitMs,
      polling: 500,
    });
    const log = await page.evaluate(() => (window as unknown as { __stageLog: { take(): StageLog } }).__stageLog.take());
    const watch = await stopWatch();
    const transitions = transitionsOf(log).slice(0, wanted);
    if (transitions.length < wanted * 0.9) throw new Error(`${name}: only ${transitions.length} of ${wanted} transitions could be measured`);
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

export async function transitionSections(ctx: BenchContext): Promise<Section[]> {
  const wanted = ctx.quick ? 30 : 200;
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
  let ours: Run;
  try {
    ctx.log(`transitions: kiosk stage, ${wanted}`);
    ours = await record(ctx, 'kiosk stage (2-video pool)', player.url, '[data-testid="stage"]', wanted);
  } finally {
    await player.close();
  }
  ctx.log(`transitions: naive single <video>, ${wanted}`);
  const clips = ctx.fixture.clips.map((_, i) => `${ctx.pagesUrl}/clips/clip-${i}.webm`).join(',');
  const naive = await record(ctx, 'naive single <video>, src swapped on ended', `${ctx.pagesUrl}/naive-video.html?clips=${encodeURIComponent(clips)}`, 'video', wanted);

  const frameMs = 1000 / CLIP_FPS;
  const worstP95 = (run: Run, kind?: string): number => percentile(run.transitions.filter((t) => !kind || t.kind === kind).map((t) => t.gapMs), 95);
  const oursVideo = ours.transitions.filter((t) => t.kind === 'video→video').map((t) => t.gapMs);
  const naiveGaps = naive.transitions.map((t) => t.gapMs);
  const budgets: Budget[] = [
    {
      name: `stage: no black frame in ${wanted} transitions`,
      met: ours.blackFrames === 0,
      figure: `${ours.blackFrames} black of ${ours.screencastFrames} composited frames sampled (naive: ${naive.blackFrames} of ${naive.screencastFrames})`,
    },
    {
      name: 'stage: gap at most one content frame beyond the normal cadence (p95, all transition kinds)',
      met: worstP95(ours) <= ours.cadenceMs + frameMs,
      figure: `p95 ${fmt(worstP95(ours), 1)} ms vs cadence ${fmt(ours.cadenceMs, 1)} ms + ${fmt(frameMs, 1)} ms = ${fmt(ours.cadenceMs + frameMs, 1)} ms (max ${fmt(Math.max(...ours.transitions.map((t) => t.gapMs)), 1)} ms)`,
    },
    {
      name: 'stage: video→video gap below the naive baseline',
      met: median(oursVideo) < median(naiveGaps) && percentile(oursVideo, 95) < percentile(naiveGaps, 95),
      figure: `median ${fmt(median(oursVideo), 1)} vs ${fmt(median(naiveGaps), 1)} ms, p95 ${fmt(percentile(oursVideo, 95), 1)} vs ${fmt(percentile(naiveGaps, 95), 1)} ms`,
    },
  ];
  return [
    {
      id: 'transitions',
      title: `Stage transitions, 1920×1080 headless: ${wanted} per player, ${CLIP_FPS} fps VP9 clips of 1 s`,
      columns: ['player', 'transition', 'count', 'median gap ms', 'p95 gap ms', 'max gap ms', 'cadence ms', 'black frames / sampled'],
      rows: [...rowsOf(ours), ...rowsOf(naive)],
      budgets,
      notes: [
        "Gap: the outgoing item's last presented frame (requestVideoFrameCallback, or the last rendering opportunity for a card) to the incoming item's first frame on screen (its first rendering opportunity after the swap, or its first presented frame if later).",
        'Cadence: the median spacing of presented frames inside a clip. Black frames: screencast frames (CDP, 240 px wide PNG) whose stage area is more than 99.5% near-black.',
      ],
      data: { ours, naive },
    },
  ];
}
