import { MEDIA_PACK_PREFIX, type PlayerState } from '../api/contract';
import type { AlertItem, CaseItem, ContentItem } from '../model/content';
import type { Playlist } from '../model/playlist';
import { localDate } from '../schedule/clock';
import { caseOfTheDay } from '../schedule/case-of-the-day';
import { itemsOfKind } from '../schedule/loop';
import type { LibraryItem, ScreenGroup } from './formats';
import { validOn } from './publish-plan';

export type PreviewSource = 'draft' | 'published';

/** The pack a preview plays: drafts as they are now (not rejected ones), or what screens show now. */
function contentOf(entry: LibraryItem, source: PreviewSource): ContentItem | undefined {
  if (source === 'published') return entry.published;
  return entry.workflow.status === 'rejected' ? entry.published : entry.item;
}

const tagsOf = (entry: LibraryItem, item: ContentItem): string[] => [
  ...(item.kind === 'alert' ? [] : (item.tags ?? [])), ...entry.targeting.audience, ...entry.targeting.regions,
];

/** Media paths of library items (relative to the library folder) as the preview server answers them. */
function served(item: ContentItem): ContentItem {
  const copy: Record<string, unknown> = { ...item };
  for (const field of ['file', 'captions', 'poster', 'image']) {
    const value = copy[field];
    if (typeof value === 'string') copy[field] = `${MEDIA_PACK_PREFIX}${value}`;
  }
  return copy as ContentItem;
}

function withPins(item: ContentItem, pins: readonly string[]): ContentItem {
  return item.kind === 'case' && pins.length > 0 ? { ...item, pinnedDates: [...(item.pinnedDates ?? []), ...pins] } : item;
}

/** The items a group's screens get on a date: valid then, and carrying one of the group's tags (if it names any). */
export function groupItems(entries: readonly LibraryItem[], group: ScreenGroup, source: PreviewSource, date: string): ContentItem[] {
  const out: ContentItem[] = [];
  for (const entry of entries) {
    const item = contentOf(entry, source);
    if (!item || !validOn(entry.targeting.validity, date)) continue;
    if (group.tags.length > 0 && !tagsOf(entry, item).some((t) => group.tags.includes(t))) continue;
    out.push(withPins(item, entry.targeting.pins));
  }
  return out;
}

export function groupPlaylist(group: ScreenGroup): Playlist {
  return {
    name: group.name, layout: group.layout, locales: group.locales, pack: ['console'], ticker: group.ticker,
    stage: group.stage, onHours: group.onHours, timeZone: group.timeZone,
  };
}

export interface PreviewInput {
  readonly entries: readonly LibraryItem[];
  readonly group: ScreenGroup;
  readonly source: PreviewSource;
  readonly now: Date;
  readonly appVersion: string;
  readonly organisation: string;
}

/** A PlayerState for the real renderer, compiled from library content through the same core model. */
export function previewState(input: PreviewInput): PlayerState {
  const { group, now } = input;
  const items = groupItems(input.entries, group, input.source, localDate(now, group.timeZone)).map(served);
  const alerts = items.filter((i): i is AlertItem => i.kind === 'alert');
  return {
    version: 1,
    screenId: `preview-${group.id}`,
    organisation: input.organisation,
    layout: group.layout,
    locales: group.locales,
    playlist: groupPlaylist(group),
    items: items.filter((i) => i.kind !== 'alert'),
    alerts,
    sync: null,
    warnings: [],
    fallback: false,
    appVersion: input.appVersion,
    startedAt: now.toISOString(),
  };
}

/** The case each group's screens show on a local date (pins first, then the rotation), as the player picks it. */
export function caseForGroup(entries: readonly LibraryItem[], group: ScreenGroup, source: PreviewSource, date: string): CaseItem | undefined {
  const items = groupItems(entries, group, source, date);
  const locale = group.locales[0] ?? 'zh-CN';
  return caseOfTheDay(itemsOfKind(items, 'case', locale, group.locales), date);
}
