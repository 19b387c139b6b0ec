import { useCallback, useLayoutEffect, useRef, useState } from 'react';
import type { PlayEvent, PlayerState } from '../core/api/contract';
import { assertNever } from '../core/assert-never';
import { compileLoop, localDate, type StageStep } from '../core/schedule';
import { callRoute } from './api/client';
import type { Clock } from './clock';
import type { StageView } from './player/stage-runner';
import { DEFAULT_LOCALE } from './screen-plan';

export interface StageProgram {
  /** The steps of loop pass `pass`, compiled from the newest state at the moment the stage asks. */
  readonly compile: (pass: number) => readonly StageStep[];
  readonly nextPass: () => number;
  readonly report: (event: PlayEvent) => void;
  readonly onView: (view: StageView) => void;
  /** What the stage shows, in words, for the operator overlay. */
  readonly currentItem: string;
}

/**
 * What the stage plays and where its plays are reported. The callbacks are stable, so the
 * stage keeps running across state updates and reads the newest state through a ref.
 */
export function useStageProgram(state: PlayerState | undefined, clock: Clock): StageProgram {
  const [currentItem, setCurrentItem] = useState('none');
  const stateRef = useRef(state);
  useLayoutEffect(() => {
    stateRef.current = state;
  });
  const passRef = useRef(0);
  const compile = useCallback(
    (pass: number): readonly StageStep[] => {
      const s = stateRef.current;
      if (!s || s.fallback) return [];
      const date = localDate(clock.now(), s.playlist.timeZone);
      return compileLoop({ items: s.items, playlist: s.playlist, locale: s.locales[0] ?? DEFAULT_LOCALE, date, pass });
    },
    [clock],
  );
  const nextPass = useCallback(() => passRef.current++, []);
  const report = useCallback((event: PlayEvent) => void callRoute('plays', event), []);
  const onView = useCallback((view: StageView) => setCurrentItem(describeView(view)), []);
  return { compile, nextPass, report, onView, currentItem };
}

function describeView(view: StageView): string {
  switch (view.kind) {
    case 'starting':
      return 'starting';
    case 'fallback':
      return 'built-in fallback slide';
    case 'card':
    case 'video':
      return `${view.step.type} ${view.step.item.id}: ${view.step.item.title}`;
    default:
      return assertNever(view, 'stage view');
  }
}
