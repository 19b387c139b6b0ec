import type { Season, SeasonName, SeasonWindow } from '../model/region';

/**
 * The campaign calendar. Spring Festival moves with the lunar calendar (late January to
 * mid February), so its window spans the ticket-buying weeks before any possible date.
 */
export const SEASON_WINDOWS: Readonly<Record<SeasonName, readonly SeasonWindow[]>> = {
  'school-start': [
    { from: '08-15', to: '09-30' },
    { from: '02-10', to: '03-10' },
  ],
  'shopping-festival': [
    { from: '05-25', to: '06-20' },
    { from: '10-20', to: '11-15' },
  ],
  'spring-festival': [{ from: '12-15', to: '02-28' }],
  'exams-graduation': [{ from: '05-15', to: '07-15' }],
  'school-holidays': [
    { from: '01-10', to: '02-25' },
    { from: '07-01', to: '08-31' },
  ],
};

/** Whether a local date (YYYY-MM-DD) falls in a yearly window, which may cross New Year. */
export function inWindow(date: string, span: SeasonWindow): boolean {
  const md = date.slice(5, 10);
  return span.from <= span.to ? md >= span.from && md <= span.to : md >= span.from || md <= span.to;
}

const windowsOf = (season: Season): readonly SeasonWindow[] =>
  typeof season === 'string' ? SEASON_WINDOWS[season] : [season];

/** An item without seasons is always in season; one with seasons only inside one of them. */
export function inSeason(seasons: readonly Season[] | undefined, date: string): boolean {
  if (!seasons || seasons.length === 0) return true;
  return seasons.some((s) => windowsOf(s).some((w) => inWindow(date, w)));
}

/** The named seasons a date falls in, for previews and docs. */
export function seasonsOn(date: string): SeasonName[] {
  return (Object.keys(SEASON_WINDOWS) as SeasonName[]).filter((name) => inSeason([name], date));
}
