import { z } from 'zod';
import { assertNever } from '../assert-never';
import { CaseItem, NoticeItem, SloganItem, VideoItem, type AlertItem, type ContentItem } from '../model/content';
import { MEDIA_CACHE_PREFIX } from '../api/contract';
import { Sha256Hex } from '../model/sha256';

export const MediaField = z.enum(['file', 'poster', 'captions', 'image']);
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

/**
 * An accepted item as stored: without its media fields, which point into the cache and are
 * filled in only once the file is there (`resolveItems`). Alerts are kept apart (`alerts`).
 */
export const StoredItem = z.discriminatedUnion('kind', [
  SloganItem,
  CaseItem,
  VideoItem.omit({ file: true, poster: true, captions: true }),
  NoticeItem.omit({ image: true }),
]);
export type StoredItem = z.infer<typeof StoredItem>;

/** An accepted item plus the media it needs; what the snapshot stores. */
export const FeedEntry = z.object({
  item: StoredItem,
  media: z.array(MediaNeed).default([]),
  published: z.string().optional(),
});
export type FeedEntry = z.infer<typeof FeedEntry>;

type CachedSha = (need: MediaNeed) => string | undefined;
/** How the renderer asks for a medium: the screen's cache by default; the console's preview its library. */
export type RefOf = (sha256: string, need: MediaNeed) => string;
const cacheRef: RefOf = (sha) => `${MEDIA_CACHE_PREFIX}${sha}`;

interface Resolver {
  readonly cachedSha: CachedSha;
  readonly refOf: RefOf;
}

function mediaRef(entry: FeedEntry, field: MediaField, r: Resolver): { readonly ref?: string } {
  const need = entry.media.find((m) => m.field === field);
  const sha = need ? r.cachedSha(need) : undefined;
  return sha && need ? { ref: r.refOf(sha, need) } : {};
}

/** The item the renderer may show, or undefined while a video's file is not in the cache. */
function resolveEntry(entry: FeedEntry, cachedSha: Resolver): ContentItem | undefined {
  const { item } = entry;
  switch (item.kind) {
    case 'slogan':
    case 'case':
      return item;
    case 'video': {
      const file = mediaRef(entry, 'file', cachedSha).ref;
      const poster = mediaRef(entry, 'poster', cachedSha).ref;
      const captions = mediaRef(entry, 'captions', cachedSha).ref;
      return file ? { ...item, file, ...(poster ? { poster } : {}), ...(captions ? { captions } : {}) } : undefined;
    }
    case 'notice': {
      const image = mediaRef(entry, 'image', cachedSha).ref;
      return image ? { ...item, image } : item;
    }
    default:
      return assertNever(item, 'stored item');
  }
}

/**
 * The items the renderer may show: media fields point into the cache, and only at files
 * that are there and verified. A video whose file is not cached yet is left out.
 */
export function resolveItems(entries: readonly FeedEntry[], cachedSha: CachedSha, refOf: RefOf = cacheRef): ContentItem[] {
  return entries.map((e) => resolveEntry(e, { cachedSha, refOf })).filter((i): i is ContentItem => i !== undefined);
}

/** The oldest publication time still shown: the one place `maxAgeDays` becomes a date. */
export const ageCutoff = (now: Date, maxAgeDays: number): number => now.getTime() - maxAgeDays * 86_400_000;

/** Entries kept from an earlier fetch (a 304, a failed sync) still age. */
export function stillCurrent(entries: readonly FeedEntry[], now: Date, maxAgeDays: number): FeedEntry[] {
  const oldest = ageCutoff(now, maxAgeDays);
  return entries.filter((e) => !e.published || new Date(e.published).getTime() >= oldest);
}

/** Alerts kept from an earlier fetch end when they expire. */
export const unexpired = (alerts: readonly AlertItem[], now: Date): AlertItem[] =>
  alerts.filter((a) => new Date(a.expires).getTime() > now.getTime());
