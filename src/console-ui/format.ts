import type { Locale } from '../core/model/content';

/** 1536 → "1.5 KB"; binary units, one decimal. */
export function formatBytes(bytes: number): string {
  const units = ['B', 'KB', 'MB', 'GB'];
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit++;
  }
  return `${unit === 0 ? value : value.toFixed(1)} ${units[unit]}`;
}

/** Seconds left at the rate measured so far; null until there is a rate to go by. */
export function secondsLeft(bytesDone: number, bytesTotal: number, elapsedMs: number): number | null {
  if (bytesDone <= 0 || elapsedMs <= 0) return null;
  const rate = bytesDone / elapsedMs;
  return Math.max(0, Math.ceil((bytesTotal - bytesDone) / rate / 1000));
}

/** 75 → "1:15", 3725 → "1:02:05". */
export function formatDuration(seconds: number): string {
  const s = Math.max(0, Math.round(seconds));
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  const rest = String(s % 60).padStart(2, '0');
  return h > 0 ? `${h}:${String(m).padStart(2, '0')}:${rest}` : `${m}:${rest}`;
}

const formatters = new Map<Locale, Intl.DateTimeFormat>();

/** A date and time in the page's language; one formatter per language, as building one is slow. */
export function formatWhen(iso: string, locale: Locale): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  let format = formatters.get(locale);
  if (!format) {
    format = new Intl.DateTimeFormat(locale, { year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });
    formatters.set(locale, format);
  }
  return format.format(date);
}

/** "a, b ,,c" → ["a", "b", "c"]; full-width commas too, as Chinese keyboards type them. */
export function splitList(text: string): string[] {
  return text
    .split(/[,，、\s]+/)
    .map((s) => s.trim())
    .filter(Boolean);
}
