import { dirname, extname, resolve } from 'node:path';
import type { ContentItem } from '../../core/model/content';
import { PackFile } from '../../core/model/pack';
import { visibleText } from '../../core/policy/content-policy';
import { findLinks } from '../../core/policy/contacts';
import { Playlist } from '../../core/model/playlist';
import { DEFAULT_TARGETING, type LibraryItem, type ScreenGroup } from '../../core/console/formats';
import type { MediaType } from '../../core/console/publish-plan';
import { readJsonAs } from '../json-file';
import type { MediaLibrary } from './media-library';

const BY_EXTENSION: Readonly<Record<string, MediaType>> = {
  '.webm': 'video/webm', '.mp4': 'video/mp4', '.png': 'image/png', '.jpg': 'image/jpeg', '.jpeg': 'image/jpeg', '.vtt': 'text/vtt',
};

export interface Imported {
  readonly entries: LibraryItem[];
  readonly group: ScreenGroup | undefined;
  readonly warnings: string[];
  /** Hosts the pack's text and QR codes link to: the pack is trusted, so its links are allowed. */
  readonly linkHosts: string[];
}

function linkHostsOf(items: readonly ContentItem[]): string[] {
  const hosts = new Set<string>();
  for (const item of items) {
    const texts = [...visibleText(item), ...(item.kind === 'notice' && item.qr ? [item.qr] : [])];
    for (const link of texts.flatMap((t) => findLinks(t))) if (link.host) hosts.add(link.host);
  }
  return [...hosts].sort();
}

/** Copies an item's media into the library (by hash) and points the item at the copies. */
async function withLibraryMedia(item: ContentItem, packDir: string, media: MediaLibrary): Promise<ContentItem> {
  const copy: Record<string, unknown> = { ...item };
  for (const field of ['file', 'captions', 'poster', 'image']) {
    const value = copy[field];
    if (typeof value !== 'string') continue;
    const type = BY_EXTENSION[extname(value).toLowerCase()];
    if (!type) throw new Error(`${field} "${value}": not a WebM, MP4, PNG, JPEG or WebVTT file`);
    copy[field] = (await media.addFile(resolve(packDir, value), type, { copy: true })).path;
  }
  return copy as ContentItem;
}

/**
 * The pack a console starts with (playlists/ by default): every item approved by the
 * import, so the first publish puts on screens what they already show, and the playlist
 * as the first screen group.
 */
export async function importPack(playlistPath: string, media: MediaLibrary, now: Date): Promise<Imported> {
  const playlist = await readJsonAs(playlistPath, Playlist);
  if (!playlist.ok) return { entries: [], group: undefined, warnings: playlist.error, linkHosts: [] };
  const root = dirname(playlistPath);
  const entries: LibraryItem[] = [];
  const warnings: string[] = [];
  const workflow = { status: 'approved' as const, comment: 'imported from the pack', rev: 1, updatedBy: 'import', updatedAt: now.toISOString() };
  for (const file of playlist.value.pack) {
    const path = resolve(root, file);
    const pack = await readJsonAs(path, PackFile);
    if (!pack.ok) {
      warnings.push(...pack.error);
      continue;
    }
    for (const item of pack.value.items) {
      try {
        entries.push({ item: await withLibraryMedia(item, dirname(path), media), workflow, targeting: DEFAULT_TARGETING });
      } catch (error) {
        warnings.push(`${path}: ${item.id}: ${error instanceof Error ? error.message : String(error)}; skipped`);
      }
    }
  }
  const p = playlist.value;
  const group: ScreenGroup = {
    id: 'default', name: p.name.slice(0, 80), layout: p.layout, locales: p.locales, timeZone: p.timeZone,
    ticker: p.ticker, stage: p.stage, onHours: p.onHours, tags: [], rev: 0,
  };
  return { entries, group, warnings, linkHosts: linkHostsOf(entries.map((e) => e.item)) };
}
