import { copyFile, link, mkdir, open, readdir, readlink, rename, rm, stat, symlink } from 'node:fs/promises';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import type { Progress, PublishResult, ScreenGroup } from '../../core/console/formats';
import {
  CURRENT_LINK, FEED_JSON, FEED_RSS, MEDIA_DIR, SIG_SUFFIX, VERSIONS_DIR, feedUrlOf, mediaFileName,
  groupFeedName, groupPlaylistName, rssText, versionDirName,
} from '../../core/console/feed-documents';
import { documentText, feedDocument, playlistDocument, type DocumentMeta } from '../../core/contract/write-documents';
import { itemsForGroup, type PlannedMedia, type PublishPlanResult } from '../../core/console/publish-plan';
import { err, ok, type Result } from '../../core/result';
import type { Failure } from '../../core/console/workflow';
import { fsyncDir, tempPathFor } from '../atomic-file';
import { signBytes } from '../signing/ed25519';
import type { SigningKeys } from './keys';

export interface WriteOptions {
  readonly outDir: string;
  readonly plan: PublishPlanResult;
  /** Where a planned medium's bytes are now. */
  readonly sourceOf: (m: PlannedMedia) => string | undefined;
  readonly keys: SigningKeys;
  readonly baseUrl: string;
  readonly title: string;
  /** The smallest version allowed (the data folder remembers the last one even if outDir is new). */
  readonly minVersion: number;
  readonly expires: string;
  readonly onProgress?: (p: Progress) => void;
  /** Versions kept besides the current one, so a screen mid-download still finds its files. */
  readonly keep?: number;
  /** Every screen group gets its own feed and playlist document beside feed.json. */
  readonly groups?: readonly ScreenGroup[];
  /** Called at each named point of the write; tests kill or throw there to prove every cut is safe. */
  readonly checkpoint?: Checkpoint;
}

/**
 * The named points of a publish, in order. A kill between two of them leaves `current` on
 * the old version (up to `pointer-temp`) or on the new one (from `pointer-switched`).
 */
export const PUBLISH_POINTS = [
  'medium-temp', 'medium-placed', 'media-done', 'version-file', 'version-complete', 'version-renamed',
  'pointer-temp', 'pointer-switched', 'tidied',
] as const;
export type PublishPoint = (typeof PUBLISH_POINTS)[number];
export type Checkpoint = (point: PublishPoint) => void;
const none: Checkpoint = () => undefined;

const syncFile = async (path: string): Promise<void> => {
  const handle = await open(path, 'r+');
  await handle.sync().finally(() => handle.close());
};

async function writeSynced(path: string, text: string): Promise<void> {
  const handle = await open(path, 'w', 0o644);
  try {
    await handle.writeFile(text);
    await handle.sync();
  } finally {
    await handle.close();
  }
}

/** Newest complete version in the folder; temp folders a kill left behind do not count. */
export async function publishedVersions(outDir: string): Promise<number[]> {
  const names = await readdir(join(outDir, VERSIONS_DIR)).catch(() => [] as string[]);
  return names.filter((n) => /^\d{8}$/.test(n)).map(Number).sort((a, b) => a - b);
}

/** The version `current` points at, if any. */
export async function currentVersion(outDir: string): Promise<number | undefined> {
  const target = await readlink(join(outDir, CURRENT_LINK)).catch(() => undefined);
  const match = target ? /(\d{8})$/.exec(target) : null;
  return match ? Number(match[1]) : undefined;
}

/**
 * Library media never change (they are named by their hash), so a hard link is as good as
 * a copy and costs nothing; another file system (EXDEV) or one without links gets a copy.
 */
async function placeMedium(source: string, target: string, at: Checkpoint): Promise<void> {
  const temp = tempPathFor(target);
  try {
    await link(source, temp);
  } catch {
    await copyFile(source, temp);
    await syncFile(temp);
  }
  at('medium-temp');
  await rename(temp, target);
  at('medium-placed');
}

async function copyMedia(outDir: string, media: readonly PlannedMedia[], sourceOf: WriteOptions['sourceOf'], tick: (bytes: number) => void, at: Checkpoint): Promise<Result<true, Failure>> {
  const dir = join(outDir, MEDIA_DIR);
  await mkdir(dir, { recursive: true });
  for (const m of media) {
    const target = join(dir, mediaFileName(m));
    // Named by content and written by rename: a file of the right name is whole.
    const present = await stat(target).then((s) => s.size === m.bytes, () => false);
    if (!present) {
      const source = sourceOf(m);
      if (!source) return err({ code: 'invalid', message: `medium ${m.sha256} is missing from the library` });
      await placeMedium(source, target, at);
    }
    tick(m.bytes);
  }
  await fsyncDir(dir);
  at('media-done');
  return ok(true);
}

