import { createHash } from 'node:crypto';
import { promises as fs } from 'node:fs';
import { join } from 'node:path';
import { PlayLogAnchor, type LogFileText } from '../../core/report/verify';

export const ANCHOR_FILE = 'anchor.json';
const LOG_NAME = /^plays-(\d{6,})\.jsonl$/;

export const sha256Hex = (text: string): string => createHash('sha256').update(text, 'utf8').digest('hex');

export const logFileName = (index: number): string => `plays-${String(index).padStart(6, '0')}.jsonl`;

export function logFileIndex(name: string): number | null {
  const m = LOG_NAME.exec(name);
  return m?.[1] ? Number(m[1]) : null;
}

/** Log file names, oldest first (zero-padded, so name order is age order). */
export async function listLogFiles(dir: string): Promise<string[]> {
  const names = await fs.readdir(dir).catch((e: NodeJS.ErrnoException) => {
    if (e.code === 'ENOENT') return [] as string[];
    throw e;
  });
  return names.filter((n) => LOG_NAME.test(n)).sort();
}

/** Makes renames and unlinks in `dir` durable. */
export async function fsyncDir(dir: string): Promise<void> {
  const handle = await fs.open(dir, 'r');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}

/** Temp file, flush, rename, flush the folder: a reader sees the old or the new file, never half. */
export async function writeFileAtomic(path: string, dir: string, text: string): Promise<void> {
  const tmp = `${path}.tmp`;
  const handle = await fs.open(tmp, 'w', 0o644);
  try {
    await handle.writeFile(text, 'utf8');
    await handle.sync();
  } finally {
    await handle.close();
  }
  await fs.rename(tmp, path);
  await fsyncDir(dir);
}

export type AnchorRead =
  | { readonly kind: 'none' }
  | { readonly kind: 'ok'; readonly anchor: PlayLogAnchor }
  | { readonly kind: 'invalid'; readonly error: string };

export async function readAnchor(dir: string): Promise<AnchorRead> {
  let text: string;
  try {
    text = await fs.readFile(join(dir, ANCHOR_FILE), 'utf8');
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return { kind: 'none' };
    throw e;
  }
  try {
    const parsed = PlayLogAnchor.safeParse(JSON.parse(text));
    return parsed.success ? { kind: 'ok', anchor: parsed.data } : { kind: 'invalid', error: parsed.error.message };
  } catch {
    return { kind: 'invalid', error: 'not valid JSON' };
  }
}

export interface PlayLogDirContents {
  readonly files: readonly LogFileText[];
  readonly anchor: AnchorRead;
}

/** Everything the verifier and the report need from a log folder. */
export async function readPlayLogDir(dir: string): Promise<PlayLogDirContents> {
  const names = await listLogFiles(dir);
  const files = await Promise.all(names.map(async (name) => ({ name, text: await fs.readFile(join(dir, name), 'utf8') })));
  return { files, anchor: await readAnchor(dir) };
}
