import type { Locale } from '../../core/model/content';
import { formatDate, formatTime } from '../format';
import { Hotlines } from '../region-context';

export interface HeaderProps {
  readonly organisation: string;
  readonly now: Date;
  readonly timeZone: string;
  readonly locale: Locale;
}

/** Organisation, date and time in the playlist's time zone, and the region's hotlines. */
export function Header({ organisation, now, timeZone, locale }: HeaderProps) {
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
        <Hotlines locale={locale} />
      </div>
    </header>
  );
}
