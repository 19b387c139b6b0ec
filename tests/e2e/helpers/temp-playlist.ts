import { promises as fs } from 'node:fs';
import { join } from 'node:path';
import { APP_ROOT } from './player';

/**
 * A playlist in a temp folder that reuses the bundled pack (through a symlink, so its media
 * stay inside the playlist's folder) plus extra pack files written for the test.
 */
export async function writeTempPlaylist(
  dir: string,
  playlist: Readonly<Record<string, unknown>>,
  extraFiles: Readonly<Record<string, string | Buffer>> = {},
): Promise<string> {
  await fs.symlink(join(APP_ROOT, 'playlists/pack'), join(dir, 'pack'), 'dir');
  for (const [name, content] of Object.entries(extraFiles)) await fs.writeFile(join(dir, name), content);
  const path = join(dir, 'test.playlist.json');
  await fs.writeFile(path, JSON.stringify({ name: 'e2e playlist', layout: 'landscape', locales: ['zh-CN'], ...playlist }));
  return path;
}
