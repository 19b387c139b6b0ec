import type { Locale } from '../core/model/content';

/**
 * Display formatting for the header, cards and overlay. Pure (Intl only) so the same
 * output is unit tested in Node and shown in Chromium.
 */
export function formatDate(now: Date, locale: Locale, timeZone: string): string {
  return new Intl.DateTimeFormat(locale, {
    timeZone,
    year: 'numeric',
    month: locale === 'en' ? 'short' : 'long',
    day: 'numeric',
    weekday: locale === 'en' ? 'short' : 'long',
  }).format(now);
}

export function formatTime(now: Date, timeZone: string): string {
  return new Intl.DateTimeFormat('en-GB', {
    timeZone,
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).format(now);
}

/**
 * Money as the audience reads it: whole units, grouped, with a sign no region misreads.
 * A bare "$" reads as HK$ in Hong Kong and NT$ in Taiwan, and "¥" as yen abroad, so only
 * a mainland Chinese screen gets the plain ¥.
 */
export function formatAmount(amount: number, currency: string, locale: Locale): string {
  const grouped = Math.round(amount).toLocaleString('en');
  const sign = REGIONAL_SIGN[currency.toUpperCase()];
  if (sign !== undefined) return `${typeof sign === 'string' ? sign : sign(locale)}${grouped}`;
  return `${grouped} ${currency.toUpperCase()}`;
}

const REGIONAL_SIGN: Readonly<Record<string, string | ((locale: Locale) => string)>> = {
  CNY: (locale) => (locale === 'zh-CN' ? '¥' : 'CN¥'),
  TWD: 'NT$',
  HKD: 'HK$',
  USD: 'US$',
};

export function formatBytes(bytes: number): string {
  const units = ['B', 'KB', 'MB', 'GB', 'TB'];
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit++;
  }
  return `${value.toFixed(unit === 0 ? 0 : 1)} ${units[unit]}`;
}

export function formatDuration(ms: number): string {
  const total = Math.max(0, Math.floor(ms / 1000));
  const days = Math.floor(total / 86_400);
  const hours = Math.floor((total % 86_400) / 3600);
  const minutes = Math.floor((total % 3600) / 60);
  const seconds = total % 60;
  const hms = [hours, minutes, seconds].map((n) => String(n).padStart(2, '0')).join(':');
  return days > 0 ? `${days}d ${hms}` : hms;
}

/**
 * A size class for long texts so a 1,200-character story still fits a card instead of
 * being cut off: the longer the text, the smaller the step.
 */
export function textSizeClass(text: string): 'text-l' | 'text-m' | 'text-s' | 'text-xs' {
  const weight = [...text].reduce((sum, ch) => sum + (ch.charCodeAt(0) > 0x2e7f ? 2 : 1), 0);
  if (weight <= 220) return 'text-l';
  if (weight <= 420) return 'text-m';
  if (weight <= 760) return 'text-s';
  return 'text-xs';
}

/**
 * Splits a notice's text into its numbered steps ("1. … 2. …", also right after a Chinese
 * full stop) so each starts on its own line; text without numbering stays one paragraph.
 * A line break the author wrote always starts a new paragraph (an official list's source
 * line after its last site, say).
 */
export function splitSteps(text: string): readonly string[] {
  const lines = text.split(/\r?\n/).map((l) => l.trim()).filter((l) => l.length > 0);
  return lines.length > 1 ? lines.flatMap(stepsOf) : stepsOf(text);
}

function stepsOf(text: string): readonly string[] {
  const parts = text
    .split(/(?<=[。；！？!?;]|\s)\s*(?=\d{1,2}[.、)]\s*\S)/u)
    .map((p) => p.trim())
    .filter((p) => p.length > 0);
  return parts.length > 1 && /^\d/.test(parts[0] ?? '') ? parts : [text.trim()];
}
