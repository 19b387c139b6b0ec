import { mkdir, readFile, rename, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import type { KeyObject } from 'node:crypto';
import { judgeDisk, judgeFile, judgeManifest, judgeVersion, type Refusal } from '../../core/bundle/judge';
import { BUNDLE_MANIFEST, BUNDLE_SIGNATURE, type BundleManifest } from '../../core/bundle/manifest';
import { errorMessage } from '../../core/result';
import { fsyncDir, writeFileAtomic } from '../atomic-file';
import { verifyBytes } from '../signing/ed25519';
import { copyHashed, freeBytes } from './disk';

/** Where a screen keeps bundles: the one it plays and the last good one before it. */
export const installedDirs = (dataDir: string) => ({
  root: join(dataDir, 'bundle'),
  current: join(dataDir, 'bundle', 'current'),
  previous: join(dataDir, 'bundle', 'previous'),
});

/** Kept free beyond the bundle itself: the play log and the OS must still be able to write. */
export const DISK_RESERVE_BYTES = 64 * 1024 * 1024;

export interface InstallContext {
  readonly dataDir: string;
  readonly publicKey: KeyObject | undefined;
  /** Fingerprint of the configured key (see keyFingerprint). */
  readonly publisher: string | undefined;
  /** The newest signed version the screen has, from an earlier stick or its feed. */
  readonly heldVersion: number | null;
}

export type InstallOutcome =
  | { readonly kind: 'installed'; readonly manifest: BundleManifest }
  | { readonly kind: 'current'; readonly manifest: BundleManifest }
  | { readonly kind: 'refused'; readonly refusal: Refusal; readonly bundleVersion: number | null };

const readText = (path: string): Promise<string | undefined> => readFile(path, 'utf8').catch(() => undefined);
const refused = (refusal: Refusal, manifest?: BundleManifest): InstallOutcome => ({ kind: 'refused', refusal, bundleVersion: manifest?.version ?? null });

/** Sizes on the stick first: a torn bundle is told apart without reading any media. */
async function checkSizes(bundleDir: string, manifest: BundleManifest): Promise<Refusal | null> {
  for (const file of manifest.files) {
    const bytes = await stat(join(bundleDir, ...file.path.split('/'))).then((s) => s.size, () => undefined);
    const problem = judgeFile(file, bytes === undefined ? undefined : { bytes });
    if (problem) return problem;
  }
  return null;
}

/** Copies into a temp folder, hashing each file as written; the copy is what gets checked. */
async function copyVerified(bundleDir: string, manifest: BundleManifest, temp: string): Promise<Refusal | null> {
  for (const file of manifest.files) {
    const parts = file.path.split('/');
    const copied = await copyHashed(join(bundleDir, ...parts), join(temp, ...parts));
    const problem = judgeFile(file, copied);
    if (problem) return problem;
  }
  return null;
}

/** The last good copy becomes `previous`, the new one `current`: each a rename, so a kill leaves one whole. */
async function swapIn(dataDir: string, temp: string): Promise<void> {
  const dirs = installedDirs(dataDir);
  await rm(dirs.previous, { recursive: true, force: true });
  await rename(dirs.current, dirs.previous).catch(() => undefined);
  await rename(temp, dirs.current);
  await fsyncDir(dirs.root);
}

async function copyIn(bundleDir: string, manifest: BundleManifest, manifestText: string, ctx: InstallContext): Promise<InstallOutcome> {
  const dirs = installedDirs(ctx.dataDir);
  await mkdir(dirs.root, { recursive: true });
  const disk = judgeDisk(manifest, await freeBytes(dirs.root), DISK_RESERVE_BYTES);
  if (disk) return refused(disk, manifest);
  const temp = join(dirs.root, `.tmp-${randomBytes(4).toString('hex')}`);
  try {
    const problem = await copyVerified(bundleDir, manifest, temp);
    if (problem) return refused(problem, manifest);
    await writeFileAtomic(join(temp, BUNDLE_MANIFEST), manifestText);
    await swapIn(ctx.dataDir, temp);
    return { kind: 'installed', manifest };
  } catch (error) {
    return refused({ kind: 'torn', reason: `could not copy the bundle: ${errorMessage(error)}` }, manifest);
  } finally {
    await rm(temp, { recursive: true, force: true });
  }
}

/**
 * Checks a bundle folder on a stick and, when it is whole, signed by the configured
 * publisher and newer than what the screen has, copies it in. Anything else changes nothing.
 */
export async function installBundle(bundleDir: string, ctx: InstallContext): Promise<InstallOutcome> {
  const manifestText = await readText(join(bundleDir, BUNDLE_MANIFEST));
  const judged = judgeManifest({
    manifestText, signatureText: await readText(join(bundleDir, BUNDLE_SIGNATURE)), publisher: ctx.publisher,
    signatureValid: (text, sig) => ctx.publicKey !== undefined && verifyBytes(Buffer.from(text, 'utf8'), sig, ctx.publicKey),
  });
  if (!judged.ok || manifestText === undefined) return refused(judged.ok ? { kind: 'torn', reason: 'no manifest.json' } : judged.error);
  const manifest = judged.value;
  const version = judgeVersion(manifest, ctx.heldVersion);
  if (version !== 'newer' && version !== 'same') return refused(version, manifest);
  const torn = await checkSizes(bundleDir, manifest);
  if (torn) return refused(torn, manifest);
  if (version === 'same') return { kind: 'current', manifest };
  return copyIn(bundleDir, manifest, manifestText, ctx);
}

/** The version of the bundle the screen plays, from its installed manifest. */
export async function installedVersion(dataDir: string): Promise<number | null> {
  const text = await readText(join(installedDirs(dataDir).current, BUNDLE_MANIFEST));
  if (!text) return null;
  try {
    const version = (JSON.parse(text) as { version?: unknown }).version;
    return typeof version === 'number' ? version : null;
  } catch {
    return null;
  }
}
