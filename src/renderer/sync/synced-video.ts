import type { FollowedClock } from '../../core/sync/clock-follower';
import { rateNudge, type LoopSlot } from '../../core/sync/loop-schedule';
import { localNow } from './shared-clock';

/** Later than this past its instant, a clip is joined mid-way (a restart's one jump), not started. */
export const JOIN_LATE_MS = 100;

/** What the synced stage tells a listener (the sync bench): a switch, or a presented video frame. */
export type SyncSignal =
  | {
      readonly type: 'switch';
      readonly k: number;
      readonly index: number;
      readonly joining: boolean;
      /** The item's instant and the shared clock's reading at the commit (ms): how late the switch was. */
      readonly instant: number;
      readonly sharedAt: number;
    }
  | {
      readonly type: 'frame';
      readonly k: number;
      readonly first: boolean;
      /** performance.now() time the frame is shown, and its position in the clip (s). */
      readonly displayTime: number;
      readonly mediaTime: number;
      /** How far ahead of the shared schedule the frame is, in ms. */
      readonly aheadMs: number;
    };

/** Nudges stay within ±5 %: viewers do not notice; a larger error than this is a rejoin's jump. */
const MAX_CHANGE = 0.05;
const JUMP_MS = 1000;
/** How often a frame is reported to the listener after the first. */
const REPORT_EVERY_MS = 1000;

/** Where the clip should be (ms into it) at shared instant `sharedMs`. */
const expectedMs = (slot: LoopSlot, sharedMs: number): number => sharedMs - slot.startsAt;

/**
 * Starts a prepared clip at its slot's shared instant: from the start when on time; a
 * joining screen seeks once to where the others are (the one jump a rejoin may make).
 */
export function startAt(video: HTMLVideoElement, slot: LoopSlot, clock: FollowedClock): void {
  const late = expectedMs(slot, clock.now());
  if (late > JOIN_LATE_MS) video.currentTime = Math.min(late / 1000, Number.isFinite(video.duration) ? video.duration : late / 1000);
  video.playbackRate = 1;
  void video.play().catch(() => undefined);
}

interface Listener {
  readonly clock: FollowedClock;
  signal(detail: SyncSignal): void;
}

/**
 * Keeps a playing clip on the shared schedule until its slot ends: at each presented frame,
 * how far ahead it is sets a playbackRate a few per cent off 1 (core's rateNudge); no seeks,
 * except one jump when the error is beyond what a nudge closes (after a rejoin's seek lands short).
 */
export function followVideo(video: HTMLVideoElement, slot: LoopSlot, host: Listener, stop: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    let first = true;
    let lastReport = 0;
    let handle = 0;
    const onFrame = (_now: number, meta: VideoFrameCallbackMetadata): void => {
      const sharedAtDisplay = host.clock.now() + (meta.expectedDisplayTime - performance.now());
      if (stop.aborted || sharedAtDisplay >= slot.endsAt || !video.getAttribute('src')) return resolve();
      const aheadMs = meta.mediaTime * 1000 - expectedMs(slot, sharedAtDisplay);
      const ended = Number.isFinite(video.duration) && meta.mediaTime >= video.duration - 0.05;
      if (Math.abs(aheadMs) > JUMP_MS && !ended) video.currentTime = expectedMs(slot, host.clock.now()) / 1000;
      else video.playbackRate = ended ? 1 : rateNudge(aheadMs, { maxChange: MAX_CHANGE });
      if (first || localNow() - lastReport >= REPORT_EVERY_MS) {
        host.signal({ type: 'frame', k: slot.k, first, displayTime: meta.expectedDisplayTime, mediaTime: meta.mediaTime, aheadMs });
        lastReport = localNow();
        first = false;
      }
      handle = video.requestVideoFrameCallback(onFrame);
    };
    handle = video.requestVideoFrameCallback(onFrame);
    stop.addEventListener('abort', () => (video.cancelVideoFrameCallback(handle), resolve()), { once: true });
  });
}
