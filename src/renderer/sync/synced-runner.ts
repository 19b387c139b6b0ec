import type { PlayEvent } from '../../core/api/contract';
import type { SyncGroup } from '../../core/model/playlist';
import type { StageStep } from '../../core/schedule';
import type { FollowedClock } from '../../core/sync/clock-follower';
import { loopSlot, type LoopSlot } from '../../core/sync/loop-schedule';
import { abortableDelay } from '../clock';
import type { CardMedia, CardStep, Slot, StageView } from '../player/stage-runner';
import { loadInto, release } from '../player/video-slot';
import { untilShared } from './shared-clock';
import { followVideo, JOIN_LATE_MS, startAt, type SyncSignal } from './synced-video';

/**
 * The synced stage (docs/sync.md): item k of the loop starts at `epoch + k·duration` on the
 * shared clock, so screens of one sync group switch together with no message per switch.
 * The next item is prepared behind the current one and shown at its instant; a screen that
 * (re)starts computes its place from the schedule and joins the item playing now.
 */
export interface SyncedHost {
  readonly videos: readonly [HTMLVideoElement, HTMLVideoElement];
  readonly clock: FollowedClock;
  readonly sync: SyncGroup;
  /** The loop's steps for the current state (one pass). */
  loop(): readonly StageStep[];
  /** Renders a card hidden, ahead of its instant, so that showing it costs no render. */
  stage(view: StageView): void;
  /** Hands the switch to `view` to the compositor for page-clock instant `atPerf` (performance.now() time), ahead of it. */
  arm(view: StageView, atPerf: number): void;
  /** Puts the view in front at once (the card staged, or a loaded video). */
  show(view: StageView): void;
  prepareCard(step: CardStep): Promise<CardMedia>;
  report(event: PlayEvent): void;
  /** For measurement (the sync bench): a switch or a video frame, with its loop position k. */
  signal(detail: SyncSignal): void;
}

/** A video's share of the loop when the group names none. */
export const DEFAULT_VIDEO_SECONDS = 15;
const FALLBACK_HOLD_MS = 10_000;

interface Planned {
  readonly slot: LoopSlot;
  readonly step: StageStep;
}

const epochOf = (sync: SyncGroup): number => (sync.epoch ? Date.parse(sync.epoch) : 0);
const durationOf = (step: StageStep, sync: SyncGroup): number =>
  (step.type === 'video' ? (sync.videoSeconds ?? DEFAULT_VIDEO_SECONDS) : step.seconds) * 1000;

/** The item whose slot holds shared instant `at`, in the loop as it is now. */
function planAt(host: SyncedHost, at: number): Planned | undefined {
  const steps = host.loop();
  if (steps.length === 0) return undefined;
  const slot = loopSlot(at, epochOf(host.sync), steps.map((s) => durationOf(s, host.sync)));
  const step = steps[slot.index];
  return step ? { slot, step } : undefined;
}

export async function runSyncedStage(host: SyncedHost, signal: AbortSignal): Promise<void> {
  await host.clock.ready;
  let back: Slot = 0;
  let at = host.clock.now();
  while (!signal.aborted) {
    const planned = planAt(host, at + 0.5);
    if (!planned) {
      host.show({ kind: 'fallback' });
      await abortableDelay(FALLBACK_HOLD_MS, signal);
      at = host.clock.now();
      continue;
    }
    const media = await prepare(host, planned.step, host.videos[back], signal);
    if (signal.aborted) return;
    const view = viewOf(planned.step, media, back);
    if (view?.kind === 'card') host.stage(view);
    if (view) host.arm(view, host.clock.localFor(planned.slot.startsAt) - performance.timeOrigin);
    // Already past when joining (a restart): at once, mid-item.
    await untilShared(host.clock, planned.slot.startsAt, signal);
    if (signal.aborted) return;
    if (view) present(host, planned, view, back);
    const shown = view !== undefined;
    if (shown && planned.step.type === 'video') {
      const video = host.videos[back];
      back = back === 0 ? 1 : 0;
      void followVideo(video, planned.slot, host, signal);
    }
    at = planned.slot.endsAt;
    void reportAtEnd(host, planned, shown, signal);
  }
}

/** Loads a video paused on its first frame, or decodes a card; undefined when it cannot play. */
async function prepare(host: SyncedHost, step: StageStep, video: HTMLVideoElement, signal: AbortSignal): Promise<CardMedia | 'video' | undefined> {
  if (step.type !== 'video') return host.prepareCard(step).catch(() => undefined);
  return (await loadInto(video, step.item, 1, signal)) ? 'video' : undefined;
}

/** What a prepared step shows: a card, or the video loaded into slot `back`. */
function viewOf(step: StageStep, media: CardMedia | 'video' | undefined, back: Slot): StageView | undefined {
  if (step.type === 'video') return media === 'video' ? { kind: 'video', step, slot: back } : undefined;
  return media && media !== 'video' ? { kind: 'card', step, media } : undefined;
}

/** Makes the switch permanent at its instant (the compositor has shown it); a joining screen starts a video mid-way (its one jump). */
function present(host: SyncedHost, planned: Planned, view: StageView, back: Slot): void {
  const loop = planned.slot;
  const joining = host.clock.now() - loop.startsAt > JOIN_LATE_MS;
  const outgoing = host.videos[back === 0 ? 1 : 0];
  if (view.kind === 'video') startAt(host.videos[view.slot], loop, host.clock);
  host.show(view);
  host.signal({ type: 'switch', k: loop.k, index: loop.index, joining, instant: loop.startsAt, sharedAt: host.clock.now() });
  if (outgoing.getAttribute('src')) release(outgoing);
}

async function reportAtEnd(host: SyncedHost, planned: Planned, shown: boolean, signal: AbortSignal): Promise<void> {
  await untilShared(host.clock, planned.slot.endsAt, signal);
  const { step, slot } = planned;
  host.report({
    itemId: step.item.id, kind: step.type, title: step.item.title, start: new Date(slot.startsAt).toISOString(),
    durationMs: slot.endsAt - slot.startsAt, completed: shown && !signal.aborted,
  });
}
