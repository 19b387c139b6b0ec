import { useMemo, useState } from 'react';
import type { PlayerState } from '../../core/api/contract';
import { localDate, tickerRound, tickerSegments } from '../../core/schedule';
import type { Clock } from '../clock';
import { DEFAULT_REGION, RegionContext } from '../region-context';
import { DEFAULT_LOCALE, DEFAULT_TIME_ZONE, layoutForViewport, planScreen, type ScreenPlan } from '../screen-plan';
import { lineText } from '../ticker-plan';
import { useHeartbeat } from '../use-heartbeat';
import { useMotionHold } from '../use-motion-hold';
import { useNow } from '../use-now';
import { useOperator } from '../use-operator';
import { useShownReport, type Shown } from '../use-shown-report';
import { usePlayerState } from '../use-player-state';
import { useReloadDirective } from '../use-reload-directive';
import { useStageProgram } from '../use-stage-program';
import { IdentifyOverlay } from './IdentifyOverlay';
import { OperatorOverlay } from './OperatorOverlay';
import { StickNotice } from './StickNotice';
import { FALLBACK_SEPARATOR, ScreenBody } from './ScreenBody';

export function App({ clock }: { readonly clock: Clock }) {
  const { state, error } = usePlayerState();
  const now = useNow(clock);
  const [startedAt] = useState(() => clock.now());
  useHeartbeat();
  const operator = useOperator();
  const program = useStageProgram(state, clock);

  const locale = state?.locales[0] ?? DEFAULT_LOCALE;
  const timeZone = state?.playlist.timeZone ?? DEFAULT_TIME_ZONE;
  const layout = state?.layout ?? layoutForViewport(window.innerWidth, window.innerHeight);
  const plan = planScreen({ state, loaded: state !== undefined || error !== undefined, now });
  const { segments, tickerText } = useTickerLines(state, now, timeZone);
  useShownReport(shownOutsideStage(plan), clock, program.report);
  const { motionPaused, identifying } = useDirectives(state, now, operator.motionPaused);

  return (
    <RegionContext.Provider value={state?.region ?? DEFAULT_REGION}>
      <div className={`screen layout-${layout} screen-${plan.kind}`} lang={locale} data-testid="screen" data-plan={plan.kind}>
        <ScreenBody {...{ plan, state, layout, locale, timeZone, now, clock, segments, tickerText, motionPaused, program }} />
        {identifying && state ? <IdentifyOverlay screenId={state.screenId} /> : null}
        <StickNotice state={state} now={now} />
        {operator.open ? (
          <OperatorOverlay
            state={state}
            stateError={error}
            currentItem={program.currentItem}
            now={now}
            rendererStartedAt={startedAt}
            pinLength={operator.pinLength}
            pinMessage={operator.message}
            details={operator.details}
          />
        ) : null}
      </div>
    </RegionContext.Provider>
  );
}

/** The fleet's directives (docs/fleet.md) with the operator's own pause. */
function useDirectives(state: PlayerState | undefined, now: Date, operatorPaused: boolean): { motionPaused: boolean; identifying: boolean } {
  const directives = state?.directives;
  const motionPaused = operatorPaused || directives?.motionPaused === true;
  useMotionHold(motionPaused);
  useReloadDirective(directives?.reload);
  const identifying = directives?.identifyUntil ? now.getTime() < Date.parse(directives.identifyUntil) : false;
  return { motionPaused, identifying };
}

/** The ticker's lines for now: the core set plus the lines rotated in this round, and the same joined. */
function useTickerLines(state: PlayerState | undefined, now: Date, timeZone: string): { segments: readonly string[]; tickerText: string } {
  const tickerDate = localDate(now, timeZone);
  const round = tickerRound(now.getTime());
  const segments = useMemo(() => tickerLines(state, tickerDate, round), [state, tickerDate, round]);
  const tickerText = useMemo(() => lineText(segments, state?.playlist.ticker.separator ?? FALLBACK_SEPARATOR), [segments, state]);
  return { segments, tickerText };
}

function tickerLines(state: PlayerState | undefined, date: string, round: number): readonly string[] {
  if (!state || state.fallback) return [];
  const locale = state.locales[0] ?? DEFAULT_LOCALE;
  return tickerSegments({ items: state.items, playlist: state.playlist, locale, date, round });
}

function shownOutsideStage(plan: ScreenPlan): Shown | undefined {
  if (plan.kind === 'takeover') return { id: plan.alert.id, kind: 'alert', title: plan.alert.text };
  if (plan.kind === 'loop' && plan.banner) return { id: plan.banner.id, kind: 'alert', title: plan.banner.text };
  if (plan.kind === 'standby') return { id: 'standby', kind: 'standby', title: 'Standby card' };
  return undefined;
}
