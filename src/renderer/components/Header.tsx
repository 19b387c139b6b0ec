import type { Locale } from '../../core/model/content';
import { formatDate, formatTime } from '../format';
import { HOTLINES, uiStrings } from '../strings';

export interface HeaderProps {
  readonly organisation: string;
  readonly now: Date;
  readonly timeZone: string;
  readonly locale: Locale;
}

/** Organisation, date and time in the playlist's time zone, and the two hotlines. */
export function Header({ organisation, now, timeZone, locale }: HeaderProps) {
  const text = uiStrings(locale);
  return (
    <header className="header">
      <div className="header-org">
        <span className="header-badge" aria-hidden="true">
          !
        </span>
        <span className="header-org-name">{organisation}</span>
      </div>
      <div className="header-clock">
        <span className="header-time" data-testid="clock-time">
          {formatTime(now, timeZone)}
        </span>
        <span className="header-date">{formatDate(now, locale, timeZone)}</span>
      </div>
      <div className="header-hotlines">
        <Hotline label={text.police} number={HOTLINES.police} />
        <Hotline label={text.antiFraudLine} number={HOTLINES.antiFraud} />
      </div>
    </header>
  );
}

export function Hotline({ label, number }: { readonly label: string; readonly number: string }) {
  return (
    <span className="hotline">
      <span className="hotline-label">{label}</span>
      <span className="hotline-number">{number}</span>
    </span>
  );
}
