import { promises as fs } from 'node:fs';
import type { FileHandle } from 'node:fs/promises';
import { join } from 'node:path';
import { PlayEvent } from '../../core/api/contract';
import { assertNever } from '../../core/assert-never';
import { GENESIS_HASH, PlayLogRecord, sealRecord, type PlayLogRecordBody } from '../../core/report/record';
import type { PlayLogAnchor } from '../../core/report/verify';
import { ANCHOR_FILE, fsyncDir, listLogFiles, logFileIndex, logFileName, readAnchor, sha256Hex, writeFileAtomic } from './files';
import { lastRecordOf, repairTail, type LastRecord } from './repair';

export interface PlayLog {
  append(event: PlayEvent, screenId: string): Promise<void>;
  appendRecovery(reason: string, screenId: string): Promise<void>;
  close(): Promise<void>;
}

export interface PlayLogOptions {
  readonly dir: string;
  readonly now: () => Date;
  /** A file is rotated before an append would take it past this size. */
  readonly maxFileBytes?: number;
  /** Files kept, the one being written included; the oldest is deleted beyond this. */
  readonly maxFiles?: number;
  readonly log?: (line: string) => void;
}

// 32 × 8 MiB holds about three months of a screen changing item every ten seconds.
export const DEFAULT_MAX_FILE_BYTES = 8 * 1024 * 1024;
export const DEFAULT_MAX_FILES = 32;

interface Head {
  index: number;
  handle: FileHandle;
  size: number;
  lastSeq: number;
  lastHash: string;
}

interface Common {
  readonly seq: number;
  readonly at: string;
  readonly screenId: string;
  readonly prev: string;
}

const noLog = (): void => undefined;

async function openFile(dir: string, index: number): Promise<{ handle: FileHandle; size: number }> {
  const handle = await fs.open(join(dir, logFileName(index)), 'a', 0o644);
  const { size } = await handle.stat();
  return { handle, size };
}

/** Finds where the chain stands: the newest whole record, else what the anchor remembers, else genesis. */
async function chainState(dir: string, names: readonly string[], anchor: PlayLogAnchor | null, log: (l: string) => void): Promise<LastRecord> {
  const newest = names[names.length - 1];
  if (newest) {
    const fromHead = await repairTail(dir, newest, log);
    if (fromHead) return fromHead;
    for (const name of [...names].reverse().slice(1)) {
      const last = await lastRecordOf(join(dir, name));
      if (last) return last;
    }
  }
  return anchor ? { seq: anchor.lastSeq, hash: anchor.lastHash } : { seq: -1, hash: GENESIS_HASH };
}

/** Removes files a crash left behind between writing the anchor and deleting them. */
async function dropRotatedLeftovers(dir: string, names: readonly string[], anchor: PlayLogAnchor | null): Promise<string[]> {
  if (!anchor) return [...names];
  const stale = names.filter((n) => n <= anchor.file);
  await Promise.all(stale.map((n) => fs.rm(join(dir, n), { force: true })));
  if (stale.length > 0) await fsyncDir(dir);
  return names.filter((n) => n > anchor.file);
}

async function loadAnchor(dir: string, log: (l: string) => void): Promise<PlayLogAnchor | null> {
  const read = await readAnchor(dir);
  switch (read.kind) {
    case 'none':
      return null;
    case 'ok':
      return read.anchor;
    case 'invalid':
      log(`play-log: ${ANCHOR_FILE} is unreadable (${read.error}); --verify will report where the chain starts`);
      return null;
    default:
      return assertNever(read, 'anchor read');
  }
}

async function openHead(dir: string, log: (l: string) => void): Promise<Head> {
  await fs.mkdir(dir, { recursive: true });
  await fs.rm(join(dir, `${ANCHOR_FILE}.tmp`), { force: true });
  const anchor = await loadAnchor(dir, log);
  const names = await dropRotatedLeftovers(dir, await listLogFiles(dir), anchor);
  const state = await chainState(dir, names, anchor, log);
  const newest = names[names.length - 1];
  const index = newest ? (logFileIndex(newest) ?? 1) : (anchor ? (logFileIndex(anchor.file) ?? 0) + 1 : 1);
  const { handle, size } = await openFile(dir, index);
  if (!newest) await fsyncDir(dir);
  return { index, handle, size, lastSeq: state.seq, lastHash: state.hash };
}

