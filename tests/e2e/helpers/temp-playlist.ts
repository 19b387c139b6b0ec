import { promises as fs } from 'node:fs';
import { join } from 'node:path';
import { APP_ROOT } from './player';

/**
 * A playlist in a temp folder with a copy of the bundled pack (2.4 MB; a symlink would not
 * do, since the player serves no file whose real path leaves the playlist's folder) plus
 * extra pack files written for the test.
 */
export async function writeTempPlaylist(
  dir: string,
  playlist: Readonly<Record<string, unknown>>,
  extraFiles: Readonly<Record<string, string | Buffer>> = {},
): Promise<string> {
  await fs.cp(join(APP_ROOT, 'playlists/pack'), join(dir, 'pack'), { recursive: true });
  for (const [name, content] of Object.entries(extraFiles)) await fs.writeFile(join(dir, name), content);
  const path = join(dir, 'test.playlist.json');
  await fs.writeFile(path, JSON.stringify({ name: 'e2e playlist', layout: 'landscape', locales: ['zh-CN'], ...playlist }));
  return path;
}
