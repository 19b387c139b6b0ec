import type { CaseItem, ContentItem, Locale, NoticeItem, VideoItem } from '../model/content';
import type { Playlist, StageEntry } from '../model/playlist';
import { assertNever } from '../assert-never';
import { caseOfTheDay } from './case-of-the-day';
import { casePool, playableItems } from '../content/selection';
import { caseSeconds } from './reading-time';

export type StageStep =
  | { readonly type: 'video'; readonly key: string; readonly item: VideoItem }
  | { readonly type: 'case'; readonly key: string; readonly item: CaseItem; readonly seconds: number }
  | {
      readonly type: 'notice';
      readonly key: string;
      readonly item: NoticeItem;
      readonly seconds: number;
    };

export interface LoopInput {
  readonly items: readonly ContentItem[];
  readonly playlist: Playlist;
  readonly locale: Locale;
  /** The local date, for the case of the day. */
  readonly date: string;
  /** How many passes through the loop came before; drives the rotations. */
  readonly pass: number;
}

type Kind = ContentItem['kind'];
type ItemOf<K extends Kind> = Extract<ContentItem, { kind: K }>;

const byId = (a: { id: string }, b: { id: string }): number => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

/**
 * Items of a kind in the screen's locale; when the locale has none, the first of the
 * playlist's other locales that has some, so a half-translated pack still plays.
 */
export function itemsOfKind<K extends Kind>(
  items: readonly ContentItem[],
  kind: K,
  locale: Locale,
  fallbacks: readonly Locale[] = [],
): ItemOf<K>[] {
  const ofKind = items.filter((i): i is ItemOf<K> => i.kind === kind);
  for (const l of [locale, ...fallbacks]) {
    const found = ofKind.filter((i) => i.locale === l);
    if (found.length > 0) return found.sort(byId);
  }
  return [];
}

const pick = <T>(pool: readonly T[], index: number): T | undefined =>
  pool.length === 0 ? undefined : pool[index % pool.length];

/**
 * The case a screen shows on a local date: pinned first, then the rotation, over the cases
 * playable then in the screen's language. The console's "case of the day" answer is this call.
 */
export function caseForDate(input: Pick<LoopInput, 'items' | 'playlist' | 'locale' | 'date'>): CaseItem | undefined {
  const { playlist, date } = input;
  const cases = itemsOfKind(playableItems(input.items, playlist, date), 'case', input.locale, playlist.locales);
  return caseOfTheDay(casePool(cases, playlist), date);
}

/** The steps of one pass through the playlist's stage loop. Empty means nothing playable. */
export function compileLoop(input: LoopInput): readonly StageStep[] {
  const { playlist, locale, date, pass } = input;
  // Out-of-season items and other audiences' items drop out before any rotation.
  const items = playableItems(input.items, playlist, date);
  const fallbacks = playlist.locales;
  const videos = itemsOfKind(items, 'video', locale, fallbacks);
  const cases = itemsOfKind(items, 'case', locale, fallbacks);
  const notices = itemsOfKind(items, 'notice', locale, fallbacks);
  const rotations = countRotations(playlist.stage);
  const seen = { video: 0, notice: new Map<string, number>() };
  const steps: StageStep[] = [];

  playlist.stage.forEach((entry: StageEntry, index) => {
    const key = `${pass}:${index}`;
    switch (entry.type) {
      case 'video': {
        const item = videos.find((v) => v.id === entry.id) ?? items.find(
          (i): i is VideoItem => i.kind === 'video' && i.id === entry.id,
        );
        if (item) steps.push({ type: 'video', key, item });
        return;
      }
      case 'next-video': {
        const item = pick(videos, pass * rotations.video + seen.video++);
        if (item) steps.push({ type: 'video', key, item });
        return;
      }
      case 'case-of-the-day': {
        const item = caseOfTheDay(casePool(cases, playlist), date);
        // A longer case gets the seconds it needs at the group's reading pace.
        if (item) steps.push({ type: 'case', key, item, seconds: caseSeconds(item, entry.seconds, playlist.ticker.charsPerSecond) });
        return;
      }
      case 'notice': {
        const item = items.find((i): i is NoticeItem => i.kind === 'notice' && i.id === entry.id);
        if (item) steps.push({ type: 'notice', key, item, seconds: entry.seconds });
        return;
      }
      case 'next-notice': {
        const variant = entry.variant ?? 'any';
        const pool = notices.filter((n) => entry.variant === undefined || n.variant === entry.variant);
        const k = seen.notice.get(variant) ?? 0;
        seen.notice.set(variant, k + 1);
        const item = pick(pool, pass * (rotations.notice.get(variant) ?? 1) + k);
        if (item) steps.push({ type: 'notice', key, item, seconds: entry.seconds });
        return;
      }
      default:
        assertNever(entry, 'stage entry');
    }
  });
  return steps;
}

/** How many rotating entries of each pool one pass has, so consecutive passes continue the rotation. */
function countRotations(stage: readonly StageEntry[]): {
  video: number;
  notice: Map<string, number>;
} {
  const notice = new Map<string, number>();
  let video = 0;
  for (const e of stage) {
    if (e.type === 'next-video') video++;
    if (e.type === 'next-notice') {
      const v = e.variant ?? 'any';
      notice.set(v, (notice.get(v) ?? 0) + 1);
    }
  }
  return { video: Math.max(video, 1), notice };
}
