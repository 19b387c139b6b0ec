import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { GENESIS_HASH, sealRecord, type PlayLogRecord, type PlayLogRecordBody } from '../../src/core/report/record';
import { verifyChain, type LogFileText } from '../../src/core/report/verify';

const sha256 = (text: string): string => createHash('sha256').update(text, 'utf8').digest('hex');

function chain(n: number, seq = 0, prev = GENESIS_HASH): PlayLogRecord[] {
  const out: PlayLogRecord[] = [];
  for (let i = 0; i < n; i++) {
    const start = new Date(Date.UTC(2025, 4, 6, 1, 0, i * 20)).toISOString();
    const body: PlayLogRecordBody = { type: 'play', seq: seq + i, at: start, screenId: 'lobby-1', prev, itemId: `case-${i % 3}`, kind: 'case', title: `案例 ${i}`, start, durationMs: 20_000, completed: true };
    const record = sealRecord(body, sha256);
    out.push(record);
    prev = record.hash;
  }
  return out;
}

const file = (name: string, lines: readonly string[]): LogFileText => ({ name, text: lines.map((l) => `${l}\n`).join('') });
const lines = (records: readonly PlayLogRecord[]): string[] => records.map((r) => JSON.stringify(r));

describe('verifyChain', () => {
  it('accepts an intact log and counts its records', () => {
    const result = verifyChain([file('plays-000001.jsonl', lines(chain(20)))], null, sha256);
    expect(result).toEqual({ ok: true, value: { records: 20, firstSeq: 0, lastSeq: 19, tornTail: null } });
  });

  it('reports an edited record with its file, line and seq', () => {
    const l = lines(chain(10));
    l[6] = l[6]!.replace('案例 6', '案例 六');
    const result = verifyChain([file('plays-000001.jsonl', l)], null, sha256);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error).toMatchObject({ kind: 'edited', file: 'plays-000001.jsonl', line: 7, seq: 6 });
    expect(result.error.message).toBe('record seq 6 at plays-000001.jsonl line 7 was edited: its content does not match its hash');
  });

  it('reports an edited record whose hash was recomputed, at the edited record', () => {
    const records = chain(10);
    const original = records[4]!;
    if (original.type !== 'play') throw new Error('fixture is all plays');
    const { hash: _old, ...body } = original;
    const forged = sealRecord({ ...body, durationMs: 99_000 }, sha256);
    const l = lines(records);
    l[4] = JSON.stringify(forged);
    const result = verifyChain([file('plays-000001.jsonl', l)], null, sha256);
    expect(result.ok ? null : result.error).toMatchObject({ kind: 'edited', line: 5, seq: 4 });
  });

  it('reports a deleted record where the gap is', () => {
    const l = lines(chain(10));
    l.splice(3, 1);
    const result = verifyChain([file('plays-000001.jsonl', l)], null, sha256);
    expect(result.ok ? null : result.error).toMatchObject({ kind: 'deleted', file: 'plays-000001.jsonl', line: 4, seq: 4 });
    expect(result.ok ? '' : result.error.message).toContain('record seq 3 deleted');
  });

  it('reports a reordered pair at the first record out of place', () => {
    const l = lines(chain(10));
    [l[5], l[6]] = [l[6]!, l[5]!];
    const result = verifyChain([file('plays-000001.jsonl', l)], null, sha256);
    expect(result.ok ? null : result.error).toMatchObject({ kind: 'reordered', line: 6, seq: 6 });
    expect(result.ok ? '' : result.error.message).toContain('seq 5 was expected here and appears later, at plays-000001.jsonl line 7');
  });

  it('reports a deleted first record of a log that never rotated', () => {
    const l = lines(chain(5)).slice(1);
    const result = verifyChain([file('plays-000001.jsonl', l)], null, sha256);
    expect(result.ok ? null : result.error).toMatchObject({ kind: 'deleted', line: 1, seq: 1 });
  });

  it('reports a damaged line and a record with an added field', () => {
    const l = lines(chain(5));
    l[2] = '{"seq": 2, "oops"';
    expect(verifyChain([file('a.jsonl', l)], null, sha256)).toMatchObject({ ok: false, error: { kind: 'malformed', line: 3, seq: null } });
    const m = lines(chain(5));
    m[1] = m[1]!.replace('{', '{"note":"added later",');
    expect(verifyChain([file('a.jsonl', m)], null, sha256)).toMatchObject({ ok: false, error: { kind: 'malformed', line: 2 } });
  });

  it('continues across files and starts from the anchor after rotation', () => {
    const all = chain(30);
    const files = [file('plays-000002.jsonl', lines(all.slice(10, 20))), file('plays-000003.jsonl', lines(all.slice(20)))];
    const anchor = { file: 'plays-000001.jsonl', lastSeq: 9, lastHash: all[9]!.hash };
    expect(verifyChain(files, anchor, sha256)).toMatchObject({ ok: true, value: { records: 20, firstSeq: 10, lastSeq: 29 } });
    // Without the anchor, the missing first file is a deletion.
    expect(verifyChain(files, null, sha256)).toMatchObject({ ok: false, error: { kind: 'deleted', file: 'plays-000002.jsonl', line: 1, seq: 10 } });
    // A file the rotation was about to delete when the power went is ignored.
    const leftover = [file('plays-000001.jsonl', lines(all.slice(0, 10))), ...files];
    expect(verifyChain(leftover, anchor, sha256).ok).toBe(true);
  });

  it('reports a whole middle file deleted', () => {
    const all = chain(30);
    const files = [file('plays-000001.jsonl', lines(all.slice(0, 10))), file('plays-000003.jsonl', lines(all.slice(20)))];
    const result = verifyChain(files, null, sha256);
    expect(result.ok ? null : result.error).toMatchObject({ kind: 'deleted', file: 'plays-000003.jsonl', line: 1, seq: 20 });
    expect(result.ok ? '' : result.error.message).toContain('seq 10–19');
  });

  it('notes an unfinished last line without calling the chain broken', () => {
    const l = lines(chain(3));
    const text = `${l.join('\n')}\n{"seq":3,"at":"20`;
    const result = verifyChain([{ name: 'plays-000001.jsonl', text }], null, sha256);
    expect(result).toMatchObject({ ok: true, value: { records: 3, tornTail: { file: 'plays-000001.jsonl', bytes: 17 } } });
  });
});
