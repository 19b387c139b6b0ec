import type { VideoItem } from '../../core/model/content';

/**
 * Operations on one of the stage's two pooled <video> elements. The elements are never
 * recreated (that leaks decoders over months); they are loaded, played and released.
 */
const LOAD_TIMEOUT_MS = 15_000;
export const FIRST_FRAME_TIMEOUT_MS = 5_000;
export const STALL_MS = 5_000;
/** Chromium plays at most 16× speed; a faster fake clock still shortens videos that much. */
const MAX_PLAYBACK_RATE = 16;
/** One display refresh at 60 Hz, the rate of the screens the kiosk drives. */
const REFRESH_MS = 1000 / 60;

export type VideoOutcome = 'ended' | 'stalled' | 'error' | 'too-long' | 'aborted';

/** Loads `item` into `video` and resolves once it can play (true) or failed (false). */
export function loadInto(video: HTMLVideoElement, item: VideoItem, rate: number, signal: AbortSignal): Promise<boolean> {
  release(video);
  video.muted = true;
  video.preload = 'auto';
  video.playsInline = true;
  if (item.captions) {
    const track = document.createElement('track');
    track.kind = 'captions';
    track.default = true;
    track.src = item.captions;
    track.srclang = item.locale;
    video.append(track);
    // Cues are drawn by the page as large text; the native renderer stays off.
    track.track.mode = 'hidden';
  }
  if (item.poster) video.poster = item.poster;
  video.src = item.file;
  video.defaultPlaybackRate = Math.min(MAX_PLAYBACK_RATE, Math.max(1, rate));
  video.load();
  return waitFor(video, ['canplay'], ['error'], LOAD_TIMEOUT_MS, signal);
}

/** Starts playback and resolves true once a frame has been presented. */
export async function playToFirstFrame(video: HTMLVideoElement, signal: AbortSignal): Promise<boolean> {
  video.playbackRate = video.defaultPlaybackRate;
  const firstFrame = settle<boolean>((finish) => [
    after(FIRST_FRAME_TIMEOUT_MS, () => finish(false)),
    listen(signal, 'abort', () => finish(false)),
    listen(video, 'error', () => finish(false)),
    nextFrame(video, () => finish(true)),
  ]);
  try {
    await video.play();
  } catch {
    return false;
  }
  return firstFrame;
}

/**
 * Resolves when playback ends, fails, stalls for STALL_MS or runs past `maxMs` (real time).
 * `onLastFrameNext` runs one frame before the last frame is presented, so the next clip can
 * start playing behind this one.
 */
export function playUntilDone(video: HTMLVideoElement, maxMs: number, signal: AbortSignal, onLastFrameNext: () => void = () => undefined): Promise<VideoOutcome> {
  const startedAt = performance.now();
  let lastTime = video.currentTime;
  let lastProgress = startedAt;
  let heldMs = 0;
  return settle<VideoOutcome>((finish) => [
    every(500, () => {
      const now = performance.now();
      // Held by the fleet's pause-motion (use-motion-hold.ts): not a stall, and not play time.
      if (video.dataset.held === '1') {
        lastProgress = now;
        heldMs += 500;
        return;
      }
      if (video.currentTime !== lastTime) {
        lastTime = video.currentTime;
        lastProgress = now;
      }
      if (now - lastProgress > STALL_MS) finish('stalled');
      else if (now - startedAt - heldMs > maxMs) finish('too-long');
    }),
    listen(video, 'ended', () => finish('ended')),
    listen(video, 'error', () => finish('error')),
    listen(signal, 'abort', () => finish('aborted')),
    watchLastFrame(video, onLastFrameNext, () => finish('ended')),
  ]);
}

/**
 * Calls `onEnd` so that the next item's first frame reaches the screen on the refresh when
 * this video's next frame would have: at once from the callback of the last presented frame
 * (the swap then commits in this very rendering step) when a content frame lasts about one
 * refresh, else that much later. Chromium fires `ended` two or three frames after the last
 * frame; swapping on `ended`, or a frame after the last one, costs those frames as a gap.
 */
