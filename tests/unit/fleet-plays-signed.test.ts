import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { EMPTY_CHAIN, type PlaysAck } from '../../src/core/fleet/plays';
import { batchText, judgePlays, refusalSummary, type PlaysCheck } from '../../src/core/fleet/plays-signed';
import { GENESIS_HASH, sealRecord, type PlayLogRecord } from '../../src/core/report/record';

const sha = (t: string): string => createHash('sha256').update(t, 'utf8').digest('hex');

function chain(n: number): PlayLogRecord[] {
  const out: PlayLogRecord[] = [];
  let prev = GENESIS_HASH;
  for (let seq = 0; seq < n; seq++) {
    const r = sealRecord({ type: 'play', seq, at: '2026-12-01T08:00:00.000Z', screenId: 'hall-1', prev, itemId: `case-${seq}`, kind: 'case', title: `案例 ${seq}`, start: '2026-12-01T08:00:00.000Z', durationMs: 20_000, completed: true }, sha);
    out.push(r);
    prev = r.hash;
  }
  return out;
}

const records = chain(6);
const stored: PlaysAck = { seq: 2, hash: records[2]!.hash, batch: 4 };
const check = (over: Partial<PlaysCheck> = {}): PlaysCheck => ({
  screen: 'hall-1',
  registered: { revoked: false },
  signatureValid: true,
  batchText: batchText({ screenId: 'hall-1', file: 'plays-000001.jsonl', records: records.slice(3) }, 5),
  chain: stored,
  ...over,
});

describe('the console\'s decision on a signed play upload', () => {
  it('accepts a batch signed by the screen, numbered above the last, continuing its chain', () => {
    expect(judgePlays(check())).toMatchObject({ kind: 'accept', batch: { batch: 5, records: records.slice(3) } });
    // An upload repeated after a lost ack overlaps what is stored: a new number, nothing new to link.
    expect(judgePlays(check({ batchText: batchText({ screenId: 'hall-1', file: 'f.jsonl', records: records.slice(0, 3) }, 9) })).kind).toBe('accept');
    expect(judgePlays(check({ chain: EMPTY_CHAIN, batchText: batchText({ screenId: 'hall-1', file: 'f.jsonl', records }, 0) })).kind).toBe('accept');
  });

  it('names the first reason to refuse, in a fixed order', () => {
    const reason = (over: Partial<PlaysCheck>): string | undefined => {
      const verdict = judgePlays(check(over));
      return verdict.kind === 'refuse' ? verdict.reason : undefined;
    };
    expect(reason({ registered: undefined, signatureValid: false })).toBe('unknown-screen');
    expect(reason({ registered: { revoked: true } })).toBe('revoked');
    expect(reason({ signatureValid: false })).toBe('forged');
    expect(reason({ batchText: '{"screenId":"hall-1"}' })).toBe('malformed');
    expect(reason({ batchText: 'not json' })).toBe('malformed');
    expect(reason({ batchText: batchText({ screenId: 'hall-2', file: 'f.jsonl', records: records.slice(3) }, 5) })).toBe('forged');
    expect(reason({ batchText: batchText({ screenId: 'hall-1', file: 'f.jsonl', records: records.slice(3) }, 4) })).toBe('replayed');
    expect(reason({ batchText: batchText({ screenId: 'hall-1', file: 'f.jsonl', records: records.slice(3) }, 0) })).toBe('replayed');
    const elsewhere = chain(6).map((r) => (r.seq === 3 ? sealRecord({ ...r, prev: 'f'.repeat(64) }, sha) : r));
    expect(reason({ batchText: batchText({ screenId: 'hall-1', file: 'f.jsonl', records: elsewhere.slice(3, 4) }, 5) })).toBe('broken-chain');
  });

  it('says the counts as the dashboard shows them, zeros left out', () => {
    expect(refusalSummary({ replayed: 1, forged: 2 })).toBe('2 forged, 1 replayed');
    expect(refusalSummary({ forged: 0 })).toBe('');
    expect(refusalSummary({ 'broken-chain': 1 }, (r) => (r === 'broken-chain' ? '链条断裂' : r))).toBe('1 链条断裂');
  });
});
