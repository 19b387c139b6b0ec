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
import { Stage } from './Stage';
import { StandbyCard } from './StandbyCard';
import { Ticker } from './Ticker';

const FALLBACK_SEPARATOR = '　◆　';

export interface ScreenBodyProps {
  readonly plan: ScreenPlan;
  readonly state: PlayerState | undefined;
  readonly layout: Layout;
  readonly locale: Locale;
  readonly timeZone: string;
  readonly now: Date;
  readonly clock: Clock;
  readonly tickerText: string;
  readonly program: StageProgram;
}

/** The screen under the operator overlay, one branch per plan kind. */
export function ScreenBody(props: ScreenBodyProps) {
  const { plan, state, layout, locale, timeZone, now } = props;
  const organisation = state?.organisation ?? FALLBACK.organisation;
  const ticker = state?.playlist.ticker;
  const tickerProps = { speed: ticker?.speed ?? 120, wholePixelSteps: ticker?.wholePixelSteps ?? layout === 'strip' };
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
        const text = plan.banner ? plan.banner.text + FALLBACK_SEPARATOR : plan.playable ? props.tickerText : fallbackLine();
        return <Ticker text={text} tone={plan.banner ? 'alert' : 'normal'} {...tickerProps} />;
      }
      return (
        <>
          <Header organisation={organisation} now={now} timeZone={timeZone} locale={locale} />
          {plan.banner ? <AlertOverlay alert={plan.banner} locale={locale} /> : null}
          <div className="stage-frame">
            <Stage key={plan.playable ? 'playable' : 'fallback'} clock={props.clock} locale={locale} {...stageCallbacks(props.program)} />
          </div>
          <Ticker text={plan.playable && props.tickerText !== '' ? props.tickerText : fallbackLine()} {...tickerProps} />
        </>
      );
    default:
      return assertNever(plan, 'screen plan');
  }
}

const stageCallbacks = ({ compile, nextPass, report, onView }: StageProgram) => ({ compile, nextPass, report, onView });

const fallbackLine = (): string => lineText(FALLBACK.ticker, FALLBACK_SEPARATOR);
