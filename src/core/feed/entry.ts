import { z } from 'zod';
import { ContentItem } from '../model/content';
import { MEDIA_CACHE_PREFIX } from '../api/contract';
import { Sha256Hex } from '../model/sha256';

export const MediaField = z.enum(['file', 'poster', 'image']);
export type MediaField = z.infer<typeof MediaField>;

// one schema for every digest (model/sha256.ts); re-exported for the feed modules that name it here
export { Sha256Hex } from '../model/sha256';

/** A media file an accepted item needs before it can be shown. */
export const MediaNeed = z.object({
  field: MediaField,
  url: z.string().min(1).max(2048),
  /** Published hash; when absent, the hash of what was downloaded names the file. */
  sha256: Sha256Hex.optional(),
});
export type MediaNeed = z.infer<typeof MediaNeed>;

/** A video's `file` until its media is cached; never shown (items() drops the video). */
export const PENDING_MEDIA = 'media/pending';

/** An accepted item plus the media it needs; what the snapshot stores. */
export const FeedEntry = z.object({
  item: ContentItem,
  media: z.array(MediaNeed).default([]),
  published: z.string().optional(),
});
export type FeedEntry = z.infer<typeof FeedEntry>;

/**
 * The items the renderer may show: media fields point into the cache, and only at files
 * that are there and verified. A video whose file is not cached yet is left out.
 */
export function resolveItems(
  entries: readonly FeedEntry[],
  cachedSha: (need: MediaNeed) => string | undefined,
): ContentItem[] {
  const result: ContentItem[] = [];
  for (const entry of entries) {
    const item: Record<string, unknown> = { ...entry.item };
    let complete = true;
    for (const field of ['file', 'poster', 'image'] as const) {
      if (field in item) delete item[field];
      const need = entry.media.find((m) => m.field === field);
      const sha = need ? cachedSha(need) : undefined;
      if (sha) item[field] = `${MEDIA_CACHE_PREFIX}${sha}`;
      else if (need && field === 'file') complete = false;
    }
    if (complete) result.push(item as ContentItem);
  }
  return result;
}

/** Entries kept from an earlier fetch (a 304, a failed sync) still age and expire. */
export function stillCurrent(entries: readonly FeedEntry[], now: Date, maxAgeDays: number): FeedEntry[] {
  const oldest = now.getTime() - maxAgeDays * 86_400_000;
  return entries.filter((e) => {
    if (e.item.kind === 'alert' && new Date(e.item.expires).getTime() <= now.getTime()) return false;
    return !e.published || new Date(e.published).getTime() >= oldest;
  });
}
