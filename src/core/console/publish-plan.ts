import { policyForItem } from '../content/hotlines';
import type { ContentItem } from '../model/content';
import { checkItem, type PolicyConfig } from '../policy/content-policy';
import { campaignTags } from './campaign-tags';
import type { Blocker, LibraryItem, StoredMedia } from './formats';

export type MediaType = StoredMedia['type'];

/** What the store knows about one media path (collected before deciding). */
export interface MediaFacts {
  readonly sha256: string;
  readonly bytes: number;
  readonly type: MediaType;
}

export interface PlannedMedia extends MediaFacts {
  readonly field: (typeof MEDIA_FIELDS)[number];
}

export interface PlannedItem {
  readonly item: ContentItem;
  readonly tags: readonly string[];
  readonly media: readonly PlannedMedia[];
}

export interface PlanInput {
  readonly entries: readonly LibraryItem[];
  /** Media path (as written in items) → facts, for files that exist. */
  readonly media: ReadonlyMap<string, MediaFacts>;
  readonly policy: PolicyConfig;
  readonly now: Date;
  readonly timeZone: string;
  /** Which content of an entry goes out; a publish takes the approved edit or the last published one. */
  readonly pick?: (entry: LibraryItem) => ContentItem | undefined;
}

export interface PublishPlanResult {
  readonly items: readonly PlannedItem[];
  /** Every medium once, by hash. */
  readonly media: readonly PlannedMedia[];
  /** Non-empty: the publish is refused, each reason named. */
  readonly blockers: readonly Blocker[];
  /** Approved items this publish puts on screens. */
  readonly approvedIds: readonly string[];
}

export { validOn } from '../model/validity';

/** The content an entry puts on screens: the approved edit, else the last published one. */
export function contentToPublish(entry: LibraryItem): ContentItem | undefined {
  if (entry.workflow.status === 'approved') return entry.item;
  return entry.published;
}

const MEDIA_FIELDS = ['file', 'poster', 'captions', 'image'] as const;

function mediaOf(item: ContentItem, known: ReadonlyMap<string, MediaFacts>): { media: PlannedMedia[]; missing?: string } {
  const media: PlannedMedia[] = [];
  const fields = item as Partial<Record<(typeof MEDIA_FIELDS)[number], string>>;
  for (const field of MEDIA_FIELDS) {
    const path = fields[field];
    if (path === undefined) continue;
    const facts = known.get(path);
    if (!facts) return { media, missing: `${field} "${path}" is not in the media library` };
    media.push({ field, ...facts });
  }
  return { media };
}

/**
 * The item as screens get it: the console's pins and validity become the item's own data,
 * which every screen judges with its own clock (nothing is decided here by today's date).
 */
export function withTargeting(item: ContentItem, targeting: LibraryItem['targeting']): ContentItem {
  if (item.kind === 'alert') return item;
  const { pins, validity } = targeting;
  const pinned = item.kind === 'case' && pins.length > 0
    ? { pinnedDates: [...new Set([...(item.pinnedDates ?? []), ...pins])].sort() } : {};
  return { ...item, ...pinned, ...(validity.type !== 'always' ? { validity } : {}) };
}

function planOne(entry: LibraryItem, input: PlanInput): PlannedItem | Blocker | undefined {
  const content = (input.pick ?? contentToPublish)(entry);
  if (!content) return undefined;
  const checked = checkItem(content, policyForItem(input.policy, content));
  if (!checked.ok) return { id: content.id, reason: checked.error };
  const { media, missing } = mediaOf(content, input.media);
  if (missing) return { id: content.id, reason: missing };
  const { targeting } = entry;
  return { item: withTargeting(content, targeting), tags: campaignTags(content, targeting).slice(0, 20), media };
}

/**
 * Decides a publish from collected facts: which content goes out, which media it needs,
 * and what refuses it. Screens apply the same policy, so anything refused here would be
 * quarantined there; refusing the publish tells the publisher now, with the reason.
 */
export function planPublish(input: PlanInput): PublishPlanResult {
  const items: PlannedItem[] = [];
  const blockers: Blocker[] = [];
  const approvedIds: string[] = [];
  for (const entry of input.entries) {
    const planned = planOne(entry, input);
    if (!planned) continue;
    if ('reason' in planned) blockers.push(planned);
    else items.push(planned);
    if (entry.workflow.status === 'approved') approvedIds.push(entry.item.id);
  }
  const media = new Map<string, PlannedMedia>();
  for (const item of items) for (const m of item.media) media.set(m.sha256, m);
  return { items, media: [...media.values()], blockers, approvedIds };
}

/** The items a group's own feed carries: those with one of its tags (all of them when it names none). */
export const itemsForGroup = (items: readonly PlannedItem[], tags: readonly string[]): PlannedItem[] =>
  tags.length === 0 ? [...items] : items.filter((i) => i.tags.some((t) => tags.includes(t)));
