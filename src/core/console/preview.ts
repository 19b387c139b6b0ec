import { MEDIA_PACK_PREFIX, type PlayerState } from '../api/contract';
import { regionProfile } from '../content/hotlines';
import { decodeFeed, playlistOf } from '../contract/read-published';
import type { PublishedFeed, PublishedPlaylist } from '../contract/published';
import { screenContent, type ScreenContent } from '../contract/screen-content';
import { feedDocument, playlistDocument } from '../contract/write-documents';
import { resolveItems } from '../feed/entry';
import type { AlertItem, CaseItem, ContentItem } from '../model/content';
import type { PolicyConfig } from '../policy/content-policy';
import { caseForDate } from '../schedule/loop';
import { localDate } from '../time/local-time';
import { feedUrlOf, groupFeedName } from './feed-documents';
import type { LibraryItem, ScreenGroup } from './formats';
import { itemsForGroup, planPublish, type MediaFacts } from './publish-plan';

export type PreviewSource = 'draft' | 'published';

/** A group's two documents, as a publish writes them and a screen reads them. */
export interface GroupDocuments {
  readonly feed: PublishedFeed;
  readonly playlist: PublishedPlaylist;
}

/** Drafts as they are now (a rejected edit shows its published version). */
const draftContent = (entry: LibraryItem): ContentItem | undefined =>
  entry.workflow.status === 'rejected' ? entry.published : entry.item;

export interface DraftInput {
  readonly entries: readonly LibraryItem[];
  readonly media: ReadonlyMap<string, MediaFacts>;
  readonly policy: PolicyConfig;
  readonly group: ScreenGroup;
  readonly now: Date;
}

/** The documents a publish would write for the group if every draft were approved now (unsigned, version 0). */
export function draftDocuments(input: DraftInput): GroupDocuments {
  const { group, now } = input;
  const plan = planPublish({ entries: input.entries, media: input.media, policy: input.policy, now, timeZone: group.timeZone, pick: draftContent });
  const meta = { version: 0, expires: new Date(now.getTime() + 86_400_000).toISOString(), baseUrl: 'https://preview.invalid', title: group.name };
  return {
    feed: feedDocument(itemsForGroup(plan.items, group.tags), { ...meta, file: groupFeedName(group.id) }, group.id),
    playlist: playlistDocument(group, meta),
  };
}

/** Published media paths equal the library's (media/<sha256>.<ext>), which the preview server answers. */
const libraryRef = (_sha: string, need: { url: string }): string => `${MEDIA_PACK_PREFIX}media/${need.url.split('/').pop() ?? ''}`;

export interface DecodeInput {
  readonly docs: GroupDocuments;
  readonly policy: PolicyConfig;
  readonly now: Date;
}

/** The documents through the screen's own steps: decode (policy included), resolve media, screen content. */
export function decodeForScreen(input: DecodeInput): ScreenContent & { readonly alerts: readonly AlertItem[] } {
  const { docs } = input;
  const docUrl = feedUrlOf('https://preview.invalid', groupFeedName(docs.playlist.group));
  const mapped = decodeFeed(docs.feed, { docUrl, policy: input.policy, now: input.now, media: { allowHttp: false, requireSha256: true } });
  const feed = resolveItems(mapped.entries, (need) => need.sha256, libraryRef);
  const content = screenContent({
    pack: [], packPlaylist: playlistOf(docs.playlist), feed, groupPlaylist: docs.playlist, heldPublished: true, mergePack: false, region: 'cn', helpQr: undefined,
  });
  return { ...content, alerts: mapped.alerts };
}

export interface PreviewInput extends DecodeInput {
  readonly group: ScreenGroup;
  readonly appVersion: string;
  readonly organisation: string;
}

/** A PlayerState for the real renderer, from the group's documents, as a screen of the group builds it. */
export function previewState(input: PreviewInput): PlayerState {
  const content = decodeForScreen(input);
  return {
    version: 1,
    screenId: `preview-${input.group.id}`,
    organisation: input.organisation,
    layout: content.layout ?? content.playlist.layout,
    region: regionProfile({ region: content.region }),
    locales: [...content.locales],
    playlist: content.playlist,
    items: content.items,
    alerts: [...content.alerts],
    sync: null,
    warnings: [],
    fallback: false,
    appVersion: input.appVersion,
    startedAt: input.now.toISOString(),
  };
}

/** The case a group's screens show on a local date: the screens' own choice over the group's documents. */
export function caseForGroup(input: DecodeInput, date: string): CaseItem | undefined {
  const content = decodeForScreen(input);
  return caseForDate({ items: content.items, playlist: content.playlist, locale: content.locales[0] ?? 'zh-CN', date });
}

/** The local date of an instant for a group (what `?now=` means on its screens). */
export const groupDate = (group: ScreenGroup, now: Date): string => localDate(now, group.timeZone);
