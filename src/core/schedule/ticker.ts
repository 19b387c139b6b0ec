import type { ContentItem, Locale, SloganItem } from '../model/content';
import type { Playlist, Ticker, TickerSource } from '../model/playlist';
import { assertNever } from '../assert-never';
import { playableItems } from '../content/selection';
import { itemsOfKind } from './loop';

/** How often the rotated-in slogans change: a passer-by who stays sees new lines within minutes. */
export const TICKER_ROUND_MS = 3 * 60_000;

/** The rotation round at an instant (every screen of a site agrees on it). */
export const tickerRound = (epochMs: number): number => Math.floor(epochMs / TICKER_ROUND_MS);

/**
 * The core set every loop, plus `rotateIn` of the others, a different window each round,
 * spread between the core lines so the rotated ones do not bunch at the end.
 */
export function coreAndRotated<T>(core: readonly T[], rest: readonly T[], rotateIn: number, round: number): T[] {
  if (core.length === 0 || rest.length === 0) return [...core, ...(core.length === 0 ? rest : [])];
  const n = Math.min(rotateIn, rest.length);
  const start = (((round * n) % rest.length) + rest.length) % rest.length;
  const rotated = Array.from({ length: n }, (_, k) => rest[(start + k) % rest.length] as T);
  const out: T[] = [];
  const every = Math.max(1, Math.ceil(core.length / Math.max(1, n)));
  core.forEach((line, i) => {
    out.push(line);
    if ((i + 1) % every === 0 && rotated.length > 0) out.push(rotated.shift() as T);
  });
  return [...out, ...rotated];
}

function sloganLines(slogans: readonly SloganItem[], ticker: Ticker, round: number): string[] {
  const core = slogans.filter((s) => s.tags?.includes(ticker.coreTag));
  const rest = slogans.filter((s) => !s.tags?.includes(ticker.coreTag));
  return coreAndRotated(core, rest, ticker.rotateIn, round).map((s) => s.text);
}

function segmentsOf(source: TickerSource, items: readonly ContentItem[], locale: Locale, ticker: Ticker, round: number): string[] {
  switch (source.type) {
    case 'slogans': {
      const slogans = itemsOfKind(items, 'slogan', locale).filter((s) => !source.tags || source.tags.some((t) => s.tags?.includes(t)));
      return sloganLines(slogans, ticker, round);
    }
    case 'case-titles':
      return itemsOfKind(items, 'case', locale).map((c) => c.title);
    case 'notices':
      return itemsOfKind(items, 'notice', locale).map((n) => n.title);
    default:
      return assertNever(source, 'ticker source');
  }
}

/** Interleave lists so each locale's lines alternate: a, x, b, y, c… */
function interleave(lists: readonly (readonly string[])[]): string[] {
  const out: string[] = [];
  const longest = Math.max(0, ...lists.map((l) => l.length));
  for (let i = 0; i < longest; i++) for (const l of lists) if (i < l.length) out.push(l[i] ?? '');
  return out;
}

/**
 * The ticker's lines: every source, in each of the playlist's locales, alternating. With
 * a date, out-of-season and other audiences' items are left out; `round` rotates slogans.
 */
export function tickerSegments(input: {
  readonly items: readonly ContentItem[];
  readonly playlist: Playlist;
  readonly locale: Locale;
  readonly date?: string;
  readonly round?: number;
}): readonly string[] {
  const { playlist, date } = input;
  const items = date === undefined ? input.items : playableItems(input.items, playlist, date);
  const locales = [input.locale, ...playlist.locales.filter((l) => l !== input.locale)];
  const perLocale = locales.map((locale) =>
    playlist.ticker.sources.flatMap((s) => segmentsOf(s, items, locale, playlist.ticker, input.round ?? 0)),
  );
  return interleave(perLocale);
}

/**
 * The ticker's speed in px/s: a fixed `speed` when given, otherwise `charsPerSecond` CJK
 * characters (each one em wide, the rendered glyph height) per second.
 */
export function tickerPxPerSecond(ticker: { readonly speed?: number | undefined; readonly charsPerSecond: number }, glyphPx: number): number {
  if (ticker.speed !== undefined) return ticker.speed;
  return ticker.charsPerSecond * Math.max(1, glyphPx);
}

/** What a px/s speed means for a reader: CJK characters per second at a glyph size. */
export const charsPerSecondAt = (pxPerSecond: number, glyphPx: number): number => pxPerSecond / Math.max(1, glyphPx);

/** How long one loop of the ticker takes so that it moves at `speed` px/s whatever its length. */
export function tickerDurationMs(loopWidthPx: number, speedPxPerSec: number): number {
  if (!(loopWidthPx > 0) || !(speedPxPerSec > 0)) return 0;
  return (loopWidthPx / speedPxPerSec) * 1000;
}

/**
 * The nearest speed that moves a whole number of pixels each frame (at least one), so
 * small LED text steps cleanly instead of shimmering between pixels.
 */
export function wholePixelSpeed(speedPxPerSec: number, refreshHz: number): number {
  const pxPerFrame = Math.max(1, Math.round(speedPxPerSec / refreshHz));
  return pxPerFrame * refreshHz;
}
