import { readdir, readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { BUNDLE_DIR, BUNDLE_MANIFEST, RETURNS_DIR } from '../../core/bundle/manifest';
import { stickDepth } from '../../core/bundle/mount-roots';
import { freeBytes } from './disk';

export interface StickInfo {
  readonly path: string;
  readonly freeBytes: number | null;
  readonly bundleVersion: number | null;
  readonly returns: number;
}

async function childDirs(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true }).catch(() => []);
  return entries.filter((e) => e.isDirectory() && !e.name.startsWith('.')).map((e) => join(dir, e.name));
}

async function below(dir: string, depth: number): Promise<string[]> {
  if (depth === 0) return (await stat(dir).then((s) => s.isDirectory(), () => false)) ? [dir] : [];
  const children = await childDirs(dir);
  return (await Promise.all(children.map((c) => below(c, depth - 1)))).flat();
}

async function describe(path: string): Promise<StickInfo> {
  const bundle = join(path, BUNDLE_DIR);
  const manifest = await readFile(join(bundle, BUNDLE_MANIFEST), 'utf8').then((t) => JSON.parse(t) as { version?: unknown }, () => undefined);
  const returns = (await childDirs(join(bundle, RETURNS_DIR))).length;
  return { path, freeBytes: await freeBytes(path), bundleVersion: typeof manifest?.version === 'number' ? manifest.version : null, returns };
}

/** Sticks now mounted under the removable-media roots, and the folders given explicitly (each a stick itself). */
export async function listSticks(removable: readonly string[], explicit: readonly string[]): Promise<StickInfo[]> {
  const found = [
    ...(await Promise.all(removable.map((r) => below(r, stickDepth(r))))).flat(),
    ...(await Promise.all(explicit.map((e) => below(e, 0)))).flat(),
  ];
  return Promise.all([...new Set(found)].sort().map(describe));
}
