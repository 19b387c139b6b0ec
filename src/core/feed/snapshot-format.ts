import { z } from 'zod';
import { CapAlert } from '../cap/cap-model';
import { AlertItem } from '../model/content';
import { FeedEntry, Sha256Hex } from './entry';
import { PublishedPlaylist } from '../contract/published';

export const SourceState = z.object({
  url: z.string(),
  etag: z.string().max(1000).optional(),
  lastModified: z.string().max(200).optional(),
  /** Version of the signed content last accepted: anything older is a replay. */
  version: z.number().int().nonnegative().optional(),
  fetchedAt: z.string(),
  entries: z.array(FeedEntry),
  alerts: z.array(AlertItem).default([]),
  quarantined: z.array(z.object({ id: z.string(), reason: z.string() })),
  /** The source was the console's published format, signed and verified: from then on the pack stays off. */
  published: z.boolean().optional(),
  /** The group's verified playlist document (a `publisher` source). */
  playlist: PublishedPlaylist.optional(),
  /** A CAP source's messages (cap-state.ts): kept so updates and cancels work across polls and restarts. */
  cap: z.object({ active: z.record(z.string(), CapAlert), ended: z.record(z.string(), z.number()) }).optional(),
});
export type SourceState = z.infer<typeof SourceState>;

/** The last good feed content: what the screen shows after a restart with no network. */
export const Snapshot = z.object({
  format: z.literal('kiosk-feed-snapshot/2'),
  savedAt: z.string(),
  lastSuccess: z.string().nullable(),
  sources: z.array(SourceState),
  /** Media URL to the SHA-256 of what was downloaded, for media with no published hash. */
  media: z.record(z.string(), Sha256Hex),
});
export type Snapshot = z.infer<typeof Snapshot>;

export const emptySnapshot = (): Snapshot => ({
  format: 'kiosk-feed-snapshot/2',
  savedAt: '1970-01-01T00:00:00.000Z',
  lastSuccess: null,
  sources: [],
  media: {},
});

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Version 1 stored media fields (a placeholder file) on the item; version 2 keeps them beside it. */
function withoutMediaFields(entry: unknown): unknown {
  if (!isRecord(entry) || !isRecord(entry.item)) return entry;
  const { file: _file, poster: _poster, captions: _captions, image: _image, ...item } = entry.item;
  return { ...entry, item };
}

/**
 * A version-1 snapshot (alerts among the entries, a video's file a placeholder) in the
 * version-2 shape, so an upgraded screen still starts offline with its last content.
 */
export function upgradeSnapshot(value: unknown): unknown {
  if (!isRecord(value) || value.format !== 'kiosk-feed-snapshot/1' || !Array.isArray(value.sources)) return value;
  const sources = value.sources.map((source: unknown) => {
    if (!isRecord(source) || !Array.isArray(source.entries)) return source;
    const isAlert = (e: unknown): boolean => isRecord(e) && isRecord(e.item) && e.item.kind === 'alert';
    const alerts = source.entries.filter(isAlert).map((e) => (e as { item: unknown }).item);
    return { ...source, entries: source.entries.filter((e) => !isAlert(e)).map(withoutMediaFields), alerts };
  });
  return { ...value, format: 'kiosk-feed-snapshot/2', sources };
}
