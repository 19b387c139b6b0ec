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
  const firstFrame = new Promise<boolean>((resolve) => {
    const timer = window.setTimeout(() => done(false), FIRST_FRAME_TIMEOUT_MS);
    const onFail = (): void => done(false);
    // The signal and the pooled element live for months: every listener added here is
    // removed again, or each video step would leave two behind.
    function done(ok: boolean): void {
      window.clearTimeout(timer);
      signal.removeEventListener('abort', onFail);
      video.removeEventListener('error', onFail);
      resolve(ok);
    }
    signal.addEventListener('abort', onFail);
    video.addEventListener('error', onFail);
    video.requestVideoFrameCallback(() => done(true));
  });
  try {
    await video.play();
  } catch {
    return false;
  }
  return firstFrame;
}

/** Resolves when playback ends, fails, stalls for STALL_MS or runs past `maxMs` (real time). */
export function playUntilDone(video: HTMLVideoElement, maxMs: number, signal: AbortSignal): Promise<VideoOutcome> {
  return new Promise((resolve) => {
    const startedAt = performance.now();
    let lastTime = video.currentTime;
    let lastProgress = startedAt;
    const watchdog = window.setInterval(() => {
      const now = performance.now();
      if (video.currentTime !== lastTime) {
        lastTime = video.currentTime;
        lastProgress = now;
      }
      if (now - lastProgress > STALL_MS) finish('stalled');
      else if (now - startedAt > maxMs) finish('too-long');
    }, 500);
    const onEnded = (): void => finish('ended');
    const onError = (): void => finish('error');
    const onAbort = (): void => finish('aborted');
    video.addEventListener('ended', onEnded);
    video.addEventListener('error', onError);
    signal.addEventListener('abort', onAbort);
    const lastFrame = watchLastFrame(video, () => finish('ended'));
    function finish(outcome: VideoOutcome): void {
      lastFrame.cancel();
      window.clearInterval(watchdog);
      video.removeEventListener('ended', onEnded);
      video.removeEventListener('error', onError);
      signal.removeEventListener('abort', onAbort);
      resolve(outcome);
    }
  });
}

/**
 * Calls `onEnd` one frame after the video presented its last frame. Chromium fires `ended`
 * two or three frames later than that; swapping on `ended` would hold the last frame too
 * long and widen the gap before the next item.
 */
function watchLastFrame(video: HTMLVideoElement, onEnd: () => void): { cancel(): void } {
  let handle = 0;
  let timer = 0;
  let previous: number | undefined;
  let frameSeconds = 1 / 30;
  const onFrame = (_now: number, meta: VideoFrameCallbackMetadata): void => {
    if (previous !== undefined && meta.mediaTime > previous) frameSeconds = Math.min(0.1, meta.mediaTime - previous);
    previous = meta.mediaTime;
    if (Number.isFinite(video.duration) && meta.mediaTime + frameSeconds * 1.5 >= video.duration) {
      timer = window.setTimeout(onEnd, (frameSeconds * 1000) / (video.playbackRate || 1));
      return;
    }
    handle = video.requestVideoFrameCallback(onFrame);
  };
  handle = video.requestVideoFrameCallback(onFrame);
  return {
    cancel() {
      video.cancelVideoFrameCallback(handle);
      window.clearTimeout(timer);
    },
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
  return new Promise((resolve) => {
    const timer = window.setTimeout(() => finish(false), timeoutMs);
    const onGood = (): void => finish(true);
    const onBad = (): void => finish(false);
    good.forEach((name) => target.addEventListener(name, onGood));
    bad.forEach((name) => target.addEventListener(name, onBad));
    signal.addEventListener('abort', onBad);
    function finish(ok: boolean): void {
      window.clearTimeout(timer);
      good.forEach((name) => target.removeEventListener(name, onGood));
      bad.forEach((name) => target.removeEventListener(name, onBad));
      signal.removeEventListener('abort', onBad);
      resolve(ok);
    }
  });
}