/** Writes the version folder under a temp name, then renames it whole. */
async function writeVersion(outDir: string, version: number, docs: readonly [string, string][], keys: SigningKeys, at: Checkpoint): Promise<void> {
  const versions = join(outDir, VERSIONS_DIR);
  await mkdir(versions, { recursive: true });
  const temp = join(versions, `.tmp-${versionDirName(version)}-${randomBytes(4).toString('hex')}`);
  await mkdir(temp);
  for (const [name, text] of docs) {
    await writeSynced(join(temp, name), text);
    at('version-file');
    await writeSynced(join(temp, `${name}${SIG_SUFFIX}`), `${signBytes(Buffer.from(text, 'utf8'), keys.privateKey)}\n`);
    at('version-file');
  }
  await fsyncDir(temp);
  at('version-complete');
  await rename(temp, join(versions, versionDirName(version)));
  await fsyncDir(versions);
  at('version-renamed');
}

/** The pointer switch: a new symlink under a temp name renamed over `current` (rename is atomic). */
async function switchCurrent(outDir: string, version: number, at: Checkpoint): Promise<void> {
  const temp = join(outDir, `.current-${randomBytes(4).toString('hex')}.tmp`);
  await symlink(join(VERSIONS_DIR, versionDirName(version)), temp, process.platform === 'win32' ? 'junction' : 'dir');
  at('pointer-temp');
  await rename(temp, join(outDir, CURRENT_LINK));
  await fsyncDir(outDir);
  at('pointer-switched');
}

async function tidy(outDir: string, current: number, keep: number): Promise<void> {
  const versions = join(outDir, VERSIONS_DIR);
  const names = await readdir(versions).catch(() => [] as string[]);
  const old = (await publishedVersions(outDir)).filter((v) => v < current).slice(0, -keep || undefined);
  const stale = [...names.filter((n) => n.startsWith('.tmp-')), ...old.map(versionDirName)];
  await Promise.all(stale.map((n) => rm(join(versions, n), { recursive: true, force: true })));
  // Temp files a cut left (a medium's copy can be as large as the medium): publishes never overlap.
  for (const dir of [outDir, join(outDir, MEDIA_DIR)]) {
    for (const name of await readdir(dir).catch(() => [] as string[])) {
      if (name.startsWith('.current-') || (name.startsWith('.') && name.endsWith('.tmp'))) await rm(join(dir, name), { force: true });
    }
  }
}

/** Every document of one version: the whole feed (JSON and RSS), and per group its feed and playlist. */
function documentsOf(plan: PublishPlanResult, meta: DocumentMeta, groups: readonly ScreenGroup[]): [string, string][] {
  const docs: [string, string][] = [[FEED_JSON, documentText(feedDocument(plan.items, meta))], [FEED_RSS, rssText(plan.items, meta)]];
  for (const group of groups) {
    const file = groupFeedName(group.id);
    docs.push([file, documentText(feedDocument(itemsForGroup(plan.items, group.tags), { ...meta, file }, group.id))]);
    docs.push([groupPlaylistName(group.id), documentText(playlistDocument(group, meta))]);
  }
  return docs;
}

/**
 * Writes a publish: media (by hash), then a complete signed version folder, then the
 * pointer. A kill at any point leaves `current` on a whole, signed version.
 */
export async function writePublication(o: WriteOptions): Promise<Result<PublishResult, Failure>> {
  const { plan } = o;
  const progress: Progress = {
    phase: 'media', itemsDone: 0, itemsTotal: plan.items.length, mediaDone: 0, mediaTotal: plan.media.length,
    bytesDone: 0, bytesTotal: plan.media.reduce((n, m) => n + m.bytes, 0), message: '',
  };
  const report = (p: Partial<Progress>): void => o.onProgress?.(Object.assign(progress, p));
  await mkdir(o.outDir, { recursive: true });
  const version = Math.max(o.minVersion, ...(await publishedVersions(o.outDir)), 0) + 1;
  await tidy(o.outDir, Number.MAX_SAFE_INTEGER, Number.MAX_SAFE_INTEGER);
  report({});
  const at = o.checkpoint ?? none;
  const copied = await copyMedia(o.outDir, plan.media, o.sourceOf, (bytes) =>
    report({ mediaDone: progress.mediaDone + 1, bytesDone: progress.bytesDone + bytes }), at,
  );
  if (!copied.ok) return copied;
  report({ phase: 'items' });
  const docs = documentsOf(plan, { version, expires: o.expires, baseUrl: o.baseUrl, title: o.title }, o.groups ?? []);
  report({ phase: 'signing', itemsDone: plan.items.length });
  await writeVersion(o.outDir, version, docs, o.keys, at);
  report({ phase: 'switching' });
  await switchCurrent(o.outDir, version, at);
  await tidy(o.outDir, version, o.keep ?? 5);
  at('tidied');
  report({ phase: 'done', message: `version ${version}` });
  return ok({ version, items: plan.items.length, media: plan.media.length, expires: o.expires, feedUrl: feedUrlOf(o.baseUrl) });
}
