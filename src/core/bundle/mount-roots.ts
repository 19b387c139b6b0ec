import { BUNDLE_DIR, RETURNS_DIR } from './manifest';

/**
 * Folders under which an OS mounts a plugged stick, so that `<mount>/anti-fraud-kiosk/` lies
 * a few levels below: udisks on Linux (`/media/<user>/<label>`, `/run/media/<user>/<label>`),
 * hand mounts (`/mnt/<name>`), macOS (`/Volumes/<label>`), and Windows drive letters.
 */
export function removableRoots(platform: string, user: string): string[] {
  switch (platform) {
    case 'win32':
      return 'DEFGHIJKLMNOPQRSTUVWXYZ'.split('').map((letter) => `${letter}:\\`);
    case 'darwin':
      return ['/Volumes'];
    default:
      return ['/media', `/run/media/${user}`, '/mnt'];
  }
}

/** Levels below a root that can hold a bundle's files (root/user/label/anti-fraud-kiosk/versions/n/file). */
export const WATCH_DEPTH = 6;

/**
 * The bundle folder a changed path belongs to, or undefined: paths outside any bundle, and
 * the returns a screen writes itself (which must not wake the watcher again).
 */
export function bundleDirOf(path: string): string | undefined {
  const parts = path.split(/[\\/]/);
  const at = parts.lastIndexOf(BUNDLE_DIR);
  if (at < 0 || parts[at + 1] === RETURNS_DIR) return undefined;
  const sep = path.includes('\\') && !path.includes('/') ? '\\' : '/';
  return parts.slice(0, at + 1).join(sep);
}

/** Whether the watcher may skip a path: deep inside returns, or in a folder no stick layout uses. */
export function ignoredByWatch(path: string): boolean {
  const parts = path.split(/[\\/]/);
  const at = parts.lastIndexOf(BUNDLE_DIR);
  return at >= 0 && parts[at + 1] === RETURNS_DIR;
}

/** How far below a root a stick's own folder is: `/media/<user>/<label>` two, `/mnt/<name>` one, a drive letter none. */
export function stickDepth(root: string): number {
  if (/^[A-Z]:\\$/.test(root)) return 0;
  return root === '/media' ? 2 : 1;
}
