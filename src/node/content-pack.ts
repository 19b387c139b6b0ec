import { access } from 'node:fs/promises';
import { dirname, isAbsolute, relative, resolve, sep } from 'node:path';
import { z } from 'zod';
import { MEDIA_PACK_PREFIX } from '../core/api/contract';
import { ContentItem } from '../core/model/content';
import { formatIssues } from '../core/model/issues';
import { Playlist } from '../core/model/playlist';
import { strictObject } from '../core/model/strict';
import { err, ok, type Result } from '../core/result';
import { readJson, readJsonAs } from './json-file';
import { unservableReason } from './pack-media';

export interface LoadedPlaylist {
  readonly playlist: Playlist;
  /** Items with media paths rewritten to the server's `media/pack/…` paths. */
  readonly items: readonly ContentItem[];
  /** The folder whose files are served under `media/pack/`. */
  readonly packRoot: string;
  /** Files that were read, for watching. */
  readonly files: readonly string[];
  /** Items or files that were skipped, with the reason; the rest still plays. */
  readonly warnings: readonly string[];
}

const exists = (file: string): Promise<boolean> =>
  access(file).then(
    () => true,
    () => false,
  );

const MEDIA_FIELDS = ['file', 'captions', 'poster', 'image'] as const;

/** Rewrites an item's media paths (relative to its pack file) to served paths; undefined if a file is missing. */
async function resolveMedia(
  item: ContentItem,
  packFileDir: string,
  packRoot: string,
): Promise<Result<ContentItem, string>> {
  const copy: Record<string, unknown> = { ...item };
  for (const field of MEDIA_FIELDS) {
    const value = copy[field];
    if (typeof value !== 'string') continue;
    const absolute = resolve(packFileDir, value);
    const rel = relative(packRoot, absolute);
    if (rel.startsWith('..') || isAbsolute(rel)) return err(`${field} "${value}" is outside the pack folder`);
    if (!(await exists(absolute))) return err(`${field} "${value}" not found`);
    const unservable = await unservableReason(packRoot, absolute, []);
    if (unservable) return err(`${field} "${value}" ${unservable}`);
    copy[field] = MEDIA_PACK_PREFIX + rel.split(sep).join('/');
  }
  return ok(copy as ContentItem);
}

/** A pack file's outline; its items are checked one by one so one bad item does not hide the rest. */
const PackFileShape = strictObject({ $schema: z.string().optional(), items: z.array(z.unknown()) });

/** Reads one pack file, keeping every valid item and naming each invalid one. */
async function loadPackFile(file: string, packRoot: string): Promise<{ items: ContentItem[]; warnings: string[] }> {
  const raw = await readJson(file);
  if (!raw.ok) return { items: [], warnings: raw.error };
  const shape = PackFileShape.safeParse(raw.value);
  if (!shape.success) return { items: [], warnings: formatIssues(file, shape.error) };
  const items: ContentItem[] = [];
  const warnings: string[] = [];
  for (const [index, candidate] of shape.data.items.entries()) {
    const parsed = ContentItem.safeParse(candidate);
    if (!parsed.success) {
      warnings.push(...formatIssues(file, parsed.error).map((l) => l.replace(': ', `: items[${index}].`)));
      continue;
    }
    const media = await resolveMedia(parsed.data, dirname(file), packRoot);
    if (media.ok) items.push(media.value);
    else warnings.push(`${file}: items[${index}] (${parsed.data.id}): ${media.error}; skipped`);
  }
  return { items, warnings };
}

function dedupe(items: readonly ContentItem[], warnings: string[]): ContentItem[] {
  const seen = new Set<string>();
  return items.filter((item) => {
    if (seen.has(item.id)) {
      warnings.push(`duplicate id "${item.id}": the later one is skipped`);
      return false;
    }
    seen.add(item.id);
    return true;
  });
}

/** Loads a playlist and its pack files. Only an unusable playlist file is an error. */
export async function loadPlaylist(file: string): Promise<Result<LoadedPlaylist, string[]>> {
  const playlist = await readJsonAs(file, Playlist);
  if (!playlist.ok) return playlist;
  const packRoot = dirname(file);
  const warnings: string[] = [];
  const all: ContentItem[] = [];
  const files = [file];
  for (const entry of playlist.value.pack) {
    const packFile = resolve(packRoot, entry);
    files.push(packFile);
    const loaded = await loadPackFile(packFile, packRoot);
    all.push(...loaded.items);
    warnings.push(...loaded.warnings);
  }
  return ok({ playlist: playlist.value, items: dedupe(all, warnings), packRoot, files, warnings });
}
