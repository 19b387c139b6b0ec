import type { PlayEvent } from '../../core/api/contract';
import type { StageStep } from '../../core/schedule';
import type { Clock } from '../clock';
import { activeCueText, loadInto, maxPlayMs, playToFirstFrame, playUntilDone, release } from './video-slot';

export type Slot = 0 | 1;
export type CardStep = Extract<StageStep, { type: 'case' | 'notice' }>;
export type VideoStep = Extract<StageStep, { type: 'video' }>;
/** Decoded media of a card: a QR code data URL and an image path that is known to load. */
export interface CardMedia {
  readonly qr: string | undefined;
  readonly image: string | undefined;
}

/** What the stage shows; the React side renders it. */
export type StageView =
  | { readonly kind: 'starting' }
  | { readonly kind: 'card'; readonly step: CardStep; readonly media: CardMedia }
  | { readonly kind: 'video'; readonly step: VideoStep; readonly slot: Slot }
  | { readonly kind: 'fallback' };

export interface StageHost {
  readonly videos: readonly [HTMLVideoElement, HTMLVideoElement];
  readonly clock: Clock;
  /** One pass of the loop for the current state; empty when nothing is playable. */
  compile(pass: number): readonly StageStep[];
  /** Renders synchronously: when it returns, the view is committed to the DOM. */
  show(view: StageView): void;
  setCaption(text: string): void;
  /** Everything a card needs before it may replace what is on screen (QR, images). */
  prepareCard(step: CardStep): Promise<CardMedia>;
  report(event: PlayEvent): void;
  /** Shared across remounts so a returning loop continues its rotation. */
  nextPass(): number;
}

type Ready = { readonly ok: true; readonly media?: CardMedia } | { readonly ok: false };

const FALLBACK_HOLD_MS = 10_000;

/**
 * Walks the loop until `signal` aborts. Each item is prepared while the previous one is
 * on screen and replaces it only when ready, so nothing blank ever shows between items;
 * an item that cannot be prepared or presented is skipped and reported as not completed.
 * The caller releases the videos after aborting (see releaseStage).
 */
export async function runStage(host: StageHost, signal: AbortSignal): Promise<void> {
  const queue: StageStep[] = [];
  const peek = (): StageStep | undefined => {
    if (queue.length === 0) queue.push(...host.compile(host.nextPass()));
    return queue[0];
  };
  let front: Slot = 0;
  let prepared: Promise<Ready> | undefined;
  const prepare = (step: StageStep): Promise<Ready> =>
    step.type === 'video'
      ? loadInto(host.videos[other(front)], step.item, host.clock.rate, signal).then((ok): Ready => (ok ? { ok: true } : { ok: false }))
      : host.prepareCard(step).then(
          (media): Ready => ({ ok: true, media }),
          (): Ready => ({ ok: false }),
        );

  // After every await: once aborted, touch nothing (the next runner may own the elements).
  while (!signal.aborted) {
    const step = peek();
    queue.shift();
    if (!step) {
      await holdFallback(host, signal);
      continue;
    }
    const ready = await (prepared ?? prepare(step));
    prepared = undefined;
    if (signal.aborted) return;
    const start = host.clock.now();
    if (!ready.ok) {
      report(host, step, start, false);
      continue;
    }
    if (step.type === 'video') {
      const incoming = other(front);
      const presented = await startIncoming(host.videos[incoming], signal);
      if (signal.aborted) return;
      if (!presented) {
        release(host.videos[incoming]);
        report(host, step, start, false);
        continue;
      }
      host.show({ kind: 'video', step, slot: incoming });
      releaseIfLoaded(host.videos[front]);
      front = incoming;
      const next = peek();
      if (next) prepared = prepare(next);
      const completed = await holdVideo(host, host.videos[front], step, signal);
      if (signal.aborted) return;
      report(host, step, start, completed);
    } else {
      host.show({ kind: 'card', step, media: ready.media ?? { qr: undefined, image: undefined } });
      releaseIfLoaded(host.videos[front]);
      const next = peek();
      if (next) prepared = prepare(next);
      await host.clock.sleep(step.seconds * 1000, signal);
      if (signal.aborted) return;
      report(host, step, start, true);
    }
  }
}

/**
 * Starts the preloaded video. When its first frame is already decoded (it loaded behind
 * the front one), it can be shown in this very task: waiting for the first presented frame
 * after play() would cost two or three frames of gap. A play() that then fails is caught
 * by the stall watchdog while the decoded first frame stays on screen, never black.
 */
async function startIncoming(video: HTMLVideoElement, signal: AbortSignal): Promise<boolean> {
  if (video.readyState >= HTMLMediaElement.HAVE_CURRENT_DATA) {
    video.playbackRate = video.defaultPlaybackRate;
    void video.play().catch(() => undefined);
    return true;
  }
  return playToFirstFrame(video, signal);
}

async function holdVideo(host: StageHost, video: HTMLVideoElement, step: VideoStep, signal: AbortSignal): Promise<boolean> {
  const track = video.textTracks[0];
  const onCue = (): void => host.setCaption(activeCueText(video));
  track?.addEventListener('cuechange', onCue);
  try {
    return (await playUntilDone(video, maxPlayMs(video, step.item), signal)) === 'ended';
  } finally {
    track?.removeEventListener('cuechange', onCue);
    host.setCaption('');
  }
}

async function holdFallback(host: StageHost, signal: AbortSignal): Promise<void> {
  const start = host.clock.now();
  host.show({ kind: 'fallback' });
  releaseStage(host.videos);
  await host.clock.sleep(FALLBACK_HOLD_MS, signal);
  host.report({
    itemId: 'builtin-fallback',
    kind: 'fallback',
    title: 'Built-in fallback slide',
    start: start.toISOString(),
    durationMs: Math.max(0, host.clock.now().getTime() - start.getTime()),
    completed: !signal.aborted,
  });
}

function report(host: StageHost, step: StageStep, start: Date, completed: boolean): void {
  host.report({
    itemId: step.item.id,
    kind: step.type,
    title: step.item.title,
    start: start.toISOString(),
    durationMs: Math.max(0, host.clock.now().getTime() - start.getTime()),
    completed,
  });
}

const other = (slot: Slot): Slot => (slot === 0 ? 1 : 0);

/**
 * Called in the same task that committed the new view: the next paint already has the
 * new item on top, so the released element never shows as a hole.
 */
function releaseIfLoaded(video: HTMLVideoElement): void {
  if (video.getAttribute('src')) release(video);
}

/** Stops what the stage holds; called synchronously when the stage goes away. */
export function releaseStage(videos: readonly HTMLVideoElement[]): void {
  videos.forEach((video) => releaseIfLoaded(video));
}
