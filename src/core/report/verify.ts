import { z } from 'zod';
import { Sha256Hex } from '../model/sha256';
import { err, ok, type Result } from '../result';
import { GENESIS_HASH, PlayLogRecord, recordHash, type HashHex } from './record';

/**
 * Written when rotation deletes the oldest file: the last seq and hash of what was deleted,
 * so the verifier knows where the surviving chain must start.
 */
export const PlayLogAnchor = z.object({
  /** Name of the newest file deleted so far; files named at or before it are leftovers. */
  file: z.string().min(1),
  /** -1 when the deleted files held no record at all. */
  lastSeq: z.number().int().min(-1),
  lastHash: Sha256Hex,
});
export type PlayLogAnchor = z.infer<typeof PlayLogAnchor>;

/** One log file's text; files are passed oldest first. */
export interface LogFileText {
  readonly name: string;
  readonly text: string;
}

export type ChainProblemKind = 'malformed' | 'edited' | 'deleted' | 'reordered';

export interface ChainProblem {
  readonly kind: ChainProblemKind;
  readonly file: string;
  /** 1-based line in `file`. */
  readonly line: number;
  readonly seq: number | null;
  readonly message: string;
}

export interface LocatedRecord {
  readonly file: string;
  readonly line: number;
  readonly record: PlayLogRecord;
}

export interface ChainReading {
  /** Every record that parsed, in file order, whether or not the chain holds. */
  readonly records: readonly LocatedRecord[];
  readonly problem: ChainProblem | null;
  /** Bytes after the last newline of the newest file: a write in progress or torn by power loss. */
  readonly tornTail: { readonly file: string; readonly bytes: number } | null;
}

interface Entry {
  readonly file: string;
  readonly line: number;
  readonly record: PlayLogRecord | null;
  readonly error: string | null;
}

function parseLine(file: string, line: number, raw: string): Entry {
  let json: unknown;
  try {
    json = JSON.parse(raw);
  } catch {
    return { file, line, record: null, error: 'not valid JSON' };
  }
  const parsed = PlayLogRecord.safeParse(json);
  if (!parsed.success) {
    const first = parsed.error.issues[0];
    return { file, line, record: null, error: `not a play-log record (${first?.path.join('.') ?? ''}: ${first?.message ?? ''})` };
  }
  return { file, line, record: parsed.data, error: null };
}

function splitEntries(files: readonly LogFileText[]): { entries: Entry[]; tornTail: ChainReading['tornTail'] } {
  const entries: Entry[] = [];
  let tornTail: ChainReading['tornTail'] = null;
  files.forEach((f, index) => {
    const lines = f.text.split('\n');
    const tail = lines.pop() ?? '';
    if (tail.length > 0) {
      // Only the newest file can legitimately end mid-record; anywhere else it is damage.
      if (index === files.length - 1) tornTail = { file: f.name, bytes: new TextEncoder().encode(tail).length };
      else lines.push(tail);
    }
    lines.forEach((raw, i) => entries.push(parseLine(f.name, i + 1, raw)));
  });
  return { entries, tornTail };
}

const where = (e: { file: string; line: number }): string => `${e.file} line ${e.line}`;

interface Cursor {
  readonly expectedSeq: number;
  readonly expectedPrev: string;
  readonly previous: Entry | null;
}

function checkEntry(
  e: Entry,
  record: PlayLogRecord,
  cursor: Cursor,
  seqIndex: ReadonlyMap<number, Entry>,
): ChainProblem | null {
  const { expectedSeq, expectedPrev, previous } = cursor;
  const seq = record.seq;
  if (seq > expectedSeq) {
    const later = seqIndex.get(expectedSeq);
    if (later && (later.file > e.file || (later.file === e.file && later.line > e.line))) {
      return { kind: 'reordered', file: e.file, line: e.line, seq, message: `record seq ${seq} at ${where(e)} is out of order: seq ${expectedSeq} was expected here and appears later, at ${where(later)}` };
    }
    const missing = seq - expectedSeq === 1 ? `seq ${expectedSeq}` : `seq ${expectedSeq}–${seq - 1}`;
    return { kind: 'deleted', file: e.file, line: e.line, seq, message: `record ${missing} deleted: ${where(e)} holds seq ${seq} where seq ${expectedSeq} was expected` };
  }
  if (seq < expectedSeq) {
    return { kind: 'reordered', file: e.file, line: e.line, seq, message: `record seq ${seq} at ${where(e)} is out of order or repeated: it comes after seq ${expectedSeq - 1}` };
  }
  if (record.prev !== expectedPrev) {
    // The record itself is intact, so the one before it was rewritten (and re-hashed).
    if (previous?.record) {
      return { kind: 'edited', file: previous.file, line: previous.line, seq: previous.record.seq, message: `record seq ${previous.record.seq} at ${where(previous)} was edited: record seq ${seq} recorded a different hash for it` };
    }
    return { kind: 'edited', file: e.file, line: e.line, seq, message: `record seq ${seq} at ${where(e)} does not continue the chain from its start (anchor or genesis)` };
  }
  return null;
}

/** Reads every record and finds the first place where the hash chain breaks. */
export function readChain(
  files: readonly LogFileText[],
  anchor: PlayLogAnchor | null,
  sha256: HashHex,
): ChainReading {
  const live = [...files].filter((f) => anchor === null || f.name > anchor.file);
  const { entries, tornTail } = splitEntries(live);
  const records: LocatedRecord[] = [];
  const seqIndex = new Map<number, Entry>();
  for (const e of entries) {
    if (e.record) {
      records.push({ file: e.file, line: e.line, record: e.record });
      if (!seqIndex.has(e.record.seq)) seqIndex.set(e.record.seq, e);
    }
  }
  let cursor: Cursor = { expectedSeq: anchor ? anchor.lastSeq + 1 : 0, expectedPrev: anchor?.lastHash ?? GENESIS_HASH, previous: null };
  for (const e of entries) {
    if (!e.record) {
      return { records, tornTail, problem: { kind: 'malformed', file: e.file, line: e.line, seq: null, message: `${where(e)} is damaged: ${e.error ?? ''}` } };
    }
    if (recordHash(e.record, sha256) !== e.record.hash) {
      const problem: ChainProblem = { kind: 'edited', file: e.file, line: e.line, seq: e.record.seq, message: `record seq ${e.record.seq} at ${where(e)} was edited: its content does not match its hash` };
      return { records, tornTail, problem };
    }
    const problem = checkEntry(e, e.record, cursor, seqIndex);
    if (problem) return { records, tornTail, problem };
    cursor = { expectedSeq: e.record.seq + 1, expectedPrev: e.record.hash, previous: e };
  }
  return { records, tornTail, problem: null };
}

export interface ChainSummary {
  readonly records: number;
  readonly firstSeq: number | null;
  readonly lastSeq: number | null;
  readonly tornTail: ChainReading['tornTail'];
}

/** `ok` with a summary when every record is intact and in order, else the first problem. */
export function verifyChain(
  files: readonly LogFileText[],
  anchor: PlayLogAnchor | null,
  sha256: HashHex,
): Result<ChainSummary, ChainProblem> {
  const reading = readChain(files, anchor, sha256);
  if (reading.problem) return err(reading.problem);
  const first = reading.records[0]?.record.seq ?? null;
  const last = reading.records[reading.records.length - 1]?.record.seq ?? null;
  return ok({ records: reading.records.length, firstSeq: first, lastSeq: last, tornTail: reading.tornTail });
}
