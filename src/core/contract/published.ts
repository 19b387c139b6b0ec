import { z } from 'zod';
import { AlertItem, CaseItem, Locale, NoticeItem, SloganItem, VideoItem } from '../model/content';
import { Layout, OnHours, StageEntry, SyncGroup, Ticker } from '../model/playlist';
import { Audience, Region } from '../model/region';
import { Sha256Hex } from '../model/sha256';
import { err, ok, type Result } from '../result';

/**
 * The published folder's documents: what the console writes and what every screen reads,
 * one schema each, so nothing is decided twice or copied by hand between the two sides.
 * A minor version adds optional fields a reader may ignore; a major version is a reader's
 * "stop": a screen refuses it and keeps its last good content.
 */
export const PUBLISHED_MAJOR = 1;
/** 1.1: a group playlist may carry `sync` (screens play in step). */
export const PUBLISHED_MINOR = 1;
export const PUBLISHED_FORMAT = `kiosk-published/${PUBLISHED_MAJOR}.${PUBLISHED_MINOR}`;
const FORMAT_PATTERN = /^kiosk-published\/(\d{1,4})\.(\d{1,4})$/;
export const FormatTag = z.string().regex(FORMAT_PATTERN, 'kiosk-published/<major>.<minor>');

export const MediaType = z.enum(['video/webm', 'video/mp4', 'image/png', 'image/jpeg', 'text/vtt']);
export type MediaType = z.infer<typeof MediaType>;

export const GroupId = z.string().regex(/^[a-z0-9][a-z0-9-]{0,39}$/, 'lower-case letters, digits or "-" (max 40)');

/** A medium in the published folder, named by its hash; `path` is relative to the folder. */
export const PublishedMedia = z.strictObject({
  path: z.string().regex(/^media\/[0-9a-f]{64}\.(webm|mp4|png|jpg|vtt)$/, 'media/<sha256>.<ext>'),
  sha256: Sha256Hex,
  bytes: z.number().int().nonnegative(),
  type: MediaType,
});
export type PublishedMedia = z.infer<typeof PublishedMedia>;

/**
 * One item exactly as the library holds it (ids, dates, sources, pins, validity, seasons,
 * audiences, regions, tags), with each media path replaced by the published medium.
 */
export const PublishedItem = z.discriminatedUnion('kind', [
  SloganItem,
  CaseItem,
  VideoItem.extend({ file: PublishedMedia, poster: PublishedMedia.optional(), captions: PublishedMedia.optional() }),
  NoticeItem.extend({ image: PublishedMedia.optional() }),
  AlertItem,
]);
export type PublishedItem = z.infer<typeof PublishedItem>;

/** What every published document carries: which format, which publish, until when. */
const Head = {
  format: FormatTag,
  /** Grows with every publish; a screen refuses one older than it accepted (rollback). */
  version: z.number().int().nonnegative(),
  /** A screen refuses the document after this (replay of an old, once valid, version). */
  expires: z.iso.datetime({ offset: true }),
};

const Attachment = z.strictObject({
  url: z.string().max(2048),
  mime_type: MediaType,
  size_in_bytes: z.number().int().nonnegative(),
  _sha256: Sha256Hex,
});

/**
 * One feed item: the JSON Feed 1.1 fields are a courtesy for other readers, derived from
 * `_kiosk`, which is the item itself and the only part screens read.
 */
export const PublishedFeedItem = z.strictObject({
  id: z.string(),
  title: z.string(),
  content_text: z.string().optional(),
  date_published: z.string().optional(),
  tags: z.array(z.string()).optional(),
  language: z.string().optional(),
  attachments: z.array(Attachment).optional(),
  _kiosk: PublishedItem,
}).refine((i) => i.id === i._kiosk.id, { message: 'the item id differs from its _kiosk id', path: ['id'] });
export type PublishedFeedItem = z.infer<typeof PublishedFeedItem>;

/** The feed: JSON Feed 1.1 on the outside, the contract's head under `_kiosk`. */
export const PublishedFeed = z.strictObject({
  $schema: z.string().optional(),
  version: z.literal('https://jsonfeed.org/version/1.1'),
  title: z.string().max(200),
  feed_url: z.string().max(2048).optional(),
  _kiosk: z.strictObject({ ...Head, group: GroupId.optional() }),
  items: z.array(PublishedFeedItem).max(100_000),
});
export type PublishedFeed = z.infer<typeof PublishedFeed>;

/** A screen group's playlist: the loop, ticker, on-hours and languages every screen of it plays. */
export const PublishedPlaylist = z.strictObject({
  $schema: z.string().optional(),
  ...Head,
  group: GroupId,
  name: z.string().min(1).max(80),
  layout: Layout,
  locales: z.array(Locale).min(1),
  region: Region.optional(),
  audiences: z.array(Audience).min(1).optional(),
  /** Only items carrying one of these tags are in the group's feed; empty: all. */
  tags: z.array(z.string().min(1).max(40)).max(20),
  timeZone: z.string().min(1).max(60),
  ticker: Ticker,
  stage: z.array(StageEntry),
  onHours: OnHours,
  /** Since 1.1: the group's screens play the stage in step. */
  sync: SyncGroup.optional(),
});
export type PublishedPlaylist = z.infer<typeof PublishedPlaylist>;

/** Whether a reader of this build can read a document of that format; the reason if not. */
export function formatProblem(format: unknown, what: string): string | undefined {
  const match = typeof format === 'string' ? FORMAT_PATTERN.exec(format) : null;
  if (!match) return `${what}: not a published document (format ${JSON.stringify(format)?.slice(0, 40) ?? 'missing'})`;
  const major = Number(match[1]);
  if (major > PUBLISHED_MAJOR) {
    return `${what}: format ${String(format)} is newer than this screen reads (${PUBLISHED_MAJOR}.x); update the kiosk; keeping the last good content`;
  }
  if (major < PUBLISHED_MAJOR) return `${what}: format ${String(format)} is older than this screen reads (${PUBLISHED_MAJOR}.x)`;
  return undefined;
}

const firstIssue = (error: z.ZodError): string => {
  const issue = error.issues[0];
  return issue ? `${issue.path.map(String).join('.') || 'document'}: ${issue.message}` : 'invalid';
};

/** The format tag of a parsed document, wherever the document keeps it. */
const formatOf = (value: unknown): unknown => {
  if (typeof value !== 'object' || value === null) return undefined;
  const record = value as { format?: unknown; _kiosk?: { format?: unknown } };
  return record.format ?? record._kiosk?.format;
};

/** Reads one document: its format first (a newer major is refused whole), then the schema. */
export function readDocument<T>(schema: z.ZodType<T>, value: unknown, what: string): Result<T> {
  const problem = formatProblem(formatOf(value), what);
  if (problem) return err(problem);
  const parsed = schema.safeParse(value);
  return parsed.success ? ok(parsed.data) : err(`${what}: ${firstIssue(parsed.error)}`);
}

/** Whether a parsed JSON value claims to be one of our published documents (any version). */
export const claimsPublished = (value: unknown): boolean =>
  typeof formatOf(value) === 'string' && String(formatOf(value)).startsWith('kiosk-published/');
