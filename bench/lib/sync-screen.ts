import type { CDPSession, Page } from 'playwright-core';
import { decodePng, type Rgba } from './png';

/**
 * What a viewer of a sync bench player sees: a small CDP screencast of the page, each
 * composited frame kept as its swap time on the machine's clock (the browser process's,
 * which the page's injected clock offset does not touch) and the colours at a grid of points
 * over the stage. Only the stage's item changes those points (the ticker and header are
 * outside the stage; the sync clip's moving square stays in the middle band).
 */
export interface ScreenFrame {
  /** Swap time, ms since the epoch. */
  readonly at: number;
  readonly colours: readonly number[];
}

interface Box {
  readonly x: number;
  readonly y: number;
  readonly width: number;
  readonly height: number;
}

const COLUMNS = [0.1, 0.3, 0.5, 0.7, 0.9];
const ROWS = [0.12, 0.88];

function coloursAt(image: Rgba, stage: Box, scale: number): number[] {
  const out: number[] = [];
  for (const fy of ROWS) {
    for (const fx of COLUMNS) {
      const x = Math.min(image.width - 1, Math.round((stage.x + fx * stage.width) * scale));
      const y = Math.min(image.height - 1, Math.round((stage.y + fy * stage.height) * scale));
      const i = (y * image.width + x) * 4;
      out.push(image.data[i] ?? 0, image.data[i + 1] ?? 0, image.data[i + 2] ?? 0);
    }
  }
  return out;
}

export interface ScreenWatch {
  /** Frames so far, removed from the watch. */
  take(): ScreenFrame[];
  stop(): Promise<void>;
}

export async function watchScreen(page: Page, stageSelector: string): Promise<ScreenWatch> {
  const cdp: CDPSession = await page.context().newCDPSession(page);
  const viewport = page.viewportSize() ?? { width: 960, height: 540 };
  const stage: Box = (await page.evaluate((sel) => {
    const r = document.querySelector(sel)?.getBoundingClientRect();
    return r ? { x: r.x, y: r.y, width: r.width, height: r.height } : undefined;
  }, stageSelector)) ?? { x: 0, y: 0, ...viewport };
  let frames: ScreenFrame[] = [];
  cdp.on('Page.screencastFrame', (frame) => {
    // Acked first: the next frame is sent only once this one is, and decoding is ours to spend.
    void cdp.send('Page.screencastFrameAck', { sessionId: frame.sessionId }).catch(() => undefined);
    const image = decodePng(Buffer.from(frame.data, 'base64'));
    const at = (frame.metadata.timestamp ?? 0) * 1000;
    frames.push({ at, colours: coloursAt(image, stage, image.width / viewport.width) });
  });
  await cdp.send('Page.startScreencast', { format: 'png', maxWidth: 64, maxHeight: 36, everyNthFrame: 1 });
  return {
    take: () => {
      const out = frames;
      frames = [];
      return out;
    },
    stop: async () => {
      await cdp.send('Page.stopScreencast').catch(() => undefined);
      await cdp.detach().catch(() => undefined);
    },
  };
}

/** A point counts as changed when its colour moves this much (sum over R, G, B). */
const CHANGED = 96;

const differs = (a: readonly number[], b: readonly number[]): boolean => {
  for (let i = 0; i < a.length; i += 3) {
    const d = Math.abs((a[i] ?? 0) - (b[i] ?? 0)) + Math.abs((a[i + 1] ?? 0) - (b[i + 1] ?? 0)) + Math.abs((a[i + 2] ?? 0) - (b[i + 2] ?? 0));
    if (d >= CHANGED) return true;
  }
  return false;
};

/** How long before its instant a switch may show (a clock estimate off by this much) and how long after. */
const EARLY_MS = 60;
const LATE_MS = 600;

/**
 * When the switch scheduled for real instant `instant` reached the screen: the swap time of
 * the first frame from `EARLY_MS` before it whose stage differs from the last frame before
 * that. Undefined when no frame covers the instant (the player was restarting).
 */
export function shownAt(frames: readonly ScreenFrame[], instant: number): number | undefined {
  let before: ScreenFrame | undefined;
  for (const frame of frames) {
    if (frame.at < instant - EARLY_MS) {
      before = frame;
      continue;
    }
    if (!before || frame.at > instant + LATE_MS) return undefined;
    if (differs(frame.colours, before.colours)) return frame.at;
  }
  return undefined;
}
