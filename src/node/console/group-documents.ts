import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { CURRENT_LINK, groupFeedName, groupPlaylistName } from '../../core/console/feed-documents';
import type { ScreenGroup } from '../../core/console/formats';
import { draftDocuments, type GroupDocuments, type PreviewSource } from '../../core/console/preview';
import { PublishedFeed, PublishedPlaylist, readDocument } from '../../core/contract/published';
import type { ConsoleData } from './console-data';

async function readJson(path: string): Promise<unknown> {
  try {
    return JSON.parse(await readFile(path, 'utf8')) as unknown;
  } catch {
    return undefined;
  }
}

/** The group's documents as screens fetch them now; undefined before its first publish. */
export async function publishedDocuments(publishedDir: string, groupId: string): Promise<GroupDocuments | undefined> {
  const dir = join(publishedDir, CURRENT_LINK);
  const feed = readDocument(PublishedFeed, await readJson(join(dir, groupFeedName(groupId))), 'feed');
  const playlist = readDocument(PublishedPlaylist, await readJson(join(dir, groupPlaylistName(groupId))), 'playlist');
  return feed.ok && playlist.ok ? { feed: feed.value, playlist: playlist.value } : undefined;
}

/** What a preview decodes: the documents a publish would write now (drafts), or those screens have (published). */
export function groupDocuments(data: ConsoleData, group: ScreenGroup, source: PreviewSource, now: Date): Promise<GroupDocuments | undefined> {
  if (source === 'published') return publishedDocuments(data.paths.published, group.id);
  return Promise.resolve(draftDocuments({ entries: data.library.list(), media: data.media.facts(), policy: data.policy(), group, now }));
}
