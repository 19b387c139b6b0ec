import { memo, useEffect, useLayoutEffect, useRef, useState } from 'react';
import { flushSync } from 'react-dom';
import type { PlayEvent } from '../../core/api/contract';
import type { Locale } from '../../core/model/content';
import type { StageStep } from '../../core/schedule';
import type { Clock } from '../clock';
import { prepareCard } from '../player/prepare-card';
import { releaseStage, runStage, type StageView } from '../player/stage-runner';
import { assertNever } from '../../core/assert-never';
import { CaseCard } from './CaseCard';
import { FallbackSlide } from './FallbackSlide';
import { NoticeSlide } from './NoticeSlide';

export interface StageProps {
  readonly clock: Clock;
  readonly locale: Locale;
  /** Reads the latest state at each pass, so new content joins at a pass boundary. */
  readonly compile: (pass: number) => readonly StageStep[];
  readonly nextPass: () => number;
  readonly report: (event: PlayEvent) => void;
  readonly onView: (view: StageView) => void;
}

/**
 * The stage: a fixed pool of two <video> elements under one card layer. The runner
 * decides what shows; this component only renders its decisions.
 */
export const Stage = memo(function Stage({ clock, locale, compile, nextPass, report, onView }: StageProps) {
  const video0 = useRef<HTMLVideoElement>(null);
  const video1 = useRef<HTMLVideoElement>(null);
  const [view, setView] = useState<StageView>({ kind: 'starting' });
  const [caption, setCaption] = useState('');
  const latest = useRef({ compile, nextPass, report, onView });
  useLayoutEffect(() => {
    latest.current = { compile, nextPass, report, onView };
  });

  useEffect(() => {
    const v0 = video0.current;
    const v1 = video1.current;
    if (!v0 || !v1) return undefined;
    const controller = new AbortController();
    void runStage(
      {
        videos: [v0, v1],
        clock,
        compile: (pass) => latest.current.compile(pass),
        nextPass: () => latest.current.nextPass(),
        report: (event) => latest.current.report(event),
        prepareCard,
        setCaption,
        show: (next) => {
          // Synchronous commit: the runner releases the old video right after this returns.
          flushSync(() => setView(next));
          latest.current.onView(next);
        },
      },
      controller.signal,
    );
    return () => {
      controller.abort();
      releaseStage([v0, v1]);
      setCaption('');
    };
  }, [clock]);

  const frontSlot = view.kind === 'video' ? view.slot : undefined;
  return (
    <section className="stage" data-testid="stage" data-view={view.kind} data-item={currentId(view)}>
      <video ref={video0} className={videoClass(frontSlot, 0)} muted playsInline data-slot="0" />
      <video ref={video1} className={videoClass(frontSlot, 1)} muted playsInline data-slot="1" />
      <CardLayer view={view} locale={locale} />
      {view.kind === 'video' && caption !== '' ? (
        <div className="captions" data-testid="captions" lang={view.step.item.locale}>
          {caption}
        </div>
      ) : null}
    </section>
  );
});

const currentId = (view: StageView): string =>
  view.kind === 'card' || view.kind === 'video' ? view.step.item.id : view.kind;

export function videoClass(front: 0 | 1 | undefined, slot: 0 | 1): string {
  return `stage-video ${front === slot ? 'stage-video-front' : 'stage-video-back'}`;
}

export function CardLayer({ view, locale }: { readonly view: StageView; readonly locale: Locale }) {
  switch (view.kind) {
    case 'starting':
    case 'video':
      return null;
    case 'fallback':
      return (
        <div className="card-layer">
          <FallbackSlide />
        </div>
      );
    case 'card':
      return (
        <div className="card-layer" key={view.step.key}>
          {view.step.type === 'case' ? (
            <CaseCard item={view.step.item} locale={locale} />
          ) : (
            <NoticeSlide item={view.step.item} media={view.media} locale={locale} />
          )}
        </div>
      );
    default:
      return assertNever(view, 'stage view');
  }
}
