import type { Page } from 'playwright-core';

/**
 * Installed before any page script: a requestAnimationFrame recorder (frame deltas) and a
 * position sampler (where the moving element is each frame, for the whole-pixel check).
 * Kept as plain JS text because it runs inside the page, not through the bench's loader.
 */
export const FRAME_RECORDER = `
(() => {
  let times = null;
  let samples = null;
  let raf = 0;
  const loop = (t) => {
    if (times) times.push(t);
    if (samples) {
      const el = document.querySelector(samples.selector);
      samples.xs.push(el ? el.getBoundingClientRect().left : NaN);
      samples.times.push(t);
    }
    raf = requestAnimationFrame(loop);
  };
  window.__bench = {
    startFrames() { times = []; cancelAnimationFrame(raf); raf = requestAnimationFrame(loop); },
    stopFrames() { const t = times || []; times = null; cancelAnimationFrame(raf); return t; },
    startPositions(selector) { samples = { selector, xs: [], times: [] }; cancelAnimationFrame(raf); raf = requestAnimationFrame(loop); },
    stopPositions() { const s = samples || { xs: [], times: [] }; samples = null; cancelAnimationFrame(raf); return s; },
  };
})();
`;

export interface FrameStats {
  readonly frames: number;
  readonly intervalMs: number;
  readonly late: number;
  readonly p99Ms: number;
  readonly maxMs: number;
}

/** The refresh interval is the median delta; a frame is late beyond 1.5 times it. */
export function frameStats(times: readonly number[], nominalHz = 60): FrameStats {
  const deltas = times.slice(1).map((t, i) => t - (times[i] ?? t));
  const interval = 1000 / nominalHz;
  const sorted = [...deltas].sort((a, b) => a - b);
  return {
    frames: deltas.length,
    intervalMs: interval,
    late: deltas.filter((d) => d > 1.5 * interval).length,
    p99Ms: sorted[Math.max(0, Math.ceil(sorted.length * 0.99) - 1)] ?? Number.NaN,
    maxMs: sorted[sorted.length - 1] ?? Number.NaN,
  };
}

export interface StepStats {
  /** Share of frames drawn at a whole-pixel x position. */
  readonly wholePixelShare: number;
  /** Share of frames whose step equals the most common step (steady motion). */
  readonly steadyShare: number;
  readonly commonStepPx: number;
  /** Speed measured from the positions, px per second of frame time. */
  readonly speedPxPerSec: number;
}

export function stepStats(xs: readonly number[], frameMs: readonly number[]): StepStats {
  const steps: number[] = [];
  let moved = 0;
  let movedMs = 0;
  for (let i = 1; i < xs.length; i++) {
    const step = (xs[i - 1] ?? 0) - (xs[i] ?? 0);
    // A loop seam jumps back by a whole copy; it is not motion.
    if (!Number.isFinite(step) || step < -1) continue;
    steps.push(Math.round(step * 100) / 100);
    moved += step;
    movedMs += (frameMs[i] ?? 0) - (frameMs[i - 1] ?? 0);
  }
  const valid = xs.filter((x) => Number.isFinite(x));
  const whole = valid.filter((x) => Math.abs(x - Math.round(x)) < 0.01).length;
  const counts = new Map<number, number>();
  for (const s of steps) counts.set(s, (counts.get(s) ?? 0) + 1);
  const [commonStep, commonCount] = [...counts.entries()].sort((a, b) => b[1] - a[1])[0] ?? [Number.NaN, 0];
  return {
    wholePixelShare: valid.length === 0 ? 0 : whole / valid.length,
    steadyShare: steps.length === 0 ? 0 : commonCount / steps.length,
    commonStepPx: commonStep,
    speedPxPerSec: movedMs > 0 ? (moved / movedMs) * 1000 : Number.NaN,
  };
}

/** Positions of the element matching `selector` each frame for `ms`, with the frame times. */
export async function samplePositions(page: Page, selector: string, ms: number): Promise<{ xs: number[]; times: number[] }> {
  await page.evaluate((s) => (window as unknown as BenchWindow).__bench.startPositions(s), selector);
  await page.waitForTimeout(ms);
  return page.evaluate(() => (window as unknown as BenchWindow).__bench.stopPositions());
}

export async function startFrames(page: Page): Promise<void> {
  await page.evaluate(() => (window as unknown as BenchWindow).__bench.startFrames());
}

export async function stopFrames(page: Page): Promise<number[]> {
  return page.evaluate(() => (window as unknown as BenchWindow).__bench.stopFrames());
}

interface BenchWindow {
  readonly __bench: {
    startFrames(): void;
    stopFrames(): number[];
    startPositions(selector: string): void;
    stopPositions(): { xs: number[]; times: number[] };
  };
}
