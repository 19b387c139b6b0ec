import { formatDate, formatTime } from '../format';
import { Hotlines } from '../region-context';
import { uiStrings } from '../strings';
import type { HeaderProps } from './Header';

/** The same facts as the header: organisation, clock and locale. */
export type StandbyCardProps = HeaderProps;

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
        <Hotlines locale={locale} />
      </div>
    </main>
  );
}