/** Deletes the oldest files beyond `maxFiles`, anchoring the chain first so it stays verifiable. */
async function pruneOldest(dir: string, maxFiles: number): Promise<void> {
  const names = await listLogFiles(dir);
  const excess = names.slice(0, Math.max(0, names.length - maxFiles));
  for (const name of excess) {
    const previous = await readAnchor(dir);
    const last = await lastRecordOf(join(dir, name));
    const before = previous.kind === 'ok' ? { seq: previous.anchor.lastSeq, hash: previous.anchor.lastHash } : { seq: -1, hash: GENESIS_HASH };
    const anchor: PlayLogAnchor = { file: name, lastSeq: (last ?? before).seq, lastHash: (last ?? before).hash };
    // Anchor before unlink: a crash in between leaves a file the next start recognises as rotated away.
    await writeFileAtomic(join(dir, ANCHOR_FILE), dir, `${JSON.stringify(anchor)}\n`);
    await fs.rm(join(dir, name), { force: true });
  }
  if (excess.length > 0) await fsyncDir(dir);
}

async function writeAll(handle: FileHandle, bytes: Buffer): Promise<void> {
  let offset = 0;
  while (offset < bytes.length) {
    const { bytesWritten } = await handle.write(bytes, offset, bytes.length - offset, null);
    offset += bytesWritten;
  }
}

interface Writer {
  readonly dir: string;
  readonly maxFileBytes: number;
  readonly maxFiles: number;
  readonly head: Head;
}

async function rotate(w: Writer): Promise<void> {
  await w.head.handle.sync();
  await w.head.handle.close();
  w.head.index += 1;
  const next = await openFile(w.dir, w.head.index);
  w.head.handle = next.handle;
  w.head.size = next.size;
  await fsyncDir(w.dir);
  await pruneOldest(w.dir, w.maxFiles);
}

async function writeRecord(w: Writer, body: PlayLogRecordBody): Promise<void> {
  const { head } = w;
  const record = PlayLogRecord.parse(sealRecord(body, sha256Hex));
  const bytes = Buffer.from(`${JSON.stringify(record)}\n`, 'utf8');
  if (head.size > 0 && head.size + bytes.length > w.maxFileBytes) await rotate(w);
  try {
    await writeAll(head.handle, bytes);
    await head.handle.sync();
  } catch (error) {
    // A half-written line (disk full) would break every later line: take it back out.
    await head.handle.truncate(head.size).catch(() => undefined);
    throw error;
  }
  head.size += bytes.length;
  head.lastSeq = record.seq;
  head.lastHash = record.hash;
}

/**
 * Opens (or creates) the append-only play log in `opts.dir`. Each append is fsync'd before
 * it resolves, so a power loss costs at most the record being written. Appends are queued:
 * callers need not await one before starting the next.
 */
export async function openPlayLog(opts: PlayLogOptions): Promise<PlayLog> {
  const log = opts.log ?? noLog;
  const w: Writer = {
    dir: opts.dir,
    maxFileBytes: Math.max(1024, opts.maxFileBytes ?? DEFAULT_MAX_FILE_BYTES),
    maxFiles: Math.max(2, opts.maxFiles ?? DEFAULT_MAX_FILES),
    head: await openHead(opts.dir, log),
  };
  // A kill between a rotation's new file and its pruning leaves one file too many: finish that here.
  await pruneOldest(w.dir, w.maxFiles);
  let queue: Promise<void> = Promise.resolve();
  let closed = false;

  // The body is built when its turn comes, so seq and prev follow the record before it.
  const enqueue = (make: (common: Common) => PlayLogRecordBody, screenId: string): Promise<void> => {
    if (closed) return Promise.reject(new Error('play log is closed'));
    const run = queue.then(() =>
      writeRecord(w, make({ seq: w.head.lastSeq + 1, at: opts.now().toISOString(), screenId, prev: w.head.lastHash })),
    );
    queue = run.catch(() => undefined);
    return run;
  };

  return {
    append: (event, screenId) => {
      const valid = PlayEvent.safeParse(event);
      if (!valid.success) return Promise.reject(new Error(`not a play event: ${valid.error.message}`));
      return enqueue((common) => ({ type: 'play', ...common, ...valid.data }), screenId);
    },
    appendRecovery: (reason, screenId) =>
      enqueue((common) => ({ type: 'recovery', ...common, reason: reason.slice(0, 500) || 'unknown' }), screenId),
    close: async () => {
      if (closed) return;
      closed = true;
      await queue;
      await w.head.handle.sync().catch(() => undefined);
      await w.head.handle.close();
    },
  };
}
