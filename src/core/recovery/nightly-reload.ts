import { localClock, parseClockTime } from './local-clock';

/**
 * An optional reload at a quiet hour clears whatever a renderer accumulates over a day.
 * It is due once per local date, inside a window after the set time, so a kiosk switched
 * on at noon does not reload at once, and a time skipped by a DST jump still happens.
 */
export interface NightlyReloadInput {
  readonly now: number;
  /** "HH:MM" local time, or null when the nightly reload is off. */
  readonly at: string | null;
  readonly timeZone: string;
  /** Local date of the last nightly reload (or of the start, which is as good as one). */
  readonly lastDate: string | null;
  readonly windowMinutes?: number;
}

export type NightlyReloadVerdict =
  | { readonly kind: 'off' }
  | { readonly kind: 'wait'; readonly date: string }
  | { readonly kind: 'due'; readonly date: string; readonly reason: string };

export function decideNightlyReload(input: NightlyReloadInput): NightlyReloadVerdict {
  if (input.at === null) return { kind: 'off' };
  const target = parseClockTime(input.at);
  if (target === null) return { kind: 'off' };
  const { date, minutes } = localClock(input.now, input.timeZone);
  // The window ends at midnight at the latest: pick a quiet hour well before it.
  const inWindow = minutes >= target && minutes < target + (input.windowMinutes ?? 60);
  if (!inWindow || input.lastDate === date) return { kind: 'wait', date };
  return { kind: 'due', date, reason: `nightly reload at ${input.at} (${input.timeZone})` };
}

/**
 * The date to remember at start-up: a fresh process is as good as a reload, so a start after
 * today's time counts as today's reload; a start before it leaves today's reload to come.
 */
export function nightlyStartDate(now: number, at: string | null, timeZone: string): string | null {
  const target = at === null ? null : parseClockTime(at);
  if (target === null) return null;
  const { date, minutes } = localClock(now, timeZone);
  return minutes >= target ? date : null;
}
