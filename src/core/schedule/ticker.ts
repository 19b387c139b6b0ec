import type { ContentItem, Locale } from '../model/content';
import type { Playlist, TickerSource } from '../model/playlist';
import { assertNever } from '../assert-never';
import { itemsOfKind } from './loop';

function segmentsOf(source: TickerSource, items: readonly ContentItem[], locale: Locale): string[] {
  switch (source.type) {
    case 'slogans':
      return itemsOfKind(items, 'slogan', locale)
        .filter((s) => !source.tags || source.tags.some((t) => s.tags?.includes(t)))
        .map((s) => s.text);
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

/** The ticker's lines: every source, in each of the playlist's locales, alternating. */
export function tickerSegments(input: {
  readonly items: readonly ContentItem[];
  readonly playlist: Playlist;
  readonly locale: Locale;
}): readonly string[] {
  const locales = [input.locale, ...input.playlist.locales.filter((l) => l !== input.locale)];
  const perLocale = locales.map((locale) =>
    input.playlist.ticker.sources.flatMap((s) => segmentsOf(s, input.items, locale)),
  );
  return interleave(perLocale);
}

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