function watchLastFrame(video: HTMLVideoElement, onLastFrameNext: () => void, onEnd: () => void): Disarm {
  let handle = 0;
  let timer = 0;
  let previous: number | undefined;
  let frameSeconds = 1 / 30;
  let warned = false;
  const onFrame = (_now: number, meta: VideoFrameCallbackMetadata): void => {
    if (previous !== undefined && meta.mediaTime > previous) frameSeconds = Math.min(0.1, meta.mediaTime - previous);
    previous = meta.mediaTime;
    const left = Number.isFinite(video.duration) ? video.duration - meta.mediaTime : Infinity;
    if (!warned && left <= frameSeconds * 2.5) {
      warned = true;
      onLastFrameNext();
    }
    if (left <= frameSeconds * 1.5) {
      const holdMs = (frameSeconds * 1000) / (video.playbackRate || 1) - REFRESH_MS;
      if (holdMs < REFRESH_MS / 2) onEnd();
      else timer = window.setTimeout(onEnd, holdMs);
      return;
    }
    handle = video.requestVideoFrameCallback(onFrame);
  };
  handle = video.requestVideoFrameCallback(onFrame);
  return () => {
    video.cancelVideoFrameCallback(handle);
    window.clearTimeout(timer);
  };
}

/** Real-time bound for one play: the item's maxSeconds, else its length with headroom. */
export function maxPlayMs(video: HTMLVideoElement, item: VideoItem): number {
  const rate = video.playbackRate || 1;
  if (item.maxSeconds !== undefined) return (item.maxSeconds * 1000) / rate;
  const length = Number.isFinite(video.duration) ? video.duration : 3600;
  return ((length + 10) * 1000) / rate;
}

/** Frees the decoder and network resources held by an element without removing it. */
export function release(video: HTMLVideoElement): void {
  video.pause();
  video.removeAttribute('src');
  video.removeAttribute('poster');
  for (const track of Array.from(video.querySelectorAll('track'))) track.remove();
  video.load();
}

/** The text of the cues showing now, tags stripped: captions are rendered as plain text. */
export function activeCueText(video: HTMLVideoElement): string {
  const track = video.textTracks[0];
  const cues = track?.activeCues;
  if (!cues) return '';
  const lines: string[] = [];
  for (let i = 0; i < cues.length; i++) {
    const cue = cues[i];
    if (cue instanceof VTTCue) lines.push(cue.text.replace(/<[^>]*>/g, ''));
  }
  return lines.join('\n');
}

function waitFor(
  target: HTMLVideoElement,
  good: readonly string[],
  bad: readonly string[],
  timeoutMs: number,
  signal: AbortSignal,
): Promise<boolean> {
  return settle<boolean>((finish) => [
    after(timeoutMs, () => finish(false)),
    ...good.map((name) => listen(target, name, () => finish(true))),
    ...bad.map((name) => listen(target, name, () => finish(false))),
    listen(signal, 'abort', () => finish(false)),
  ]);
}

/** Undoes one listener, timer or frame callback. */
type Disarm = () => void;

/**
 * The one wait-and-clean-up: arms listeners, resolves with the first outcome, and removes
 * every listener, timer and frame callback it armed. The abort signal and the pooled
 * elements live for months, so each wait must leave nothing behind.
 */
function settle<T>(arm: (finish: (value: T) => void) => readonly Disarm[]): Promise<T> {
  return new Promise((resolve) => {
    let settled = false;
    let disarms: readonly Disarm[] = [];
    const finish = (value: T): void => {
      if (settled) return;
      settled = true;
      disarms.forEach((disarm) => disarm());
      resolve(value);
    };
    disarms = arm(finish);
    // an outcome reported while arming (an already aborted signal) still disarms the rest
    if (settled) disarms.forEach((disarm) => disarm());
  });
}

function listen(target: EventTarget, name: string, handler: () => void): Disarm {
  target.addEventListener(name, handler);
  return () => target.removeEventListener(name, handler);
}

function after(ms: number, handler: () => void): Disarm {
  const timer = window.setTimeout(handler, ms);
  return () => window.clearTimeout(timer);
}

function every(ms: number, handler: () => void): Disarm {
  const timer = window.setInterval(handler, ms);
  return () => window.clearInterval(timer);
}

function nextFrame(video: HTMLVideoElement, handler: () => void): Disarm {
  const handle = video.requestVideoFrameCallback(handler);
  return () => video.cancelVideoFrameCallback(handle);
}
