import { z } from 'zod';
import { ContentItem, Locale } from '../model/content';
import { Layout, OnHours, StageEntry, SyncGroup, Ticker } from '../model/playlist';
import { Audience, Region } from '../model/region';
import { Validity } from '../model/validity';
import { MediaType } from '../contract/published';

/** Who may do what: an editor writes drafts, a publisher approves and signs, an admin runs the place. */
export const Role = z.enum(['editor', 'publisher', 'admin']);
export type Role = z.infer<typeof Role>;

export const Username = z
  .string()
  .regex(/^[a-z0-9][a-z0-9._-]{1,31}$/, 'lower-case letters, digits, ".", "_" or "-" (2-32)');
/** Long enough to resist guessing; no composition rules (NIST SP 800-63B). */
export const Password = z.string().min(10, 'at least 10 characters').max(200);

/** An account as the API shows it; the password hash never leaves the store. */
export const Account = z.strictObject({
  username: Username,
  /** One account may hold several roles (a small office has one person doing all). */
  roles: z.array(Role).min(1),
  disabled: z.boolean(),
  createdAt: z.iso.datetime({ offset: true }),
});
export type Account = z.infer<typeof Account>;

export const WorkflowStatus = z.enum(['draft', 'submitted', 'approved', 'rejected', 'published']);
export type WorkflowStatus = z.infer<typeof WorkflowStatus>;

export const Workflow = z.strictObject({
  status: WorkflowStatus,
  /** The approver's comment when sent back; the editor's note otherwise. */
  comment: z.string().max(1000),
  /** Grows with every save; a save carrying an older rev is a conflict. */
  rev: z.number().int().nonnegative(),
  updatedBy: z.string().max(32),
  updatedAt: z.iso.datetime({ offset: true }),
});
export type Workflow = z.infer<typeof Workflow>;

const IsoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'a date as YYYY-MM-DD');

// The validity is the item's own published data (model/validity.ts); the console sets it here.
export { Validity } from '../model/validity';

const Tag = z.string().min(1).max(40);

/** What the console adds around a content item; not shown on screens. */
export const Targeting = z.strictObject({
  /** Audience tags (students, elderly, bank customers…); published as item tags. */
  audience: z.array(Tag).max(10),
  /** Regions or screen groups the item is meant for; published as item tags. */
  regions: z.array(Tag).max(10),
  validity: Validity,
  /** Local dates on which a case is shown instead of the rotation. */
  pins: z.array(IsoDate).max(50),
});
export type Targeting = z.infer<typeof Targeting>;

export const DEFAULT_TARGETING: Targeting = { audience: [], regions: [], validity: { type: 'always' }, pins: [] };

/** A SHA-256 in lower-case hex: how media are named on disk and in the feed. */
export const Sha256 = z.string().regex(/^[0-9a-f]{64}$/, 'a lower-case SHA-256 in hex');

/**
 * One library item: a content item exactly as the screens' schema defines it, its
 * workflow and targeting, and the content last published (kept on screens while a new
 * edit waits for approval).
 */
export const LibraryItem = z.strictObject({
  item: ContentItem,
  workflow: Workflow,
  targeting: Targeting,
  published: ContentItem.optional(),
});
export type LibraryItem = z.infer<typeof LibraryItem>;

/**
 * The file on disk: the pack format (`items` with one item, so `kiosk validate` reads it)
 * plus the console's own fields.
 */
export const LibraryFile = z.strictObject({
  $schema: z.string().optional(),
  items: z.tuple([ContentItem]),
  console: z.strictObject({ workflow: Workflow, targeting: Targeting, published: ContentItem.optional() }),
});
export type LibraryFile = z.infer<typeof LibraryFile>;

export const ItemKind = z.enum(['slogan', 'case', 'video', 'notice', 'alert']);
export type ItemKind = z.infer<typeof ItemKind>;

/** One row of the library list: enough to search, filter and open. */
export const ItemSummary = z.strictObject({
  id: z.string(),
  kind: ItemKind,
  locale: Locale.optional(),
  title: z.string(),
  tags: z.array(z.string()),
  status: WorkflowStatus,
  rev: z.number().int().nonnegative(),
  updatedBy: z.string(),
  updatedAt: z.string(),
  /** Screens show this item now (it has a published version). */
  live: z.boolean(),
});
export type ItemSummary = z.infer<typeof ItemSummary>;

/** A screen group: the playlist every screen of the group plays, minus the pack (the feed supplies it). */
export const ScreenGroup = z.strictObject({
  id: z.string().regex(/^[a-z0-9][a-z0-9-]{0,39}$/, 'lower-case letters, digits or "-" (max 40)'),
  name: z.string().min(1).max(80),
  layout: Layout,
  locales: z.array(Locale).min(1),
  timeZone: z.string().min(1).max(60),
  /** Decides the hotlines the group's screens show (cn, tw, hk); cn when absent. */
  region: Region.optional(),
  /** Who the group's screens speak to: the case of the day prefers cases for them. */
  audiences: z.array(Audience).min(1).optional(),
  ticker: Ticker,
  stage: z.array(StageEntry),
  onHours: OnHours,
  /** Only items carrying one of these tags (audience or region) reach this group; empty: all. */
  tags: z.array(Tag).max(20),
  /** "Play in step": the group's screens switch items and start videos together (docs/sync.md). */
  sync: SyncGroup.optional(),
  rev: z.number().int().nonnegative(),
});
export type ScreenGroup = z.infer<typeof ScreenGroup>;

/** A medium stored in the console's data folder, named by its hash. */
export const StoredMedia = z.strictObject({
  /** Path to put in an item's media field (relative to the items folder). */
  path: z.string(),
  sha256: Sha256,
  bytes: z.number().int().nonnegative(),
  type: MediaType,
  /** A poster frame made from a video, when ffmpeg was available. */
  poster: z.string().optional(),
});
export type StoredMedia = z.infer<typeof StoredMedia>;

/** Progress of long work (uploads, hashing, publishing), polled by the UI. */
export const Progress = z.strictObject({
  phase: z.enum(['idle', 'checking', 'media', 'items', 'signing', 'switching', 'done', 'failed']),
  itemsDone: z.number().int().nonnegative(),
  itemsTotal: z.number().int().nonnegative(),
  mediaDone: z.number().int().nonnegative(),
  mediaTotal: z.number().int().nonnegative(),
  bytesDone: z.number().nonnegative(),
  bytesTotal: z.number().nonnegative(),
  message: z.string(),
});
export type Progress = z.infer<typeof Progress>;

/** An item the publish refused, and why (content policy, schema, missing media). */
export const Blocker = z.strictObject({ id: z.string(), reason: z.string() });
export type Blocker = z.infer<typeof Blocker>;

export const PublishResult = z.strictObject({
  version: z.number().int().positive(),
  items: z.number().int().nonnegative(),
  media: z.number().int().nonnegative(),
  expires: z.string(),
  feedUrl: z.string(),
});
export type PublishResult = z.infer<typeof PublishResult>;

/** One entry of the audit log, as the admin page lists it. */
export const AuditEntry = z.strictObject({
  at: z.string(),
  actor: z.string(),
  action: z.string(),
  target: z.string(),
  detail: z.string(),
});
export type AuditEntry = z.infer<typeof AuditEntry>;
