import { promises as fs } from 'node:fs';
import { join } from 'node:path';
import { PlayLogRecord } from '../../core/report/record';

export interface LastRecord {
  readonly seq: number;
  readonly hash: string;
}

function parseRecord(line: Buffer): LastRecord | null {
  try {
    const parsed = PlayLogRecord.safeParse(JSON.parse(line.toString('utf8')));
    return parsed.success ? { seq: parsed.data.seq, hash: parsed.data.hash } : null;
  } catch {
    return null;
  }
}

/** Start of the last line of `bytes[0, end)` (the line ends at `end`, exclusive of its newline). */
function lineStart(bytes: Buffer, end: number): number {
  const nl = end > 0 ? bytes.lastIndexOf(0x0a, end - 1) : -1;
  return nl + 1;
}

export interface TailScan {
  /** Bytes of the file that are whole lines; everything after is torn. */
  readonly validLength: number;
  /** The last record was written whole but its newline was not: complete it instead of cutting. */
  readonly missingNewline: boolean;
  readonly last: LastRecord | null;
  /** 1-based line number where the torn bytes start. */
  readonly tornLine: number;
}

const isJson = (line: Buffer): boolean => {
  try {
    JSON.parse(line.toString('utf8'));
    return true;
  } catch {
    return false;
  }
};

/** The newest line in `bytes[0, end)` that is a record; older damage is left for the verifier to report. */
function lastValidRecord(bytes: Buffer, end: number): LastRecord | null {
  let lineEnd = end;
  while (lineEnd > 0) {
    const start = lineStart(bytes, lineEnd - 1);
    const record = parseRecord(bytes.subarray(start, lineEnd - 1));
    if (record) return record;
    lineEnd = start;
  }
  return null;
}

/**
 * A power loss can leave the last line unfinished (or, on some file systems, full of zero
 * bytes). Whole lines before it were fsync'd and stay. Only bytes that are not JSON count
 * as torn: a whole record that fails its schema is damage or tampering, and cutting it
 * would hide it from `--verify`.
 */
export function scanTail(bytes: Buffer): TailScan {
  let end = bytes.length;
  let missingNewline = false;
  if (end > 0 && bytes[end - 1] !== 0x0a) {
    const start = lineStart(bytes, end);
    if (parseRecord(bytes.subarray(start, end))) missingNewline = true;
    else end = start;
  }
  if (!missingNewline && end > 0) {
    const start = lineStart(bytes, end - 1);
    if (!isJson(bytes.subarray(start, end - 1))) end = start;
  }
  const last = missingNewline ? parseRecord(bytes.subarray(lineStart(bytes, end), end)) : lastValidRecord(bytes, end);
  const tornLine = bytes.subarray(0, end).filter((b) => b === 0x0a).length + 1;
  return { validLength: end, missingNewline, last, tornLine };
}

/** Last record of a whole file, or null when it holds none (used when an empty head follows it). */
export async function lastRecordOf(path: string): Promise<LastRecord | null> {
  const bytes = await fs.readFile(path);
  return scanTail(bytes).last;
}

/**
 * Cuts a torn tail off `name` and keeps the cut bytes in `<name>.at-<offset>.torn` for
 * inspection. Returns the last whole record, if the file has one.
 */
export async function repairTail(dir: string, name: string, log: (line: string) => void): Promise<LastRecord | null> {
  const path = join(dir, name);
  const bytes = await fs.readFile(path);
  const scan = scanTail(bytes);
  if (scan.validLength < bytes.length) {
    const tornPath = join(dir, `${name}.at-${scan.validLength}.torn`);
    await fs.writeFile(tornPath, bytes.subarray(scan.validLength));
    const handle = await fs.open(path, 'r+');
    try {
      await handle.truncate(scan.validLength);
      await handle.sync();
    } finally {
      await handle.close();
    }
    log(`play-log: torn record at ${name} line ${scan.tornLine} (${bytes.length - scan.validLength} bytes) cut off and kept in ${tornPath}`);
  }
  if (scan.missingNewline) {
    await fs.appendFile(path, '\n');
    log(`play-log: ${name} ended without a newline after a whole record; newline added`);
  }
  return scan.last;
}
