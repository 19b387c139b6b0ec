import { z } from 'zod';
import { TopicId } from '../fleet/topics';
import { AuditEntry, ItemKind, ItemSummary, WorkflowStatus } from './formats';

/**
 * Server-side pages of the console's long lists (screens, library items, audit log): one
 * query schema per list, one pure function per list, each answering `{ total, entries }`
 * for one window. The pages ask for what they draw; nothing sends every row.
 */
export const PAGE_LIMIT_MAX = 200;
export const PAGE_LIMIT_DEFAULT = 50;

const pageWindow = {
  offset: z.coerce.number().int().min(0).max(10_000_000).default(0),
  limit: z.coerce.number().int().min(1).max(PAGE_LIMIT_MAX).default(PAGE_LIMIT_DEFAULT),
  /** Words that must all appear (case-insensitive), in any order. */
  q: z.string().max(200).optional(),
};

export const ScreenPresence = z.enum(['online', 'offline', 'stale', 'never', 'revoked']);
export type ScreenPresence = z.infer<typeof ScreenPresence>;

export const ScreenPageQuery = z.strictObject({
  ...pageWindow,
  group: TopicId.optional(),
  presence: ScreenPresence.optional(),
  sort: z.enum(['name', 'screenId', 'group', 'lastSeen']).default('name'),
});
export type ScreenPageQuery = z.infer<typeof ScreenPageQuery>;

/** One screen in the Screens list: its registration joined with what the broker last said. */
export const ScreenListRow = z.strictObject({
  screenId: z.string(),
  name: z.string(),
  group: z.string(),
  presence: ScreenPresence,
  lastSeen: z.string().nullable(),
  via: z.enum(['token', 'pairing', 'config']),
  createdAt: z.string().nullable(),
});
export type ScreenListRow = z.infer<typeof ScreenListRow>;
export const ScreenPage = z.strictObject({ total: z.number().int().nonnegative(), entries: z.array(ScreenListRow) });
export type ScreenPage = z.infer<typeof ScreenPage>;

export const ItemPageQuery = z.strictObject({
  ...pageWindow,
  kind: ItemKind.optional(),
  status: WorkflowStatus.optional(),
  tag: z.string().max(40).optional(),
  sort: z.enum(['recent', 'title', 'id']).default('recent'),
});
export type ItemPageQuery = z.infer<typeof ItemPageQuery>;
export const ItemPage = z.strictObject({
  total: z.number().int().nonnegative(),
  entries: z.array(ItemSummary),
  /** Every tag in the library, for the tag filter. */
  tags: z.array(z.string()),
});
export type ItemPage = z.infer<typeof ItemPage>;

export const AuditPageQuery = z.strictObject({
  ...pageWindow,
  actor: z.string().max(40).optional(),
  action: z.string().max(40).optional(),
  sort: z.enum(['newest', 'oldest']).default('newest'),
});
export type AuditPageQuery = z.infer<typeof AuditPageQuery>;
export const AuditPage = z.strictObject({ total: z.number().int().nonnegative(), entries: z.array(AuditEntry) });
export type AuditPage = z.infer<typeof AuditPage>;

export const searchWords = (q: string | undefined): string[] => (q ?? '').toLowerCase().split(/\s+/).filter(Boolean);

/** Whether every word appears in one of the texts (lower-cased here). */
export function hasWords(words: readonly string[], texts: readonly string[]): boolean {
  if (words.length === 0) return true;
  const hay = texts.join('\n').toLowerCase();
  return words.every((w) => hay.includes(w));
}

const cmp = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/** The window [offset, offset + limit) of the rows that match, in `order`. */
export function pageOf<T>(rows: readonly T[], keep: (row: T) => boolean, order: ((a: T, b: T) => number) | undefined, offset: number, limit: number): { total: number; entries: T[] } {
  const kept = rows.filter(keep);
  if (order) kept.sort(order);
  return { total: kept.length, entries: kept.slice(offset, offset + limit) };
}

