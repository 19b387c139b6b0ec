import { memo, useEffect, useLayoutEffect, useRef, useState, type RefObject } from 'react';
import { flushSync } from 'react-dom';
import type { PlayEvent } from '../../core/api/contract';
import type { Locale } from '../../core/model/content';
import type { SyncGroup } from '../../core/model/playlist';
import type { StageStep } from '../../core/schedule';
import { prepareCard } from '../player/prepare-card';
import { releaseStage, type Slot, type StageView } from '../player/stage-runner';
import { sharedClock } from '../sync/shared-clock';
import { runSyncedStage } from '../sync/synced-runner';
import type { SyncSignal } from '../sync/synced-video';
import { CardLayer, videoClass } from './Stage';

export interface SyncedStageProps {
  readonly sync: SyncGroup;
  readonly locale: Locale;
  readonly compile: (pass: number) => readonly StageStep[];
  readonly report: (event: PlayEvent) => void;
  readonly onView: (view: StageView) => void;
}

/** The event a synced stage dispatches on `window` at each switch and video frame it reports (docs/sync.md). */
export const SYNC_EVENT = 'kiosk-sync';

type Layer = 0 | 1;
type Layers = readonly [StageView, StageView];
interface Front {
  readonly card: Layer | undefined;
  readonly video: Slot | undefined;
  readonly view: StageView;
}
const STARTING: StageView = { kind: 'starting' };
const isCard = (view: StageView): boolean => view.kind === 'card' || view.kind === 'fallback';
const itemOf = (view: StageView): string => (view.kind === 'card' || view.kind === 'video' ? view.step.item.id : view.kind);

interface Parts {
  readonly section: RefObject<HTMLElement | null>;
  readonly layers: readonly [RefObject<HTMLDivElement | null>, RefObject<HTMLDivElement | null>];
  readonly videos: readonly [RefObject<HTMLVideoElement | null>, RefObject<HTMLVideoElement | null>];
}

/** Each switchable element in stage order: the two videos, then the two card layers. */
const elementsOf = (parts: Parts): (HTMLElement | null)[] => [...parts.videos.map((r) => r.current), ...parts.layers.map((r) => r.current)];
/** Whether each element of `elementsOf` is seen when `front` is in front. */
const seenIn = (front: Front): boolean[] => [front.video === 0, front.video === 1, front.card === 0, front.card === 1];
const FRAME_MS = 1000 / 60;

/**
 * Hands the switch to the compositor ahead of its instant: a one-step opacity animation per
 * element whose start time is the instant on the page's clock. The compositor applies it to
 * the first frame at or after that time even when the page's main thread is late or busy
 * (a starved timer used to put screens 20-60 ms apart). `reveal` then makes it permanent.
 */
function arm(parts: Parts, from: Front, to: Front, atPerf: number): Animation[] {
  const before = seenIn(from);
  const after = seenIn(to);
  return elementsOf(parts).flatMap((el, i) => {
    if (!el || before[i] === after[i]) return [];
    const keyframes = [{ opacity: before[i] ? 1 : 0 }, { opacity: after[i] ? 1 : 0 }];
    const animation = el.animate(keyframes, { duration: FRAME_MS, easing: 'step-start', fill: 'both' });
    animation.startTime = atPerf;
    return [animation];
  });
}

/**
 * The switch made permanent once the page's main thread reaches the instant: the same
 * opacities as inline style (the compositor already shows them), the armed animations
 * dropped, and the attributes a reader of the page looks at. React's render that follows
 * writes the same values.
 */
function reveal(parts: Parts, front: Front, armed: readonly Animation[]): void {
  const seen = seenIn(front);
  elementsOf(parts).forEach((el, i) => el?.style.setProperty('opacity', seen[i] ? '1' : '0'));
  parts.videos.forEach((ref, i) => {
    if (ref.current) ref.current.className = videoClass(front.video, i === 0 ? 0 : 1);
  });
  for (const animation of armed) animation.cancel();
  parts.section.current?.setAttribute('data-view', front.view.kind);
  parts.section.current?.setAttribute('data-item', itemOf(front.view));
}

