import { createHash } from 'node:crypto';
import { mkdir, readFile, rename } from 'node:fs/promises';
import { join } from 'node:path';
import { Snapshot, upgradeSnapshot } from '../../core/feed/snapshot-format';
import { err, ok, type Result } from '../../core/result';
import { fsyncDir, writeFileAtomic } from '../atomic-file';

/**
 * The snapshot on disk: first line the SHA-256 of the rest, then the JSON. A file that
 * does not match its checksum or schema is reported and never trusted; the backup of the
 * previous good one is tried next.
 */
export interface SnapshotStore {
  readonly path: string;
  readonly backupPath: string;
  load(): Promise<{ readonly snapshot: Snapshot | undefined; readonly problems: readonly string[] }>;
  save(snapshot: Snapshot): Promise<void>;
}

const sha256 = (text: string): string => createHash('sha256').update(text, 'utf8').digest('hex');

export function encodeSnapshot(snapshot: Snapshot): string {
  const body = JSON.stringify(snapshot);
  return `${sha256(body)}\n${body}`;
}

export function decodeSnapshot(text: string): Result<Snapshot> {
  const newline = text.indexOf('\n');
  if (newline !== 64) return err('no checksum line (truncated or not a snapshot)');
  const body = text.slice(65);
  if (sha256(body) !== text.slice(0, 64)) return err('checksum mismatch (truncated or damaged)');
  let value: unknown;
  try {
    value = JSON.parse(body);
  } catch {
    return err('not valid JSON');
  }
  const parsed = Snapshot.safeParse(upgradeSnapshot(value));
  return parsed.success ? ok(parsed.data) : err(`not a valid snapshot: ${parsed.error.issues[0]?.message ?? ''}`);
}

async function readSnapshot(path: string): Promise<Result<{ snapshot: Snapshot; text: string }> | undefined> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    if ((error as { code?: string }).code === 'ENOENT') return undefined;
    return err(error instanceof Error ? error.message : String(error));
  }
  const decoded = decodeSnapshot(text);
  return decoded.ok ? ok({ snapshot: decoded.value, text }) : decoded;
}

export function createSnapshotStore(dir: string): SnapshotStore {
  const path = join(dir, 'snapshot.json');
  const backupPath = join(dir, 'snapshot.json.bak');
  /** The file at `path` is the last good snapshot (read or written by this store). */
  let primaryGood = false;
  return {
    path,
    backupPath,
    async load() {
      const problems: string[] = [];
      for (const candidate of [path, backupPath]) {
        const read = await readSnapshot(candidate);
        if (read === undefined) continue;
        if (read.ok) {
          primaryGood = candidate === path;
          return { snapshot: read.value.snapshot, problems };
        }
        problems.push(`${candidate} is corrupt and was ignored: ${read.error}`);
      }
      return { snapshot: undefined, problems };
    },
    async save(snapshot) {
      await mkdir(dir, { recursive: true });
      // The previous good snapshot becomes the backup first, so one good copy always exists.
      // A rename, not a second write of megabytes; when the good copy is already the backup
      // (the main file was corrupt at load), it stays where it is.
      if (primaryGood) {
        await rename(path, backupPath);
        primaryGood = false;
        await fsyncDir(dir);
      }
      await writeFileAtomic(path, encodeSnapshot(snapshot));
      primaryGood = true;
    },
  };
}
