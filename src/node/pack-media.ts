import { realpath } from 'node:fs/promises';
import { extname, resolve, sep } from 'node:path';
import { MEDIA_PACK_PREFIX } from '../core/api/contract';
import type { ContentItem } from '../core/model/content';

/** The only kinds of file a pack item may point at: video, captions, pictures. */
export const MEDIA_EXTENSIONS: ReadonlySet<string> = new Set(['.webm', '.mp4', '.vtt', '.png', '.jpg', '.jpeg', '.webp', '.gif']);

const inside = (dir: string, file: string): boolean => file === dir || file.startsWith(dir.endsWith(sep) ? dir : dir + sep);

/** `media/pack/…` paths that the items reference. */
export function referencedPackPaths(items: readonly ContentItem[]): ReadonlySet<string> {
  const paths = new Set<string>();
  for (const item of items) {
    for (const value of Object.values(item)) {
      if (typeof value === 'string' && value.startsWith(MEDIA_PACK_PREFIX)) paths.add(value.slice(MEDIA_PACK_PREFIX.length));
    }
  }
  return paths;
}

/**
 * Why `file` must not be served from `packRoot`, or undefined when it may: it must be a
 * media type, no part of its path a dotfile, and its real path (symlinks followed) inside
 * the pack folder and outside every private folder (the data folder with the token).
 */
export async function unservableReason(packRoot: string, file: string, privateDirs: readonly string[]): Promise<string | undefined> {
  if (!MEDIA_EXTENSIONS.has(extname(file).toLowerCase())) return 'is not a media file (video, captions or picture)';
  const root = await realpath(packRoot).catch(() => undefined);
  const real = await realpath(file).catch(() => undefined);
  if (!root || !real) return 'not found';
  if (!inside(root, real)) return 'leads outside the pack folder (symlink)';
  if (real.slice(root.length).split(sep).some((part) => part.startsWith('.'))) return 'is a hidden file';
  const privates = await Promise.all(privateDirs.map((d) => realpath(d).catch(() => d)));
  if (privates.some((d) => inside(d, real))) return 'is inside the data folder';
  return undefined;
}

/** Resolves a requested `media/pack/` path to a file, only if loaded items use it and it passes every check. */
export async function servablePackFile(
  packRoot: string | undefined,
  referenced: ReadonlySet<string>,
  relPath: string,
  privateDirs: readonly string[],
): Promise<string | undefined> {
  let decoded: string;
  try {
    decoded = decodeURIComponent(relPath);
  } catch {
    return undefined;
  }
  if (!packRoot || !referenced.has(decoded)) return undefined;
  if (decoded.split('/').some((part) => part.startsWith('.'))) return undefined;
  const file = resolve(packRoot, decoded);
  // Checked again at every request: a file swapped for a symlink after loading is caught too.
  return (await unservableReason(packRoot, file, privateDirs)) === undefined ? file : undefined;
}
