import { assertNever } from '../assert-never';
import { policyForItem } from '../content/hotlines';
import type { AlertItem } from '../model/content';
import type { Playlist } from '../model/playlist';
import { checkItem, type PolicyConfig } from '../policy/content-policy';
import type { FeedEntry, MediaNeed, StoredItem } from '../feed/entry';
import { policyView, type MapResult, type Quarantined } from '../feed/map-items';
import { DEFAULT_MEDIA_RULES, mediaRefusal, type MediaRules } from '../feed/media-rules';
import type { PublishedFeed, PublishedItem, PublishedMedia, PublishedPlaylist } from './published';

export interface DecodeOptions {
  /** Where the document was read from: media paths are relative to its folder's parent. */
  readonly docUrl: string;
  readonly policy: PolicyConfig;
  readonly now: Date;
  readonly media?: MediaRules;
}

/** A medium's URL: documents sit in `current/`, media in `media/` beside it. */
export function mediaUrlOf(docUrl: string, m: PublishedMedia): string {
  try {
    return new URL(`../${m.path}`, docUrl).href;
  } catch {
    return m.path;
  }
}

type Split = { readonly item: StoredItem; readonly media: readonly (readonly [MediaNeed['field'], PublishedMedia])[] };

/** The item without its media fields (they point into the cache once downloaded), and the media it needs. */
function split(item: Exclude<PublishedItem, AlertItem>): Split {
  switch (item.kind) {
    case 'slogan':
    case 'case':
      return { item, media: [] };
    case 'video': {
      const { file, poster, captions, ...rest } = item;
      const media: Split['media'][number][] = [['file', file]];
      if (poster) media.push(['poster', poster]);
      if (captions) media.push(['captions', captions]);
      return { item: rest, media };
    }
    case 'notice': {
      const { image, ...rest } = item;
      return { item: rest, media: image ? [['image', image]] : [] };
    }
    default:
      return assertNever(item, 'published item');
  }
}

function policyProblem(item: StoredItem | AlertItem, policy: PolicyConfig): string | undefined {
  const view = policyView(item);
  const checked = checkItem(view, policyForItem(policy, view));
  return checked.ok ? undefined : checked.error;
}

/**
 * A verified feed document to the screen's entries: ids, dates, sources, pins and validity
 * exactly as published (nothing renamed, nothing decided by today's date except an alert
 * that has ended). The screens' content policy still judges every item.
 */
export function decodeFeed(doc: PublishedFeed, o: DecodeOptions): MapResult {
  const entries: FeedEntry[] = [];
  const alerts: AlertItem[] = [];
  const quarantined: Quarantined[] = [];
  let dropped = 0;
  const seen = new Set<string>();
  for (const { _kiosk: published } of doc.items) {
    if (seen.has(published.id)) {
      dropped++;
      continue;
    }
    seen.add(published.id);
    if (published.kind === 'alert') {
      if (new Date(published.expires).getTime() <= o.now.getTime()) dropped++;
      else pushChecked(published, o.policy, quarantined, () => alerts.push(published));
      continue;
    }
    const { item, media } = split(published);
    const needs = media.map(([field, m]): MediaNeed => ({ field, url: mediaUrlOf(o.docUrl, m), sha256: m.sha256 }));
    const refused = needs.map((n) => mediaRefusal({ url: n.url, sha256: n.sha256 }, o.media ?? DEFAULT_MEDIA_RULES)).find(Boolean);
    if (refused) quarantined.push({ id: item.id, reason: refused });
    else pushChecked(item, o.policy, quarantined, () => entries.push({ item, media: needs }));
  }
  return { entries, alerts, quarantined, dropped };
}

function pushChecked(item: StoredItem | AlertItem, policy: PolicyConfig, quarantined: Quarantined[], accept: () => void): void {
  const problem = policyProblem(item, policy);
  if (problem) quarantined.push({ id: item.id, reason: problem });
  else accept();
}

/** The playlist a screen of the group plays; the pack comes from the group's feed. */
export function playlistOf(doc: PublishedPlaylist): Playlist {
  return {
    name: doc.name, layout: doc.layout, locales: doc.locales, ...(doc.audiences ? { audiences: doc.audiences } : {}),
    pack: ['published'], ticker: doc.ticker, stage: doc.stage, onHours: doc.onHours, timeZone: doc.timeZone,
    ...(doc.sync ? { sync: doc.sync } : {}),
  };
}
