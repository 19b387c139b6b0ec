import { z } from 'zod';
import { GENESIS_HASH } from '../report/record';
import { Sha256Hex } from '../model/sha256';
import type { LogFileText, PlayLogAnchor } from '../report/verify';

/** Where the last visit's returns ended: the next visit's returns start after it. */
export const ReturnsMark = z.strictObject({ seq: z.number().int().min(-1), hash: Sha256Hex });
export type ReturnsMark = z.infer<typeof ReturnsMark>;
export const NO_MARK: ReturnsMark = { seq: -1, hash: GENESIS_HASH };

/**
 * Returns already on this stick that the office has not taken yet must not be lost: the new
 * returns start where those started. Otherwise they start after this screen's last visit.
 */
export function returnsStart(onStick: { readonly hasPlays: boolean; readonly anchor: PlayLogAnchor | null }, mark: ReturnsMark): ReturnsMark {
  if (!onStick.hasPlays) return mark;
  return onStick.anchor ? { seq: onStick.anchor.lastSeq, hash: onStick.anchor.lastHash } : NO_MARK;
}

export interface ReturnedLines {
  /** The log's own lines (byte for byte, so every hash still holds), newest last. */
  readonly lines: readonly string[];
  readonly firstSeq: number;
  readonly lastSeq: number;
  readonly lastHash: string;
}

function seqAndHash(line: string): { seq: number; hash: string } | undefined {
  try {
    const value = JSON.parse(line) as { seq?: unknown; hash?: unknown };
    return typeof value.seq === 'number' && typeof value.hash === 'string' ? { seq: value.seq, hash: value.hash } : undefined;
  } catch {
    return undefined;
  }
}

/** The complete lines of a play log after `start`; a torn last line stays behind for the next visit. */
export function linesAfter(files: readonly LogFileText[], start: ReturnsMark): ReturnedLines | undefined {
  const lines: string[] = [];
  let first: number | undefined;
  let last = { seq: start.seq, hash: start.hash };
  for (const file of files) {
    const complete = file.text.split('\n').slice(0, -1);
    for (const line of complete) {
      const found = seqAndHash(line);
      if (!found || found.seq <= start.seq) continue;
      first ??= found.seq;
      last = found;
      lines.push(line);
    }
  }
  return first === undefined ? undefined : { lines, firstSeq: first, lastSeq: last.seq, lastHash: last.hash };
}