/**
 * The stage of a screen in a sync group: the same two pooled videos as the normal stage and
 * two card layers, one shown and one rendered ahead, walked by the shared schedule.
 */
export const SyncedStage = memo(function SyncedStage({ sync, locale, compile, report, onView }: SyncedStageProps) {
  const parts: Parts = { section: useRef<HTMLElement>(null), layers: [useRef<HTMLDivElement>(null), useRef<HTMLDivElement>(null)], videos: [useRef<HTMLVideoElement>(null), useRef<HTMLVideoElement>(null)] };
  const [layers, setLayers] = useState<Layers>([STARTING, STARTING]);
  const [front, setFront] = useState<Front>({ card: undefined, video: undefined, view: STARTING });
  const staged = useRef<{ layer: Layer; view: StageView } | undefined>(undefined);
  const shownCard = useRef<Layer>(0);
  const shown = useRef<Front>({ card: undefined, video: undefined, view: STARTING });
  const armed = useRef<Animation[]>([]);
  const latest = useRef({ compile, report, onView, sync });
  useLayoutEffect(() => {
    latest.current = { compile, report, onView, sync };
  });

  useEffect(() => {
    const v0 = parts.videos[0].current;
    const v1 = parts.videos[1].current;
    if (!v0 || !v1) return undefined;
    const stage = (view: StageView): void => {
      if (!isCard(view) || staged.current?.view === view) return;
      const layer: Layer = shownCard.current === 0 ? 1 : 0;
      staged.current = { layer, view };
      flushSync(() => setLayers((l) => (layer === 0 ? [view, l[1]] : [l[0], view])));
    };
    const frontFor = (view: StageView): Front => ({ card: isCard(view) ? staged.current?.layer : undefined, video: view.kind === 'video' ? view.slot : undefined, view });
    const arming = (view: StageView, atPerf: number): void => {
      for (const animation of armed.current) animation.cancel();
      armed.current = arm(parts, shown.current, frontFor(view), atPerf);
    };
    const show = (view: StageView): void => {
      stage(view);
      const next = frontFor(view);
      if (next.card !== undefined) shownCard.current = next.card;
      staged.current = undefined;
      reveal(parts, next, armed.current);
      armed.current = [];
      shown.current = next;
      setFront(next);
      latest.current.onView(view);
    };
    const controller = new AbortController();
    void runSyncedStage(
      {
        videos: [v0, v1],
        clock: sharedClock(),
        get sync() {
          return latest.current.sync;
        },
        // One pass: every screen of the group derives the same loop from the same documents.
        loop: () => latest.current.compile(0),
        prepareCard,
        report: (event) => latest.current.report(event),
        stage,
        arm: arming,
        show,
        signal: (detail: SyncSignal) => window.dispatchEvent(new CustomEvent(SYNC_EVENT, { detail })),
      },
      controller.signal,
    );
    return () => {
      controller.abort();
      releaseStage([v0, v1]);
    };
    // The parts are refs: stable for the component's life.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  return (
    <section ref={parts.section} className="stage" data-testid="stage" data-synced="1" data-view={front.view.kind} data-item={itemOf(front.view)}>
      <video ref={parts.videos[0]} className={videoClass(front.video, 0)} style={{ opacity: front.video === 0 ? 1 : 0 }} muted playsInline data-slot="0" />
      <video ref={parts.videos[1]} className={videoClass(front.video, 1)} style={{ opacity: front.video === 1 ? 1 : 0 }} muted playsInline data-slot="1" />
      {layers.map((view, i) => (
        <div key={i} ref={parts.layers[i === 0 ? 0 : 1]} className="synced-layer" style={{ opacity: front.card === i ? 1 : 0 }}>
          <CardLayer view={view.kind === 'video' ? STARTING : view} locale={locale} />
        </div>
      ))}
    </section>
  );
});
