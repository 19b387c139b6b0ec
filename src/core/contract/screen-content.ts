import { feedUrlOf, groupFeedName, groupPlaylistName } from '../console/feed-documents';
import { forRegion, withHelpQr } from '../content/hotlines';
import type { ContentItem, Locale } from '../model/content';
import type { FeedSettings, FeedSource } from '../model/feed-config';
import type { Layout, Playlist } from '../model/playlist';
import type { PublisherSettings } from '../model/publisher-config';
import type { Region } from '../model/region';
import { playlistOf } from './read-published';
import type { PublishedPlaylist } from './published';

/** The feed source a `publisher` section stands for: the group's feed, with its playlist and key. */
export function publisherSource(p: PublisherSettings): FeedSource {
  return {
    url: feedUrlOf(p.url, groupFeedName(p.group)), playlist: feedUrlOf(p.url, groupPlaylistName(p.group)),
    publicKey: p.publicKey, defaultKind: 'slogan', tags: [], type: 'feed',
    // Documents and media are signed and hashed: plain http (a school intranet) reveals, but cannot change, them.
    allowHttp: p.url.startsWith('http:'), cap: { include: [], geocodes: [], areaDesc: [], defaultHours: 6 },
  };
}

/** The feed settings a screen syncs with: the group's documents first, then any other feeds. */
export function syncSettings(feeds: FeedSettings, publisher: PublisherSettings | undefined): FeedSettings {
  if (!publisher) return feeds;
  return {
    ...feeds, sources: [publisherSource(publisher), ...feeds.sources], pollSeconds: publisher.pollSeconds ?? feeds.pollSeconds,
  };
}

export interface ScreenContentInput {
  /** The bundled pack's items and playlist (or the built-in fallback). */
  readonly pack: readonly ContentItem[];
  readonly packPlaylist: Playlist;
  /** Feed items whose media are ready, in feed order. */
  readonly feed: readonly ContentItem[];
  /** The group's verified playlist document, once one was accepted. */
  readonly groupPlaylist: PublishedPlaylist | undefined;
  /** A verified published feed was ever accepted: from then on the pack is not played. */
  readonly heldPublished: boolean;
  readonly mergePack: boolean;
  /** The device config's region and help page; the group's region wins over the first. */
  readonly region: Region;
  readonly helpQr: string | undefined;
}

export interface ScreenContent {
  readonly playlist: Playlist;
  readonly layout: Layout | undefined;
  readonly locales: readonly Locale[];
  readonly region: Region;
  readonly items: ContentItem[];
}

/**
 * What a screen plays, from what it holds: the group's playlist over the local one, the
 * feed over the pack by id (each item once), the region's items. The console's preview
 * calls this too, on the documents a publish writes, so preview and screen agree.
 */
export function screenContent(i: ScreenContentInput): ScreenContent {
  const playlist = i.groupPlaylist ? playlistOf(i.groupPlaylist) : i.packPlaylist;
  const region = i.groupPlaylist?.region ?? i.region;
  const floor = i.heldPublished && !i.mergePack ? [] : i.pack;
  const fromFeed = new Set(i.feed.map((item) => item.id));
  const merged = [...floor.filter((item) => !fromFeed.has(item.id)), ...i.feed];
  return {
    playlist,
    layout: i.groupPlaylist?.layout,
    locales: playlist.locales,
    region,
    items: withHelpQr(forRegion(merged, region), i.helpQr),
  };
}
