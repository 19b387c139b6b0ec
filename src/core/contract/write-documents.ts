import { assertNever } from '../assert-never';
import type { ContentItem } from '../model/content';
import type { ScreenGroup } from '../console/formats';
import { MEDIA_DIR, feedUrlOf, mediaFileName } from '../console/feed-documents';
import type { PlannedItem, PlannedMedia } from '../console/publish-plan';
import {
  PUBLISHED_FORMAT, PublishedFeed, PublishedPlaylist, type PublishedFeedItem, type PublishedItem, type PublishedMedia,
} from './published';

/** What every document of one publish shares. */
export interface DocumentMeta {
  readonly version: number;
  readonly expires: string;
  /** Where the published folder is reachable, without a trailing slash (for other readers' links). */
  readonly baseUrl: string;
  readonly title: string;
  /** The file this document is published as. */
  readonly file?: string;
}

export const publishedMedia = (m: PlannedMedia): PublishedMedia => ({
  path: `${MEDIA_DIR}/${mediaFileName(m)}`, sha256: m.sha256, bytes: m.bytes, type: m.type,
});

/** The library item with each media path swapped for its published medium; tags include the targeting. */
export function publishedItem(planned: PlannedItem): PublishedItem {
  const { item } = planned;
  const media = (field: PlannedMedia['field']): { m?: PublishedMedia } => {
    const found = planned.media.find((m) => m.field === field);
    return found ? { m: publishedMedia(found) } : {};
  };
  const tags = planned.tags.length > 0 ? { tags: [...planned.tags] } : {};
  switch (item.kind) {
    case 'slogan':
    case 'case':
      return { ...item, ...tags };
    case 'alert':
      return item;
    case 'video': {
      const { file: _file, poster: _poster, captions: _captions, ...rest } = item;
      const file = media('file').m;
      // planPublish refuses an item whose media are missing, so a planned video has its file.
      if (!file) throw new Error(`video ${item.id} has no planned file`);
      const poster = media('poster').m;
      const captions = media('captions').m;
      return { ...rest, ...tags, file, ...(poster ? { poster } : {}), ...(captions ? { captions } : {}) };
    }
    case 'notice': {
      const { image: _image, ...rest } = item;
      const image = media('image').m;
      return { ...rest, ...tags, ...(image ? { image } : {}) };
    }
    default:
      return assertNever(item, 'content kind');
  }
}

function courtesy(item: ContentItem): { title: string; content_text?: string; date_published?: string } {
  switch (item.kind) {
    case 'slogan':
      return { title: item.text };
    case 'case':
      return { title: item.title, content_text: item.story, ...(item.date ? { date_published: `${item.date}T00:00:00Z` } : {}) };
    case 'video':
      return { title: item.title };
    case 'notice':
      return { title: item.title, content_text: item.text };
    case 'alert':
      return { title: item.text };
    default:
      return assertNever(item, 'content kind');
  }
}

function feedItem(planned: PlannedItem, meta: DocumentMeta): PublishedFeedItem {
  const { item } = planned;
  return {
    id: item.id,
    ...courtesy(item),
    ...(planned.tags.length ? { tags: [...planned.tags] } : {}),
    ...(item.locale ? { language: item.locale } : {}),
    ...(planned.media.length
      ? {
          attachments: planned.media.map((m) => ({
            url: `${meta.baseUrl}/${MEDIA_DIR}/${mediaFileName(m)}`, mime_type: m.type, size_in_bytes: m.bytes, _sha256: m.sha256,
          })),
        }
      : {}),
    _kiosk: publishedItem(planned),
  };
}

/** The feed document: checked against the contract before it is written, so a writer bug stops the publish. */
export function feedDocument(items: readonly PlannedItem[], meta: DocumentMeta, group?: string): PublishedFeed {
  return PublishedFeed.parse({
    version: 'https://jsonfeed.org/version/1.1',
    title: meta.title,
    feed_url: feedUrlOf(meta.baseUrl, meta.file),
    _kiosk: { format: PUBLISHED_FORMAT, version: meta.version, expires: meta.expires, ...(group ? { group } : {}) },
    items: items.map((i) => feedItem(i, meta)),
  });
}

/** A screen group's playlist document. */
export function playlistDocument(group: ScreenGroup, meta: Pick<DocumentMeta, 'version' | 'expires'>): PublishedPlaylist {
  return PublishedPlaylist.parse({
    format: PUBLISHED_FORMAT, version: meta.version, expires: meta.expires, group: group.id, name: group.name,
    layout: group.layout, locales: group.locales, ...(group.region ? { region: group.region } : {}),
    ...(group.audiences ? { audiences: group.audiences } : {}), tags: group.tags, timeZone: group.timeZone,
    ticker: group.ticker, stage: group.stage, onHours: group.onHours, ...(group.sync ? { sync: group.sync } : {}),
  });
}

export const documentText = (doc: PublishedFeed | PublishedPlaylist): string => `${JSON.stringify(doc, null, 1)}\n`;
