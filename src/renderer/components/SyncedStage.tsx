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

/**
 * The switch itself, at the shared instant: a few attribute writes on elements already
 * rendered (the card was rendered hidden ahead of time, the video is loaded), so a slow
 * React render never delays it. React's own render that follows writes the same values.
 */
function reveal(parts: Parts, front: Front): void {
  parts.layers.forEach((ref, i) => ref.current?.style.setProperty('visibility', front.card === i ? 'visible' : 'hidden'));
  parts.videos.forEach((ref, i) => {
    if (ref.current) ref.current.className = videoClass(front.video, i === 0 ? 0 : 1);
  });
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
    const show = (view: StageView): void => {
      stage(view);
      const card = isCard(view) ? staged.current?.layer : undefined;
      if (card !== undefined) shownCard.current = card;
      staged.current = undefined;
      const next: Front = { card, video: view.kind === 'video' ? view.slot : undefined, view };
      reveal(parts, next);
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
      <video ref={parts.videos[0]} className={videoClass(front.video, 0)} muted playsInline data-slot="0" />
      <video ref={parts.videos[1]} className={videoClass(front.video, 1)} muted playsInline data-slot="1" />
      {layers.map((view, i) => (
        <div key={i} ref={parts.layers[i === 0 ? 0 : 1]} style={{ display: 'contents', visibility: front.card === i ? 'visible' : 'hidden' }}>
          <CardLayer view={view.kind === 'video' ? STARTING : view} locale={locale} />
        </div>
      ))}
    </section>
  );
});
