import type { FeedKind } from '../model/feed-config';
import { checkItem, type PolicyConfig } from '../policy/content-policy';
import { toPlainText } from '../policy/plain-text';
import { buildItem } from './build-item';
import type { FeedEntry } from './entry';
import { kindFromCategories, kindOfWord } from './kind-words';
import { localeOf } from './locale-guess';
import { DEFAULT_MEDIA_RULES, mediaRefusal, type MediaRules } from './media-rules';
import type { RawFeed, RawItem } from './raw-item';
import { feedItemId } from './stable-id';

export interface MapOptions {
  readonly sourceUrl: string;
  readonly defaultKind: FeedKind;
  readonly sourceTags: readonly string[];
  readonly maxAgeDays: number;
  readonly maxItems: number;
  readonly policy: PolicyConfig;
  readonly now: Date;
  /** Which media URLs an item may carry; https only and no hash required when absent. */
  readonly media?: MediaRules;
}

export interface Quarantined {
  readonly id: string;
  readonly reason: string;
}

export interface MapResult {
  readonly entries: readonly FeedEntry[];
  readonly quarantined: readonly Quarantined[];
  /** Items left out without blame: too old, duplicates, beyond the per-feed limit. */
  readonly dropped: number;
}

function publishedOf(raw: RawItem): Date | undefined {
  if (!raw.published) return undefined;
  const d = new Date(raw.published.trim());
  return Number.isNaN(d.getTime()) ? undefined : d;
}

function tagsOf(raw: RawItem, sourceTags: readonly string[]): string[] {
  const own = raw.categories
    .filter((c) => kindOfWord(c) === undefined)
    .map((c) => toPlainText(c).slice(0, 40))
    .filter((c) => c.length > 0);
  return [...new Set([...sourceTags, ...own])].slice(0, 20);
}

interface Candidate {
  readonly raw: RawItem;
  readonly published: Date | undefined;
  readonly order: number;
}

/** Newest first; undated items keep their feed order after the dated ones of the same rank. */
function ordered(items: readonly RawItem[], now: Date, maxAgeDays: number): { kept: Candidate[]; dropped: number } {
  const seen = new Set<string>();
  const oldest = now.getTime() - maxAgeDays * 86_400_000;
  const kept: Candidate[] = [];
  let dropped = 0;
  items.forEach((raw, order) => {
    const published = publishedOf(raw);
    if (seen.has(raw.key) || (published && published.getTime() < oldest)) {
      dropped++;
      return;
    }
    seen.add(raw.key);
    kept.push({ raw, published, order });
  });
  kept.sort((a, b) => (b.published?.getTime() ?? Infinity) - (a.published?.getTime() ?? Infinity) || a.order - b.order);
  return { kept, dropped };
}

/** Parsed feed items to accepted entries and quarantined items, each with its reason. */
export function mapFeed(feed: RawFeed, options: MapOptions): MapResult {
  const { kept, dropped } = ordered(feed.items, options.now, options.maxAgeDays);
  const entries: FeedEntry[] = [];
  const quarantined: Quarantined[] = feed.rejected.map((r) => ({
    id: feedItemId(options.sourceUrl, r.key),
    reason: r.reason,
  }));
  const feedTitle = toPlainText(feed.title ?? '') || hostOrName(options.sourceUrl);
  for (const { raw, published } of kept.slice(0, options.maxItems)) {
    const id = feedItemId(options.sourceUrl, raw.key);
    const kind = kindFromCategories(raw.kind, raw.categories) ?? options.defaultKind;
    const locale = localeOf(raw.locale, feed.language, `${raw.title ?? ''} ${raw.text ?? ''}`);
    const built = buildItem(raw, {
      id, kind, locale, tags: tagsOf(raw, options.sourceTags), feedTitle, published, now: options.now,
    });
    if (!built.ok) {
      if (built.error !== 'alert has expired') quarantined.push({ id, reason: built.error });
      continue;
    }
    const refused = raw.media.map((m) => mediaRefusal(m, options.media ?? DEFAULT_MEDIA_RULES)).find(Boolean);
    if (refused) {
      quarantined.push({ id, reason: refused });
      continue;
    }
    const checked = checkItem(built.value.item, options.policy);
    if (!checked.ok) {
      quarantined.push({ id, reason: `${checked.error} (${describe(raw)})` });
      continue;
    }
    entries.push({ item: checked.value, media: [...built.value.media], ...(published ? { published: published.toISOString() } : {}) });
  }
  return { entries, quarantined, dropped: dropped + Math.max(0, kept.length - options.maxItems) };
}

function hostOrName(source: string): string {
  try {
    return new URL(source).hostname || 'feed';
  } catch {
    return 'feed';
  }
}

function describe(raw: RawItem): string {
  const text = toPlainText(raw.title ?? raw.text ?? raw.key);
  return `"${Array.from(text).slice(0, 40).join('')}${Array.from(text).length > 40 ? '…' : ''}"`;
}
