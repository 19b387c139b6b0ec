import { memo, useEffect, useLayoutEffect, useRef, useState } from 'react';
import { flushSync } from 'react-dom';
import type { PlayEvent } from '../../core/api/contract';
import type { Locale } from '../../core/model/content';
import type { SyncGroup } from '../../core/model/playlist';
import type { StageStep } from '../../core/schedule';
import { prepareCard } from '../player/prepare-card';
import { releaseStage, type StageView } from '../player/stage-runner';
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

/**
 * The stage of a screen in a sync group: the same two pooled videos and card layer as the
 * normal stage, walked by the shared schedule instead of by each item's end.
 */
export const SyncedStage = memo(function SyncedStage({ sync, locale, compile, report, onView }: SyncedStageProps) {
  const video0 = useRef<HTMLVideoElement>(null);
  const video1 = useRef<HTMLVideoElement>(null);
  const [view, setView] = useState<StageView>({ kind: 'starting' });
  const latest = useRef({ compile, report, onView, sync });
  useLayoutEffect(() => {
    latest.current = { compile, report, onView, sync };
  });

  useEffect(() => {
    const v0 = video0.current;
    const v1 = video1.current;
    if (!v0 || !v1) return undefined;
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
        show: (next) => {
          flushSync(() => setView(next));
          latest.current.onView(next);
        },
        signal: (detail: SyncSignal) => window.dispatchEvent(new CustomEvent(SYNC_EVENT, { detail })),
      },
      controller.signal,
    );
    return () => {
      controller.abort();
      releaseStage([v0, v1]);
    };
  }, []);

  const frontSlot = view.kind === 'video' ? view.slot : undefined;
  return (
    <section className="stage" data-testid="stage" data-synced="1" data-view={view.kind} data-item={view.kind === 'card' || view.kind === 'video' ? view.step.item.id : view.kind}>
      <video ref={video0} className={videoClass(frontSlot, 0)} muted playsInline data-slot="0" />
      <video ref={video1} className={videoClass(frontSlot, 1)} muted playsInline data-slot="1" />
      <CardLayer view={view} locale={locale} />
    </section>
  );
});
