import { mkdir, open, readFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { z } from 'zod';
import type { AuditEntry } from '../../core/console/formats';
import { GENESIS_HASH, recordHash } from '../../core/report/record';
import { sha256Hex } from '../play-log/files';
import { serial } from './serial';

/**
 * Append-only audit log, hash-chained like the play log (same canonical JSON and record
 * hash from core/report/record.ts): each line carries the hash of the one before, so an
 * edited or deleted line breaks the chain that `verifyAudit` walks.
 */
export const AuditRecord = z.strictObject({
  seq: z.number().int().nonnegative(),
  at: z.string(),
  actor: z.string(),
  action: z.string(),
  target: z.string(),
  detail: z.string(),
  prev: z.string(),
  hash: z.string(),
});
export type AuditRecord = z.infer<typeof AuditRecord>;

export interface AuditLog {
  append(entry: Omit<AuditEntry, 'at'>): Promise<void>;
  recent(limit: number): Promise<AuditEntry[]>;
  /** Every entry, oldest first, kept in memory since open (the console is the log's one writer). */
  entries(): readonly AuditEntry[];
}

const entryOf = ({ at, actor, action, target, detail }: AuditRecord): AuditEntry => ({ at, actor, action, target, detail });

function parseLines(text: string): { records: AuditRecord[]; validLength: number } {
  const records: AuditRecord[] = [];
  let validLength = 0;
  for (const line of text.split('\n')) {
    if (line === '') break;
    let parsed: unknown;
    try {
      parsed = JSON.parse(line);
    } catch {
      break; // a torn last line from a kill; whole lines before it were fsync'd
    }
    const record = AuditRecord.safeParse(parsed);
    if (!record.success) break;
    records.push(record.data);
    validLength += Buffer.byteLength(line, 'utf8') + 1;
  }
  return { records, validLength };
}

/** Problems in the chain: a wrong hash or a broken link names its line. */
export function verifyAudit(text: string): string[] {
  const problems: string[] = [];
  let prev = GENESIS_HASH;
  text.split('\n').filter((l) => l !== '').forEach((line, index) => {
    const record = AuditRecord.safeParse(JSON.parse(line));
    if (!record.success) problems.push(`line ${index + 1}: not an audit record`);
    else if (record.data.prev !== prev) problems.push(`line ${index + 1}: chain broken (a line before it was changed or removed)`);
    else if (recordHash(record.data, sha256Hex) !== record.data.hash) problems.push(`line ${index + 1}: hash does not match its content`);
    if (record.success) prev = record.data.hash;
  });
  return problems;
}

export async function openAuditLog(path: string, now: () => Date): Promise<AuditLog> {
  await mkdir(dirname(path), { recursive: true });
  const text = await readFile(path, 'utf8').catch(() => '');
  const { records, validLength } = parseLines(text);
  if (validLength < Buffer.byteLength(text, 'utf8')) {
    const handle = await open(path, 'r+');
    await handle.truncate(validLength).finally(() => handle.close());
  }
  const last = records[records.length - 1];
  let head = { seq: last ? last.seq : -1, hash: last ? last.hash : GENESIS_HASH };
  const queue = serial();
  const kept: AuditEntry[] = records.map(entryOf);
  return {
    append: (entry) =>
      queue(async () => {
        const body = { seq: head.seq + 1, at: now().toISOString(), ...entry, prev: head.hash };
        const record = { ...body, hash: recordHash(body, sha256Hex) };
        const handle = await open(path, 'a', 0o644);
        await handle.write(`${JSON.stringify(record)}\n`).finally(() => handle.sync().finally(() => handle.close()));
        head = { seq: record.seq, hash: record.hash };
        kept.push(entryOf(record));
      }),
    entries: () => kept,
    async recent(limit) {
      const { records: all } = parseLines(await readFile(path, 'utf8').catch(() => ''));
      return all.slice(-limit).reverse().map(entryOf);
    },
  };
}

