import { mkdir, readdir, readFile, rm, stat, unlink } from 'node:fs/promises';
import { join } from 'node:path';
import { MEDIA_DIR, VERSIONS_DIR } from '../../core/console/feed-documents';
import { referencedMedia } from '../../core/bundle/judge';
import {
  BUNDLE_DIR, BUNDLE_FORMAT, BUNDLE_MANIFEST, BUNDLE_SIGNATURE, RETURNS_DIR, versionFolderOf, type BundleFile, type BundleManifest,
} from '../../core/bundle/manifest';
import { err, errorMessage, ok, type Result } from '../../core/result';
import { writeFileAtomic, fsyncDir } from '../atomic-file';
import { hashFile } from '../cache/media-cache';
import type { SigningKeys } from '../console/keys';
import { currentVersion } from '../console/publisher';
import { signBytes } from '../signing/ed25519';
import { copyHashed, freeBytes, keyFingerprint, mediumProblem } from './disk';

export interface WriteBundleOptions {
  /** The console's published folder (`current` → `versions/<n>/`, `media/`). */
  readonly publishedDir: string;
  /** The stick (or any folder): the bundle goes to `<stickDir>/anti-fraud-kiosk/`. */
  readonly stickDir: string;
  readonly keys: SigningKeys;
  readonly now: Date;
}

export interface WrittenBundle {
  readonly version: number;
  readonly files: number;
  readonly bytes: number;
  readonly dir: string;
}

interface Source {
  readonly path: string;
  readonly from: string;
}

/** Every file of the current version (documents and their .sig files) and the media they name. */
async function collectSources(publishedDir: string, version: number): Promise<Source[]> {
  const folder = versionFolderOf(version);
  const names = (await readdir(join(publishedDir, folder))).filter((n) => !n.startsWith('.')).sort();
  const docs = await Promise.all(names.filter((n) => !n.endsWith('.sig')).map((n) => readFile(join(publishedDir, folder, n), 'utf8')));
  const mediaNames = (await readdir(join(publishedDir, MEDIA_DIR)).catch(() => [] as string[])).sort();
  return [
    ...names.map((n) => ({ path: `${folder}/${n}`, from: join(publishedDir, folder, n) })),
    ...referencedMedia(docs, mediaNames).map((n) => ({ path: `${MEDIA_DIR}/${n}`, from: join(publishedDir, MEDIA_DIR, n) })),
  ];
}

/** Media already on the stick under the same (hash) name and whole need no second copy. */
async function alreadyThere(target: string, expected: BundleFile): Promise<boolean> {
  const size = await stat(target).then((s) => s.size, () => -1);
  return size === expected.bytes && (await hashFile(target)) === expected.sha256;
}

/** Files of an older bundle that this one does not list (returns/ always stays). */
async function removeStale(dir: string, keep: ReadonlySet<string>, version: number): Promise<void> {
  const versions = await readdir(join(dir, VERSIONS_DIR)).catch(() => [] as string[]);
  const own = versionFolderOf(version).split('/')[1];
  await Promise.all(versions.filter((v) => v !== own).map((v) => rm(join(dir, VERSIONS_DIR, v), { recursive: true, force: true })));
  const media = await readdir(join(dir, MEDIA_DIR)).catch(() => [] as string[]);
  await Promise.all(media.filter((m) => !keep.has(`${MEDIA_DIR}/${m}`)).map((m) => rm(join(dir, MEDIA_DIR, m), { force: true })));
}

async function copyAll(sources: readonly Source[], dir: string): Promise<BundleFile[]> {
  const files: BundleFile[] = [];
  for (const s of sources) {
    const sha256 = await hashFile(s.from);
    const bytes = (await stat(s.from)).size;
    const file = { path: s.path, bytes, sha256 };
    const target = join(dir, ...s.path.split('/'));
    if (!(s.path.startsWith(`${MEDIA_DIR}/`) && (await alreadyThere(target, file)))) {
      const copied = await copyHashed(s.from, target);
      if (copied.sha256 !== sha256) throw new Error(`${s.from} changed while it was copied`);
    }
    files.push(file);
  }
  return files;
}

async function writeInto(o: WriteBundleOptions, version: number, dir: string): Promise<WrittenBundle> {
  const sources = await collectSources(o.publishedDir, version);
  await mkdir(join(dir, RETURNS_DIR), { recursive: true });
  // The manifest goes first and comes back last: a stick pulled in between holds no manifest, a torn bundle.
  await unlink(join(dir, BUNDLE_MANIFEST)).catch(() => undefined);
  await unlink(join(dir, BUNDLE_SIGNATURE)).catch(() => undefined);
  await fsyncDir(dir);
  const needed = await Promise.all(sources.map((s) => stat(s.from).then((st) => st.size)));
  const total = needed.reduce((a, b) => a + b, 0);
  const free = await freeBytes(dir);
  if (free !== null && free < total) throw Object.assign(new Error('stick full'), { code: 'ENOSPC' });
  const files = await copyAll(sources, dir);
  await removeStale(dir, new Set(files.map((f) => f.path)), version);
  const manifest: BundleManifest = {
    format: BUNDLE_FORMAT, version, publisher: keyFingerprint(o.keys.publicKeyBase64), created: o.now.toISOString(), files,
  };
  const text = `${JSON.stringify(manifest, null, 1)}\n`;
  await writeFileAtomic(join(dir, BUNDLE_SIGNATURE), `${signBytes(Buffer.from(text, 'utf8'), o.keys.privateKey)}\n`);
  await writeFileAtomic(join(dir, BUNDLE_MANIFEST), text);
  return { version, files: files.length, bytes: total, dir };
}

/** Writes the current published version as a signed bundle to `<stick>/anti-fraud-kiosk/`. */
export async function writeBundle(o: WriteBundleOptions): Promise<Result<WrittenBundle>> {
  const version = await currentVersion(o.publishedDir);
  if (version === undefined) return err(`nothing is published in ${o.publishedDir} yet: publish first`);
  const dir = join(o.stickDir, BUNDLE_DIR);
  try {
    await mkdir(dir, { recursive: true });
    return ok(await writeInto(o, version, dir));
  } catch (error) {
    const medium = mediumProblem(error);
    return err(medium ? `${medium}: nothing usable was written to ${dir}` : `could not write the bundle to ${dir}: ${errorMessage(error)}`);
  }
}
