import { z } from 'zod';
import { PlayEvent } from '../api/contract';
import { Sha256Hex } from '../model/sha256';

/** SHA-256 as lower-case hex. Core stays pure: the caller brings the hash function. */
export type HashHex = (text: string) => string;


/** The `prev` of the very first record of a log. */
export const GENESIS_HASH = '0'.repeat(64);

const Common = {
  seq: z.number().int().nonnegative(),
  at: z.iso.datetime({ offset: true }),
  screenId: z.string().min(1).max(64),
  prev: Sha256Hex,
};

// Strict objects: a field added by hand must not slip past the hash by being stripped.
const PlayBody = z.strictObject({ type: z.literal('play'), ...Common, ...PlayEvent.shape });
const RecoveryBody = z.strictObject({
  type: z.literal('recovery'),
  ...Common,
  reason: z.string().min(1).max(500),
});

/** A record as written to the log, with its own hash. One JSON object per line. */
export const PlayLogRecord = z.discriminatedUnion('type', [
  PlayBody.extend({ hash: Sha256Hex }),
  RecoveryBody.extend({ hash: Sha256Hex }),
]);
export type PlayLogRecord = z.infer<typeof PlayLogRecord>;
export type PlayRecord = Extract<PlayLogRecord, { type: 'play' }>;
export type RecoveryRecord = Extract<PlayLogRecord, { type: 'recovery' }>;

type Unhashed<T> = T extends unknown ? Omit<T, 'hash'> : never;
export type PlayLogRecordBody = Unhashed<PlayLogRecord>;

/**
 * Key-sorted JSON, so the hash does not depend on the order a writer emitted fields in.
 * Records are flat (strings, numbers, booleans), which is all this handles.
 */
export function canonicalJson(value: Readonly<Record<string, unknown>>, omit = ''): string {
  const sorted = Object.keys(value)
    .filter((k) => k !== omit && value[k] !== undefined)
    .sort()
    .map((k) => `${JSON.stringify(k)}:${JSON.stringify(value[k])}`);
  return `{${sorted.join(',')}}`;
}

/** The hash a record must carry: SHA-256 of the canonical JSON of everything but `hash`. */
export function recordHash(body: Readonly<Record<string, unknown>>, sha256: HashHex): string {
  return sha256(canonicalJson(body, 'hash'));
}

/** Seals a record body: the line a writer appends (without its newline). */
export function sealRecord(body: PlayLogRecordBody, sha256: HashHex): PlayLogRecord {
  return { ...body, hash: recordHash(body, sha256) } as PlayLogRecord;
}