type Keyed = { readonly row: ScreenListRow; readonly key: string };
const SCREEN_ORDER: Record<ScreenPageQuery['sort'], (a: Keyed, b: Keyed) => number> = {
  name: (a, b) => cmp(a.key, b.key) || cmp(a.row.screenId, b.row.screenId),
  screenId: (a, b) => cmp(a.row.screenId, b.row.screenId),
  group: (a, b) => cmp(a.row.group, b.row.group) || cmp(a.key, b.key) || cmp(a.row.screenId, b.row.screenId),
  lastSeen: (a, b) => cmp(b.row.lastSeen ?? '', a.row.lastSeen ?? '') || cmp(a.row.screenId, b.row.screenId),
};

export function screenPage(rows: readonly ScreenListRow[], query: ScreenPageQuery): ScreenPage {
  const words = searchWords(query.q);
  const keep = (r: ScreenListRow): boolean =>
    (!query.group || r.group === query.group) && (!query.presence || r.presence === query.presence) && hasWords(words, [r.screenId, r.name, r.group]);
  // The sort key lower-cased once per row, not once per comparison.
  const keyed = rows.filter(keep).map((row) => ({ row, key: row.name.toLowerCase() }));
  const page = pageOf(keyed, () => true, SCREEN_ORDER[query.sort], query.offset, query.limit);
  return { total: page.total, entries: page.entries.map((k) => k.row) };
}

/** The library's rows with their search text, built once per library change, not per request. */
export interface IndexedItem {
  readonly summary: ItemSummary;
  readonly hay: string;
  readonly titleKey: string;
}

export const indexItem = (summary: ItemSummary): IndexedItem => ({
  summary,
  hay: [summary.id, summary.title, summary.tags.join(' '), summary.updatedBy].join('\n').toLowerCase(),
  titleKey: summary.title.toLowerCase(),
});

const ITEM_ORDER: Record<ItemPageQuery['sort'], (a: IndexedItem, b: IndexedItem) => number> = {
  recent: (a, b) => cmp(b.summary.updatedAt, a.summary.updatedAt) || cmp(a.summary.id, b.summary.id),
  title: (a, b) => cmp(a.titleKey, b.titleKey) || cmp(a.summary.id, b.summary.id),
  id: (a, b) => cmp(a.summary.id, b.summary.id),
};

export function itemPage(rows: readonly IndexedItem[], tags: readonly string[], query: ItemPageQuery): ItemPage {
  const words = searchWords(query.q);
  const keep = ({ summary: s, hay }: IndexedItem): boolean =>
    (!query.kind || s.kind === query.kind) && (!query.status || s.status === query.status) &&
    (!query.tag || s.tags.includes(query.tag)) && words.every((w) => hay.includes(w));
  const page = pageOf(rows, keep, ITEM_ORDER[query.sort], query.offset, query.limit);
  return { total: page.total, entries: page.entries.map((r) => r.summary), tags: [...tags] };
}

/** Every tag in use, sorted, for the tag filter. */
export const tagsOf = (rows: readonly IndexedItem[]): string[] =>
  [...new Set(rows.flatMap((r) => r.summary.tags))].sort(cmp);

/** The search text of an audit entry; the Node side keeps one per entry, made once. */
export const auditHay = (e: AuditEntry): string => [e.actor, e.action, e.target, e.detail].join('\n').toLowerCase();

/**
 * `entries` oldest first, as the log holds them. Newest first walks it backwards; neither
 * order copies or sorts the log, so a page costs one pass over it.
 */
export function auditPage(entries: readonly AuditEntry[], query: AuditPageQuery, hay: (e: AuditEntry) => string = auditHay): AuditPage {
  const words = searchWords(query.q);
  const keep = (e: AuditEntry): boolean =>
    (!query.actor || e.actor === query.actor) && (!query.action || e.action === query.action) && (words.length === 0 || words.every((w) => hay(e).includes(w)));
  const out: AuditEntry[] = [];
  let total = 0;
  const n = entries.length;
  for (let k = 0; k < n; k++) {
    const e = entries[query.sort === 'newest' ? n - 1 - k : k]!;
    if (!keep(e)) continue;
    if (total >= query.offset && out.length < query.limit) out.push(e);
    total += 1;
  }
  return { total, entries: out };
}
