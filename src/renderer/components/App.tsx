import { useCallback, useLayoutEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import { assertNever } from '../../core/assert-never';
import type { PlayEvent, PlayerState } from '../../core/api/contract';
import { compileLoop, localDate, tickerRound, tickerSegments, type StageStep } from '../../core/schedule';
import { callRoute } from '../api/client';
import type { Clock } from '../clock';
import type { StageView } from '../player/stage-runner';
import { DEFAULT_LOCALE, DEFAULT_TIME_ZONE, layoutForViewport, planScreen, type ScreenPlan } from '../screen-plan';
import { DEFAULT_REGION, RegionContext } from '../region-context';
import { FALLBACK } from '../strings';
import { lineText } from '../ticker-plan';
import { useHeartbeat } from '../use-heartbeat';
import { useNow } from '../use-now';
import { useOperator } from '../use-operator';
import { useShownReport, type Shown } from '../use-shown-report';
import { usePlayerState } from '../use-player-state';
import { AlertOverlay } from './AlertOverlay';
import { Header } from './Header';
import { OperatorOverlay } from './OperatorOverlay';
import { Stage } from './Stage';
import { StandbyCard } from './StandbyCard';
import { Ticker } from './Ticker';
import { PagedTicker } from './PagedTicker';

const FALLBACK_SEPARATOR = '　◆　';

export function App({ clock }: { readonly clock: Clock }) {
  const { state, error } = usePlayerState();
  const now = useNow(clock);
  const [currentItem, setCurrentItem] = useState('none');
  const [startedAt] = useState(() => clock.now());
  const stateRef = useRef(state);
  useLayoutEffect(() => {
    stateRef.current = state;
  });
  const passRef = useRef(0);
  useHeartbeat();
  const operator = useOperator();

  const locale = state?.locales[0] ?? DEFAULT_LOCALE;
  const timeZone = state?.playlist.timeZone ?? DEFAULT_TIME_ZONE;
  const layout = state?.layout ?? layoutForViewport(window.innerWidth, window.innerHeight);
  const plan = planScreen({ state, loaded: state !== undefined || error !== undefined, now });
  const tickerDate = localDate(now, timeZone);
  const round = tickerRound(now.getTime());
  const segments = useMemo(() => tickerLines(state, tickerDate, round), [state, tickerDate, round]);
  const tickerText = useMemo(() => lineText(segments, state?.playlist.ticker.separator ?? FALLBACK_SEPARATOR), [segments, state]);

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
  useShownReport(shownOutsideStage(plan), clock, report);
  const onView = useCallback((view: StageView) => setCurrentItem(describeView(view)), []);

  const ticker = state?.playlist.ticker;
  const tickerProps = {
    speed: ticker?.speed,
    charsPerSecond: ticker?.charsPerSecond ?? 6,
    wholePixelSteps: ticker?.wholePixelSteps ?? layout === 'strip',
    paused: operator.motionPaused,
  };
  // Paged mode (or a viewer setting against motion) shows one line at a time, still.
  const paged = (ticker?.mode === 'paged' || prefersReducedMotion()) && segments.length > 0;
  const sloganTicker = (fallbackText: string): ReactNode =>
    paged ? <PagedTicker segments={segments} pageSeconds={ticker?.pageSeconds ?? 6} paused={operator.motionPaused} /> : <Ticker text={fallbackText} {...tickerProps} />;

  let body: ReactNode;
  if (plan.kind === 'loading' || plan.kind === 'black') {
    body = null;
  } else if (plan.kind === 'standby') {
    body = <StandbyCard organisation={state?.organisation ?? FALLBACK.organisation} now={now} timeZone={timeZone} locale={locale} />;
  } else if (plan.kind === 'takeover') {
    body = layout === 'strip'
      ? <Ticker text={plan.alert.text + FALLBACK_SEPARATOR} tone="alert" {...tickerProps} />
      : <AlertOverlay alert={plan.alert} locale={locale} />;
  } else if (layout === 'strip') {
    body = plan.banner
      ? <Ticker text={plan.banner.text + FALLBACK_SEPARATOR} tone="alert" {...tickerProps} />
      : sloganTicker(plan.playable ? tickerText : fallbackLine());
  } else {
    body = (
      <>
        <Header organisation={state?.organisation ?? FALLBACK.organisation} now={now} timeZone={timeZone} locale={locale} />
        {plan.banner ? <AlertOverlay alert={plan.banner} locale={locale} /> : null}
        <div className="stage-frame">
          <Stage key={plan.playable ? 'playable' : 'fallback'} clock={clock} locale={locale} compile={compile} nextPass={nextPass} report={report} onView={onView} />
        </div>
        {sloganTicker(plan.playable && tickerText !== '' ? tickerText : fallbackLine())}
      </>
    );
  }

  return (
    <RegionContext.Provider value={state?.region ?? DEFAULT_REGION}>
    <div className={`screen layout-${layout} screen-${plan.kind}`} lang={locale} data-testid="screen" data-plan={plan.kind}>
      {body}
      {operator.open ? (
        <OperatorOverlay
          state={state}
          stateError={error}
          currentItem={currentItem}
          now={now}
          rendererStartedAt={startedAt}
          pinLength={operator.pinLength}
          pinMessage={operator.message}
        />
      ) : null}
    </div>
    </RegionContext.Provider>
  );
}

function tickerLines(state: PlayerState | undefined, date: string, round: number): readonly string[] {
  if (!state || state.fallback) return [];
  const locale = state.locales[0] ?? DEFAULT_LOCALE;
  return tickerSegments({ items: state.items, playlist: state.playlist, locale, date, round });
}

const prefersReducedMotion = (): boolean => window.matchMedia?.('(prefers-reduced-motion: reduce)').matches ?? false;

function shownOutsideStage(plan: ScreenPlan): Shown | undefined {
  if (plan.kind === 'takeover') return { id: plan.alert.id, kind: 'alert', title: plan.alert.text };
  if (plan.kind === 'loop' && plan.banner) return { id: plan.banner.id, kind: 'alert', title: plan.banner.text };
  if (plan.kind === 'standby') return { id: 'standby', kind: 'standby', title: 'Standby card' };
  return undefined;
}

const fallbackLine = (): string => lineText(FALLBACK.ticker, FALLBACK_SEPARATOR);

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
