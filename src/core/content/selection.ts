import type { CaseItem, ContentItem } from '../model/content';
import type { Audience } from '../model/region';
import { validOn } from '../model/validity';
import { inSeason } from './seasons';

interface Selecting {
  /** The playlist's audiences; none means the screen speaks to everyone. */
  readonly audiences?: readonly Audience[] | undefined;
}

const shares = (a: readonly Audience[] | undefined, b: readonly Audience[] | undefined): boolean =>
  a !== undefined && b !== undefined && a.some((x) => b.includes(x));

/**
 * Whether an item may play on a date for a playlist: inside its season (if it has one),
 * and either for everyone or for one of the playlist's audiences. A playlist without
 * audiences plays every audience's items.
 */
export function playableOn(item: ContentItem, playlist: Selecting, date: string): boolean {
  if (item.kind === 'alert') return true;
  if (!inSeason(item.seasons, date)) return false;
  if (item.validity && !validOn(item.validity, date)) return false;
  if (!item.audiences || !playlist.audiences || playlist.audiences.length === 0) return true;
  return shares(item.audiences, playlist.audiences);
}

export function playableItems(items: readonly ContentItem[], playlist: Selecting, date: string): ContentItem[] {
  return items.filter((i) => playableOn(i, playlist, date));
}

/**
 * The pool the case of the day is drawn from: the cases tagged for the playlist's
 * audiences, or every playable case when the playlist names none or none match.
 */
export function casePool(cases: readonly CaseItem[], playlist: Selecting): readonly CaseItem[] {
  if (!playlist.audiences || playlist.audiences.length === 0) return cases;
  const tagged = cases.filter((c) => shares(c.audiences, playlist.audiences));
  return tagged.length > 0 ? tagged : cases;
}
