import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { EMPTY_CHAIN, nextChunk, planIntake, type PlaysChunk } from '../../src/core/fleet/plays';
import { GENESIS_HASH, sealRecord, type PlayLogRecord } from '../../src/core/report/record';

const sha = (t: string): string => createHash('sha256').update(t, 'utf8').digest('hex');

function chain(screenId: string, n: number): PlayLogRecord[] {
  const out: PlayLogRecord[] = [];
  let prev = GENESIS_HASH;
  for (let seq = 0; seq < n; seq++) {
    const r = sealRecord({ type: 'play', seq, at: `2026-12-01T08:${String(seq).padStart(2, '0')}:00.000Z`, screenId, prev, itemId: `case-${seq}`, kind: 'case', title: `案例 ${seq}`, start: `2026-12-01T08:${String(seq).padStart(2, '0')}:00.000Z`, durationMs: 20_000, completed: true }, sha);
    out.push(r);
    prev = r.hash;
  }
  return out;
}

const chunk = (records: PlayLogRecord[], file = 'plays-000001.jsonl'): PlaysChunk => ({ screenId: 'hall-1', file, records });

describe('fleet proof of play: intake', () => {
  const records = chain('hall-1', 10);

  it('stores a chain once, however often it is uploaded', () => {
    const first = planIntake(EMPTY_CHAIN, chunk(records.slice(0, 6)), sha);
    expect(first.accept.map((r) => r.seq)).toEqual([0, 1, 2, 3, 4, 5]);
    const again = planIntake(first.next, chunk(records.slice(0, 8)), sha);
    expect(again.accept.map((r) => r.seq)).toEqual([6, 7]);
    expect(planIntake(again.next, chunk(records.slice(0, 8)), sha).accept).toEqual([]);
    expect(again.problems).toEqual([]);
  });

  it('names the screen, file and sequence number of a gap, and goes on after it', () => {
    const plan = planIntake(EMPTY_CHAIN, chunk([...records.slice(0, 3), ...records.slice(6)], 'plays-000004.jsonl'), sha);
    expect(plan.problems).toEqual([{ kind: 'gap', screenId: 'hall-1', file: 'plays-000004.jsonl', seq: 3, message: 'records 3–5 of hall-1 never arrived (before plays-000004.jsonl)' }]);
    expect(plan.accept.map((r) => r.seq)).toEqual([0, 1, 2, 6, 7, 8, 9]);
  });

  it('stops at an edited record or a broken link, keeping what came before', () => {
    const edited = records.map((r) => (r.seq === 4 && r.type === 'play' ? { ...r, title: '改过的标题' } : r));
    const plan = planIntake(EMPTY_CHAIN, chunk(edited), sha);
    expect(plan.accept.map((r) => r.seq)).toEqual([0, 1, 2, 3]);
    expect(plan.problems[0]).toMatchObject({ kind: 'edited', seq: 4, file: 'plays-000001.jsonl' });
    const other = chain('hall-1', 10).map((r) => r); // same screen, same chain
    const forked = sealRecord({ ...other[5]!, prev: 'f'.repeat(64) } as never, sha);
    const broken = planIntake({ seq: 4, hash: records[4]!.hash }, chunk([forked]), sha);
    expect(broken.problems[0]).toMatchObject({ kind: 'broken-link', seq: 5 });
    expect(broken.accept).toEqual([]);
  });

  it('refuses records that name another screen', () => {
    const plan = planIntake(EMPTY_CHAIN, chunk(chain('hall-2', 2)), sha);
    expect(plan.problems[0]).toMatchObject({ kind: 'foreign' });
    expect(plan.accept).toEqual([]);
  });

  it('sends what follows the ack, one file at a time', () => {
    const files = [{ name: 'a', records: records.slice(0, 5) }, { name: 'b', records: records.slice(5) }];
    expect(nextChunk(files, EMPTY_CHAIN, 'hall-1')?.file).toBe('a');
    expect(nextChunk(files, { seq: 4, hash: records[4]!.hash }, 'hall-1')?.records.map((r) => r.seq)).toEqual([5, 6, 7, 8, 9]);
    expect(nextChunk(files, { seq: 9, hash: records[9]!.hash }, 'hall-1')).toBeUndefined();
  });
});
