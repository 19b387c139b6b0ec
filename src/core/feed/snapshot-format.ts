import { z } from 'zod';
import { FeedEntry, Sha256Hex } from './entry';

export const SourceState = z.object({
  url: z.string(),
  etag: z.string().max(1000).optional(),
  lastModified: z.string().max(200).optional(),
  /** Version of the signed content last accepted: anything older is a replay. */
  version: z.number().int().nonnegative().optional(),
  fetchedAt: z.string(),
  entries: z.array(FeedEntry),
  quarantined: z.array(z.object({ id: z.string(), reason: z.string() })),
});
export type SourceState = z.infer<typeof SourceState>;

/** The last good feed content: what the screen shows after a restart with no network. */
export const Snapshot = z.object({
  format: z.literal('kiosk-feed-snapshot/1'),
  savedAt: z.string(),
  lastSuccess: z.string().nullable(),
  sources: z.array(SourceState),
  /** Media URL to the SHA-256 of what was downloaded, for media with no published hash. */
  media: z.record(z.string(), Sha256Hex),
});
export type Snapshot = z.infer<typeof Snapshot>;

export const emptySnapshot = (): Snapshot => ({
  format: 'kiosk-feed-snapshot/1',
  savedAt: '1970-01-01T00:00:00.000Z',
  lastSuccess: null,
  sources: [],
  media: {},
});
