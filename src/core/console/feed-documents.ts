import { assertNever } from '../assert-never';
import type { ContentItem } from '../model/content';
import type { MediaType, PlannedItem, PlannedMedia } from './publish-plan';

/**
 * The published folder's file names, and its RSS 2.0 courtesy copy for other readers (the
 * kind and our fields as `kiosk:` elements). The JSON documents screens read are written
 * from the contract (src/core/contract/write-documents.ts).
 */
export interface FeedMeta {
  readonly version: number;
  readonly expires: string;
  /** Where the published folder is reachable, without a trailing slash. */
  readonly baseUrl: string;
  readonly title: string;
  /** The file this document is published as (feed.json, or a group's feed). */
  readonly file?: string;
}

export const FEED_JSON = 'feed.json';
export const FEED_RSS = 'feed.xml';
export const SIG_SUFFIX = '.sig';
export const CURRENT_LINK = 'current';
export const MEDIA_DIR = 'media';
export const VERSIONS_DIR = 'versions';

const EXTENSIONS: Readonly<Record<MediaType, string>> = {
  'video/webm': 'webm', 'video/mp4': 'mp4', 'image/png': 'png', 'image/jpeg': 'jpg', 'text/vtt': 'vtt',
};

export const mediaFileName = (m: { sha256: string; type: MediaType }): string => `${m.sha256}.${EXTENSIONS[m.type]}`;
export const mediaUrl = (baseUrl: string, m: PlannedMedia): string => `${baseUrl}/${MEDIA_DIR}/${mediaFileName(m)}`;
/** Each screen group's feed: the items carrying one of its tags (all when it names none). */
export const groupFeedName = (groupId: string): string => `group-${groupId}.json`;
/** Each screen group's playlist document (src/core/contract/published.ts). */
export const groupPlaylistName = (groupId: string): string => `playlist-${groupId}.json`;
export const feedUrlOf = (baseUrl: string, file: string = FEED_JSON): string => `${baseUrl}/${CURRENT_LINK}/${file}`;
export const versionDirName = (version: number): string => String(version).padStart(8, '0');

interface Fields {
  readonly title: string;
  readonly text?: string;
  readonly ext: Readonly<Record<string, string | number>>;
}

function fieldsOf(item: ContentItem): Fields {
  switch (item.kind) {
    case 'slogan':
      return { title: item.text, ext: {} };
    case 'case':
      return { title: item.title, text: item.story, ext: { lesson: item.lesson, amount: item.amountLost, fraudType: item.fraudType } };
    case 'video':
      return { title: item.title, ext: {} };
    case 'notice':
      return { title: item.title, text: item.text, ext: item.qr ? { qr: item.qr } : {} };
    case 'alert':
      return { title: item.text, ext: { level: item.level, starts: item.starts, expires: item.expires } };
    default:
      return assertNever(item, 'content kind');
  }
}

const localeOf = (item: ContentItem): string | undefined => item.locale;
/** Screens of other regions leave the item out (and only its regions' hotlines are allowed in it). */
const regionExt = (item: ContentItem): { regions?: string } =>
  item.kind !== 'alert' && item.regions && item.regions.length > 0 ? { regions: item.regions.join(' ') } : {};

/** Characters XML 1.0 cannot carry at all, escaped or not: dropped, or the whole RSS would be unreadable. */
const xmlChar = (c: string): boolean => {
  const n = c.codePointAt(0) ?? 0;
  return n === 0x9 || n === 0xa || n === 0xd || (n >= 0x20 && n !== 0xfffe && n !== 0xffff);
};

const xml = (text: string): string =>
  Array.from(text)
    .filter(xmlChar)
    .join('')
    .replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' })[c] ?? c);

const el = (name: string, value: string | number): string => `<${name}>${xml(String(value))}</${name}>`;

/** RSS allows one enclosure per item (its hash in kiosk:sha256); a poster goes in media:content with its own hash. */
function rssMedia(planned: PlannedItem, meta: FeedMeta): string {
  return planned.media
    .map((m, index) => {
      const attrs = `url="${xml(mediaUrl(meta.baseUrl, m))}" type="${m.type}"`;
      return index === 0 ? `<enclosure ${attrs} length="${m.bytes}"/>` : `<media:content ${attrs} fileSize="${m.bytes}" hash="${m.sha256}"/>`;
    })
    .join('');
}

function rssItem(planned: PlannedItem, meta: FeedMeta): string {
  const { item } = planned;
  const f = fieldsOf(item);
  const locale = localeOf(item);
  const ext = { kind: item.kind, ...(locale ? { locale } : {}), ...regionExt(item), ...f.ext };
  const first = planned.media[0];
  return [
    '<item>',
    el('guid', item.id).replace('<guid>', '<guid isPermaLink="false">'),
    el('title', f.title),
    f.text !== undefined ? el('description', f.text) : '',
    ...planned.tags.map((t) => el('category', t)),
    ...Object.entries(ext).map(([k, v]) => el(`kiosk:${k}`, v)),
    first ? el('kiosk:sha256', first.sha256) : '',
    rssMedia(planned, meta),
    '</item>',
  ].join('');
}

export function rssText(items: readonly PlannedItem[], meta: FeedMeta): string {
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<rss version="2.0" xmlns:kiosk="https://github.com/anti-fraud-kiosk/ns/1" xmlns:media="http://search.yahoo.com/mrss/">',
    '<channel>',
    el('title', meta.title),
    el('link', feedUrlOf(meta.baseUrl)),
    el('description', meta.title),
    el('kiosk:version', meta.version),
    el('kiosk:expires', meta.expires),
    ...items.map((i) => rssItem(i, meta)),
    '</channel></rss>',
    '',
  ].join('\n');
}
