import { localTime } from '../time/local-time';

/** Wall-clock date and minute of the day at `now` in an IANA time zone (DST included). */
export interface LocalClock {
  readonly date: string;
  readonly minutes: number;
}

/** The schedule's Intl-based local time, without the weekday the recovery decisions do not need. */
export function localClock(now: number, timeZone: string): LocalClock {
  const { date, minutes } = localTime(now, timeZone);
  return { date, minutes };
}

/** "HH:MM" to minutes after midnight; null when malformed. */
export function parseClockTime(text: string): number | null {
  const match = /^([01]\d|2[0-3]):([0-5]\d)$/.exec(text);
  if (!match) return null;
  return Number(match[1]) * 60 + Number(match[2]);
}
