import type { ReactNode } from 'react';
import type { PlayerState } from '../../core/api/contract';
import { assertNever } from '../../core/assert-never';
import type { Locale } from '../../core/model/content';
import type { Layout } from '../../core/model/playlist';
import type { Clock } from '../clock';
import type { ScreenPlan } from '../screen-plan';
import { FALLBACK } from '../strings';
import { lineText } from '../ticker-plan';
import type { StageProgram } from '../use-stage-program';
import { AlertOverlay } from './AlertOverlay';
import { Header } from './Header';
import { PagedTicker } from './PagedTicker';
import { Stage } from './Stage';
import { StandbyCard } from './StandbyCard';
import { SyncedStage } from './SyncedStage';
import { Ticker } from './Ticker';

export const FALLBACK_SEPARATOR = '　◆　';

export interface ScreenBodyProps {
  readonly plan: ScreenPlan;
  readonly state: PlayerState | undefined;
  readonly layout: Layout;
  readonly locale: Locale;
  readonly timeZone: string;
  readonly now: Date;
  readonly clock: Clock;
  /** The ticker's lines for now (core set plus rotated lines), and the same joined. */
  readonly segments: readonly string[];
  readonly tickerText: string;
  /** The operator (or the fleet) stopped motion: WCAG 2.2.2. */
  readonly motionPaused: boolean;
  readonly program: StageProgram;
}

/** The screen under the operator overlay, one branch per plan kind. */
export function ScreenBody(props: ScreenBodyProps) {
  const { plan, state, layout, locale, timeZone, now } = props;
  const organisation = state?.organisation ?? FALLBACK.organisation;
  const { tickerProps, sloganTicker } = tickers(props);
  switch (plan.kind) {
    case 'loading':
    case 'black':
      return null;
    case 'standby':
      return <StandbyCard organisation={organisation} now={now} timeZone={timeZone} locale={locale} />;
    case 'takeover':
      return layout === 'strip'
        ? <Ticker text={plan.alert.text + FALLBACK_SEPARATOR} tone="alert" {...tickerProps} />
        : <AlertOverlay alert={plan.alert} locale={locale} />;
    case 'loop':
      if (layout === 'strip') {
        return plan.banner
          ? <Ticker text={plan.banner.text + FALLBACK_SEPARATOR} tone="alert" {...tickerProps} />
          : sloganTicker(plan.playable ? props.tickerText : fallbackLine());
      }
      return (
        <>
          <Header organisation={organisation} now={now} timeZone={timeZone} locale={locale} />
          {plan.banner ? <AlertOverlay alert={plan.banner} locale={locale} /> : null}
          <div className="stage-frame">
            {plan.playable && state?.playlist.sync
              ? <SyncedStage sync={state.playlist.sync} locale={locale} {...stageCallbacks(props.program)} />
              : <Stage key={plan.playable ? 'playable' : 'fallback'} clock={props.clock} locale={locale} {...stageCallbacks(props.program)} />}
          </div>
          {sloganTicker(plan.playable && props.tickerText !== '' ? props.tickerText : fallbackLine())}
        </>
      );
    default:
      return assertNever(plan, 'screen plan');
  }
}

function tickers(props: ScreenBodyProps) {
  const ticker = props.state?.playlist.ticker;
  const tickerProps = {
    speed: ticker?.speed,
    charsPerSecond: ticker?.charsPerSecond ?? 6,
    wholePixelSteps: ticker?.wholePixelSteps ?? props.layout === 'strip',
    paused: props.motionPaused,
  };
  // Paged mode (or a viewer setting against motion) shows one line at a time, still.
  const paged = (ticker?.mode === 'paged' || prefersReducedMotion()) && props.segments.length > 0;
  const sloganTicker = (text: string): ReactNode =>
    paged ? <PagedTicker segments={props.segments} pageSeconds={ticker?.pageSeconds ?? 6} paused={props.motionPaused} /> : <Ticker text={text} {...tickerProps} />;
  return { tickerProps, sloganTicker };
}

const stageCallbacks = ({ compile, nextPass, report, onView }: StageProgram) => ({ compile, nextPass, report, onView });

const prefersReducedMotion = (): boolean => window.matchMedia?.('(prefers-reduced-motion: reduce)').matches ?? false;

const fallbackLine = (): string => lineText(FALLBACK.ticker, FALLBACK_SEPARATOR);
