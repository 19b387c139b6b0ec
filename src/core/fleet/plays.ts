import { z } from 'zod';
import { GENESIS_HASH, PlayLogRecord, recordHash, type HashHex } from '../report/record';

/** A run of sealed records from one of a screen's log files, oldest first. */
export const PlaysChunk = z.strictObject({
  screenId: z.string().min(1).max(64),
  file: z.string().regex(/^[A-Za-z0-9._-]{1,64}$/),
  records: z.array(PlayLogRecord).min(1).max(500),
  /** The screen groups the screen belongs to now (its fleet config): what the fleet report groups by. */
  groups: z.array(z.string().regex(/^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/)).max(20).optional(),
});
export type PlaysChunk = z.infer<typeof PlaysChunk>;

/** The console's word on a screen's chain: stored through `seq` (−1: nothing yet). */
export const PlaysAck = z.strictObject({
  seq: z.number().int().min(-1),
  hash: z.string().regex(/^[0-9a-f]{64}$/),
  /** The last signed batch number taken from the screen (plays-signed.ts); the next must be higher. */
  batch: z.number().int().nonnegative().optional(),
});
export type PlaysAck = z.infer<typeof PlaysAck>;
export const EMPTY_CHAIN: PlaysAck = { seq: -1, hash: GENESIS_HASH };

/** `refused`: an upload that was not a chunk at all; `unreadable`: a stored line that is not a record. */
export type IntakeProblemKind = 'gap' | 'edited' | 'broken-link' | 'foreign' | 'refused' | 'unreadable';
export interface IntakeProblem {
  readonly kind: IntakeProblemKind;
  readonly screenId: string;
  readonly file: string;
  readonly seq: number;
  readonly message: string;
}

export interface IntakePlan {
  readonly accept: readonly PlayLogRecord[];
  readonly next: PlaysAck;
  readonly problems: readonly IntakeProblem[];
}

/**
 * What the console stores of an uploaded chunk. Records it already has are skipped (uploads
 * repeat after a reconnect: nothing is counted twice); a record whose hash does not match
 * its content, or whose `prev` does not match the stored chain, stops the chunk; missing
 * sequence numbers are stored as a gap, naming the screen, the file and the sequence number.
 */
export function planIntake(chain: PlaysAck, chunk: PlaysChunk, sha256: HashHex): IntakePlan {
  const accept: PlayLogRecord[] = [];
  const problems: IntakeProblem[] = [];
  let next = chain;
  const problem = (kind: IntakeProblemKind, seq: number, message: string): void => {
    problems.push({ kind, screenId: chunk.screenId, file: chunk.file, seq, message });
  };
  for (const record of chunk.records) {
    if (record.screenId !== chunk.screenId) {
      problem('foreign', record.seq, `record ${record.seq} names screen "${record.screenId}", not "${chunk.screenId}"`);
      break;
    }
    if (record.seq <= next.seq) continue;
    if (recordHash(record, sha256) !== record.hash) {
      problem('edited', record.seq, `record ${record.seq} in ${chunk.file} does not match its hash (edited)`);
      break;
    }
    if (record.seq > next.seq + 1) {
      const from = next.seq + 1;
      problem('gap', from, `records ${from}–${record.seq - 1} of ${chunk.screenId} never arrived (before ${chunk.file})`);
    } else if (record.prev !== next.hash) {
      problem('broken-link', record.seq, `record ${record.seq} in ${chunk.file} does not follow record ${next.seq} (chain broken)`);
      break;
    }
    accept.push(record);
    next = { ...next, seq: record.seq, hash: record.hash };
  }
  return { accept, next, problems };
}

/** The next records a screen should send: after the console's ack, at most `max`, one file at a time. */
export function nextChunk(files: readonly { name: string; records: readonly PlayLogRecord[] }[], ack: PlaysAck, screenId: string, max = 200, groups: readonly string[] = []): PlaysChunk | undefined {
  for (const file of files) {
    const records = file.records.filter((r) => r.seq > ack.seq).slice(0, max);
    if (records.length > 0) return { screenId, file: file.name, records, ...(groups.length > 0 ? { groups: [...groups] } : {}) };
  }
  return undefined;
}
