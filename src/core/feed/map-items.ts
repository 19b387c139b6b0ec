import { assertNever } from '../assert-never';
import { policyForItem } from '../content/hotlines';
import type { AlertItem, ContentItem } from '../model/content';
import type { FeedKind } from '../model/feed-config';
import { checkItem, policyKey, type PolicyConfig } from '../policy/content-policy';
import { toPlainText } from '../policy/plain-text';
import { buildItem } from './build-item';
import { ageCutoff, type FeedEntry, type StoredItem } from './entry';
import { outcomeTable } from './outcome-memo';
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
  /** Items for the playlist, with the media each needs. */
  readonly entries: readonly FeedEntry[];
  /** Alerts, apart from the start: they go to the alert bar, not the playlist. */
  readonly alerts: readonly AlertItem[];
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
  const oldest = ageCutoff(now, maxAgeDays);
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

/** What one kept item became. */
type Outcome =
  | { readonly kind: 'entry'; readonly entry: FeedEntry }
  | { readonly kind: 'alert'; readonly alert: AlertItem }
  | { readonly kind: 'quarantined'; readonly reason: string }
  | { readonly kind: 'expired' };

interface FeedContext {
  readonly feed: RawFeed;
  readonly options: MapOptions;
  readonly feedTitle: string;
}

function mapOne(raw: RawItem, published: Date | undefined, kind: FeedKind, c: FeedContext): Outcome {
  const { feed, options } = c;
  const id = feedItemId(options.sourceUrl, raw.key);
  const locale = localeOf(raw.locale, feed.language, `${raw.title ?? ''} ${raw.text ?? ''}`);
  const built = buildItem(raw, { id, kind, locale, tags: tagsOf(raw, options.sourceTags), feedTitle: c.feedTitle, published, now: options.now });
  switch (built.kind) {
    case 'expired':
      return built;
    case 'refused':
      return { kind: 'quarantined', reason: built.reason };
    case 'alert': {
      const problem = policyProblem(built.alert, options.policy, raw);
      return problem ? { kind: 'quarantined', reason: problem } : built;
    }
    case 'entry': {
      const problem = mediaProblem(raw, options) ?? policyProblem(policyView(built.item), options.policy, raw);
      if (problem) return { kind: 'quarantined', reason: problem };
      return { kind: 'entry', entry: { item: built.item, media: [...built.media], ...(published ? { published: published.toISOString() } : {}) } };
    }
    default:
      return assertNever(built, 'build outcome');
  }
}

/** Every field of RawItem; the compiler refuses this list when one is missing, so none is left out of the key. */
const KEYED = ['key', 'title', 'text', 'kind', 'categories', 'published', 'media', 'level', 'starts', 'expires', 'lesson', 'amount', 'fraudType', 'qr', 'locale', 'regions'] as const;
const keyedAll: Exclude<keyof RawItem, (typeof KEYED)[number]> extends never ? true : never = true;

function listKey(list: readonly unknown[]): string {
  let key = `a${list.length}|`;
  for (const x of list) {
    const text = typeof x === 'string' ? x : JSON.stringify(x);
    key += `${typeof x === 'string' ? 's' : 'j'}${text.length}:${text}`;
  }
  return key;
}

/** Every field of a parsed item in one string, each with its length, so no two items share one. */
function itemKey(raw: RawItem): string {
  let key = '';
  for (const name of KEYED) {
    const v = raw[name];
    if (v === undefined) key += '-';
    else if (typeof v === 'number') key += `n${v}|`;
    else if (typeof v === 'string') key += `${v.length}:${v}`;
    else key += listKey(v);
  }
  return keyedAll && key;
}

/**
 * The outcome of an item whose outcome does not depend on the clock: not an alert (expiry),
 * not an undated case (dated today). Everything else it depends on is in the memo's key.
 */
function memoOutcome(raw: RawItem, published: Date | undefined, c: FeedContext, table: Map<string, Outcome>): Outcome {
  const kind = kindFromCategories(raw.kind, raw.categories) ?? c.options.defaultKind;
  if (kind === 'alert' || (kind === 'case' && !published)) return mapOne(raw, published, kind, c);
  const key = itemKey(raw);
  let outcome = table.get(key);
  if (!outcome) {
    outcome = mapOne(raw, published, kind, c);
    table.set(key, outcome);
  }
  return outcome;
}

/** Parsed feed items to accepted entries and quarantined items, each with its reason. */
export function mapFeed(feed: RawFeed, options: MapOptions): MapResult {
  const { kept, dropped } = ordered(feed.items, options.now, options.maxAgeDays);
  const entries: FeedEntry[] = [];
  const alerts: AlertItem[] = [];
  const quarantined: Quarantined[] = feed.rejected.map((r) => ({
    id: feedItemId(options.sourceUrl, r.key),
    reason: r.reason,
  }));
  const c: FeedContext = { feed, options, feedTitle: toPlainText(feed.title ?? '') || hostOrName(options.sourceUrl) };
  const table = outcomeTable<Outcome>(JSON.stringify([options.sourceUrl, options.defaultKind, options.sourceTags, options.media ?? null, feed.language ?? null, c.feedTitle, policyKey(options.policy)]));
  for (const { raw, published } of kept.slice(0, options.maxItems)) {
    const outcome = memoOutcome(raw, published, c, table);
    if (outcome.kind === 'entry') entries.push(outcome.entry);
    else if (outcome.kind === 'alert') alerts.push(outcome.alert);
    else if (outcome.kind === 'quarantined') quarantined.push({ id: feedItemId(options.sourceUrl, raw.key), reason: outcome.reason });
  }
  return { entries, alerts, quarantined, dropped: dropped + Math.max(0, kept.length - options.maxItems) };
}

const mediaProblem = (raw: RawItem, options: MapOptions): string | undefined =>
  raw.media.map((m) => mediaRefusal(m, options.media ?? DEFAULT_MEDIA_RULES)).find(Boolean);

function policyProblem(item: ContentItem, policy: PolicyConfig, raw: RawItem): string | undefined {
  // An item for other regions may name their hotlines; screens elsewhere leave it out (forRegion).
  const checked = checkItem(item, policyForItem(policy, item));
  return checked.ok ? undefined : `${checked.error} (${describe(raw)})`;
}

/**
 * The policy judges the text a viewer reads, and takes a whole content item. A stored video
 * has no file yet; the empty path stands in for it here only, and is never stored or shown.
 */
export function policyView(item: StoredItem | AlertItem): ContentItem {
  return item.kind === 'video' ? { ...item, file: '' } : item;
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
