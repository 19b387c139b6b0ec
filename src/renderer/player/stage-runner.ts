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

/** The runner's own state: the loop queue, which video is in front, and the next item being prepared. */
interface Walk {
  readonly host: StageHost;
  readonly signal: AbortSignal;
  readonly queue: StageStep[];
  front: Slot;
  prepared: Promise<Ready> | undefined;
  /** The next step once its preparation succeeded, so a video can start one frame early. */
  preparedNext: StageStep | undefined;
}

/**
 * Walks the loop until `signal` aborts. Each item is prepared while the previous one is
 * on screen and replaces it only when ready, so nothing blank ever shows between items;
 * an item that cannot be prepared or presented is skipped and reported as not completed.
 * The caller releases the videos after aborting (see releaseStage).
 */
export async function runStage(host: StageHost, signal: AbortSignal): Promise<void> {
  const walk: Walk = { host, signal, queue: [], front: 0, prepared: undefined, preparedNext: undefined };
  // After every await: once aborted, touch nothing (the next runner may own the elements).
  while (!signal.aborted) {
    const step = peek(walk);
    walk.queue.shift();
    if (!step) {
      await holdFallback(host, signal);
      continue;
    }
    const ready = await (walk.prepared ?? prepare(walk, step));
    walk.prepared = undefined;
    walk.preparedNext = undefined;
    if (signal.aborted) return;
    const start = host.clock.now();
    const shown = ready.ok && (await present(walk, step, ready));
    if (signal.aborted) return;
    if (!shown) {
      report(host, step, start, false);
      continue;
    }
    const next = peek(walk);
    if (next) {
      const prepared = prepare(walk, next);
      walk.prepared = prepared;
      void prepared.then((r) => {
        if (r.ok && walk.prepared === prepared) walk.preparedNext = next;
      });
    }
    const completed = await hold(walk, step);
    if (signal.aborted) return;
    report(host, step, start, completed);
  }
}

function peek(walk: Walk): StageStep | undefined {
  if (walk.queue.length === 0) walk.queue.push(...walk.host.compile(walk.host.nextPass()));
  return walk.queue[0];
}

function prepare(walk: Walk, step: StageStep): Promise<Ready> {
  const { host, signal } = walk;
  if (step.type === 'video') {
    return loadInto(host.videos[other(walk.front)], step.item, host.clock.rate, signal).then((ok): Ready => (ok ? { ok: true } : { ok: false }));
  }
  return host.prepareCard(step).then(
    (media): Ready => ({ ok: true, media }),
    (): Ready => ({ ok: false }),
  );
}

/**
 * Puts a prepared item on screen in one commit and releases what it covers; false when a
 * video could not start (the old item then stays up until the next one is ready).
 */
async function present(walk: Walk, step: StageStep, ready: Extract<Ready, { ok: true }>): Promise<boolean> {
  const { host } = walk;
  const outgoing = host.videos[walk.front];
  if (step.type === 'video') {
    const incoming = other(walk.front);
    const presented = await startIncoming(host.videos[incoming], walk.signal);
    if (walk.signal.aborted) return false;
    if (!presented) {
      release(host.videos[incoming]);
      return false;
    }
    host.show({ kind: 'video', step, slot: incoming });
    walk.front = incoming;
  } else {
    host.show({ kind: 'card', step, media: ready.media ?? { qr: undefined, image: undefined } });
  }
  releaseIfLoaded(outgoing);
  return true;
}

/** Keeps the item on screen for its time; true when it played to its end. */
async function hold(walk: Walk, step: StageStep): Promise<boolean> {
  const { host, signal } = walk;
  if (step.type === 'video') return holdVideo(host, host.videos[walk.front], step, signal, () => startEarly(walk));
  await host.clock.sleep(step.seconds * 1000, signal);
  return true;
}

/**
 * Starts the preloaded video. When its first frame is already decoded (it loaded behind
 * the front one), it can be shown in this very task: waiting for the first presented frame
 * after play() would cost two or three frames of gap. A play() that then fails is caught
 * by the stall watchdog while the decoded first frame stays on screen, never black.
 */
async function startIncoming(video: HTMLVideoElement, signal: AbortSignal): Promise<boolean> {
  if (video.readyState >= HTMLMediaElement.HAVE_CURRENT_DATA) {
    // started early behind a clip that then stalled: play it from the start, not frozen at its end
    if (video.ended) video.currentTime = 0;
    video.playbackRate = video.defaultPlaybackRate;
    void video.play().catch(() => undefined);
    return true;
  }
  return playToFirstFrame(video, signal);
}

/**
 * Called one frame before the front clip's last frame: a prepared next clip starts playing
 * behind it, so its frames are already flowing when the swap puts it in front on the next
 * refresh (play() from paused costs a few frames that would otherwise show as a gap).
 */
function startEarly(walk: Walk): void {
  if (walk.preparedNext?.type !== 'video') return;
  const incoming = walk.host.videos[other(walk.front)];
  incoming.playbackRate = incoming.defaultPlaybackRate;
  void incoming.play().catch(() => undefined);
}

async function holdVideo(host: StageHost, video: HTMLVideoElement, step: VideoStep, signal: AbortSignal, onLastFrameNext: () => void): Promise<boolean> {
  const track = video.textTracks[0];
  const onCue = (): void => host.setCaption(activeCueText(video));
  track?.addEventListener('cuechange', onCue);
  try {
    return (await playUntilDone(video, maxPlayMs(video, step.item), signal, onLastFrameNext)) === 'ended';
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
