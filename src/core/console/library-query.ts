import { assertNever } from '../assert-never';
import type { ContentItem } from '../model/content';
import type { ItemSummary, LibraryItem } from './formats';

export function titleOf(item: ContentItem): string {
  switch (item.kind) {
    case 'slogan':
    case 'alert':
      return item.text;
    case 'case':
    case 'video':
    case 'notice':
      return item.title;
    default:
      return assertNever(item, 'content kind');
  }
}

export function summarise(entry: LibraryItem): ItemSummary {
  const { item, workflow, targeting } = entry;
  return {
    id: item.id,
    kind: item.kind,
    ...(item.locale ? { locale: item.locale } : {}),
    title: titleOf(item),
    tags: [...new Set([...(item.kind === 'alert' ? [] : (item.tags ?? [])), ...targeting.audience, ...targeting.regions])],
    status: workflow.status,
    rev: workflow.rev,
    updatedBy: workflow.updatedBy,
    updatedAt: workflow.updatedAt,
    live: entry.published !== undefined,
  };
}

export interface Filter {
  readonly q?: string | undefined;
  readonly kind?: ItemSummary['kind'] | undefined;
  readonly status?: ItemSummary['status'] | undefined;
  readonly tag?: string | undefined;
}

/** Case-insensitive match on id, title and tags; kind, status and tag filter exactly. */
export function matches(summary: ItemSummary, filter: Filter): boolean {
  if (filter.kind && summary.kind !== filter.kind) return false;
  if (filter.status && summary.status !== filter.status) return false;
  if (filter.tag && !summary.tags.includes(filter.tag)) return false;
  const q = filter.q?.trim().toLowerCase();
  if (!q) return true;
  return summary.id.includes(q) || summary.title.toLowerCase().includes(q) || summary.tags.some((t) => t.toLowerCase().includes(q));
}

/** Newest change first, so the list opens on what people are working on. */
export const byRecent = (a: ItemSummary, b: ItemSummary): number =>
  b.updatedAt.localeCompare(a.updatedAt) || a.id.localeCompare(b.id);
