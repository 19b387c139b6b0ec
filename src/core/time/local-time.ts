import type { Weekday } from '../model/playlist';

/**
 * The one local-time module: wall-clock facts of an instant in an IANA time zone. Intl does
 * the zone and DST arithmetic; the host clock and host zone are never read.
 */
export interface LocalTime {
  /** YYYY-MM-DD */
  readonly date: string;
  readonly weekday: Weekday;
  /** minutes since local midnight */
  readonly minutes: number;
  readonly secondOfDay: number;
  /** HH:MM */
  readonly hhmm: string;
}

const DAY_MS = 86_400_000;
const BUCKET_MS = 900_000;
export const WEEKDAYS: readonly Weekday[] = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'];

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
      hourCycle: 'h23',
    });
    formatters.set(timeZone, f);
  }
  return f;
}

const offsets = new Map<string, number>();

/**
 * Local wall time minus UTC, in ms. Zone offsets only change on quarter hours, so one Intl call
 * per zone and quarter hour serves every instant in it (reports walk millions of records).
 */
function offsetAt(instantMs: number, timeZone: string): number {
  const bucket = Math.floor(instantMs / BUCKET_MS);
  const key = `${timeZone}|${bucket}`;
  const cached = offsets.get(key);
  if (cached !== undefined) return cached;
  const at = bucket * BUCKET_MS;
  const parts: Record<string, string> = {};
  for (const p of formatter(timeZone).formatToParts(new Date(at))) parts[p.type] = p.value;
  const wall = Date.UTC(
    Number(parts['year']),
    Number(parts['month']) - 1,
    Number(parts['day']),
    Number(parts['hour']),
    Number(parts['minute']),
    Number(parts['second']),
  );
  if (offsets.size > 100_000) offsets.clear();
  offsets.set(key, wall - at);
  return wall - at;
}

export function localTime(instant: Date | number, timeZone: string): LocalTime {
  const instantMs = typeof instant === 'number' ? instant : instant.getTime();
  const wall = instantMs + offsetAt(instantMs, timeZone);
  const iso = new Date(wall).toISOString();
  const msOfDay = ((wall % DAY_MS) + DAY_MS) % DAY_MS;
  const secondOfDay = Math.floor(msOfDay / 1000);
  // 1970-01-01 was a Thursday
  const weekday = WEEKDAYS[(((Math.floor(wall / DAY_MS) + 4) % 7) + 7) % 7] ?? 'sun';
  return { date: iso.slice(0, 10), weekday, minutes: Math.floor(secondOfDay / 60), secondOfDay, hhmm: iso.slice(11, 16) };
}

export const localDate = (instant: Date | number, timeZone: string): string => localTime(instant, timeZone).date;

/** Whole days since 1970-01-01 for a YYYY-MM-DD calendar date (no time zone involved). */
export function dayNumber(date: string): number {
  const [y, m, d] = date.split('-').map(Number);
  return Math.floor(Date.UTC(y ?? 1970, (m ?? 1) - 1, d ?? 1) / DAY_MS);
}

/** True when Intl knows the zone name. */
export function isValidTimeZone(timeZone: string): boolean {
  try {
    formatter(timeZone);
    return true;
  } catch {
    return false;
  }
}

/** Every date from `from` to `to` inclusive (YYYY-MM-DD, calendar arithmetic in UTC). */
export function datesBetween(from: string, to: string): string[] {
  const start = Date.parse(`${from}T00:00:00Z`);
  const end = Date.parse(`${to}T00:00:00Z`);
  const dates: string[] = [];
  for (let t = start; t <= end; t += DAY_MS) dates.push(new Date(t).toISOString().slice(0, 10));
  return dates;
}

/** A real calendar date as YYYY-MM-DD (rejects 2024-02-30). */
export function isIsoDate(text: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(text)) return false;
  const t = Date.parse(`${text}T00:00:00Z`);
  return Number.isFinite(t) && new Date(t).toISOString().slice(0, 10) === text;
}
