import type { Locale } from '../../core/model/content';
import { formatDate, formatTime } from '../format';
import { HOTLINES, uiStrings } from '../strings';
import { Hotline } from './Header';

export interface StandbyCardProps {
  readonly organisation: string;
  readonly now: Date;
  readonly timeZone: string;
  readonly locale: Locale;
}

/** Outside on-hours: a calm, dim card with the time and the hotlines. */
export function StandbyCard({ organisation, now, timeZone, locale }: StandbyCardProps) {
  const text = uiStrings(locale);
  return (
    <main className="standby" data-testid="standby" lang={locale}>
      <div className="standby-time">{formatTime(now, timeZone)}</div>
      <div className="standby-date">{formatDate(now, locale, timeZone)}</div>
      <div className="standby-org">{organisation}</div>
      <p className="standby-text">
        {text.standbyTitle} · {text.standbyText}
      </p>
      <div className="standby-hotlines">
        <Hotline label={text.police} number={HOTLINES.police} />
        <Hotline label={text.antiFraudLine} number={HOTLINES.antiFraud} />
      </div>
    </main>
  );
}
