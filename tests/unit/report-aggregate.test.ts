import { describe, expect, it } from 'vitest';
import { aggregate, splitByDay } from '../../src/core/report/aggregate';
import type { PlayLogRecord } from '../../src/core/report/record';

const H = '0'.repeat(64);
let seq = 0;

function play(start: string, durationMs: number, over: Partial<{ itemId: string; kind: 'slogan' | 'case' | 'video' | 'standby'; title: string; completed: boolean }> = {}): PlayLogRecord {
  return { type: 'play', seq: seq++, at: start, screenId: 'lobby-1', prev: H, hash: H, itemId: over.itemId ?? 'slogan-1', kind: over.kind ?? 'slogan', title: over.title ?? '未知链接不点击', start, durationMs, completed: over.completed ?? true };
}

function recovery(at: string, reason: string): PlayLogRecord {
  return { type: 'recovery', seq: seq++, at, screenId: 'lobby-1', prev: H, hash: H, reason };
}

const range = { from: '2025-05-01', to: '2025-05-03', timeZone: 'Asia/Shanghai' };

describe('aggregate', () => {
  it('counts plays on the local day of the screen, not the UTC day', () => {
    // 16:30 UTC on 1 May is 00:30 on 2 May in Beijing.
    const d = aggregate([play('2025-05-01T16:30:00Z', 10_000), play('2025-04-30T15:59:00Z', 10_000), play('2025-04-30T16:00:00Z', 10_000)], range);
    expect(d.perDay.map((r) => [r.date, r.plays])).toEqual([['2025-05-01', 1], ['2025-05-02', 1], ['2025-05-03', 0]]);
    expect(d.totals.plays).toBe(2);
    expect(d.rows).toHaveLength(2);
  });

  it('counts hours on air as the union of what was shown, so the ticker over a video is not counted twice', () => {
    const d = aggregate([
      play('2025-05-02T01:00:00Z', 3_600_000, { kind: 'video', itemId: 'v1' }),
      play('2025-05-02T01:30:00Z', 3_600_000, { kind: 'slogan' }),
    ], range);
    expect(d.totals.onAirMs).toBe(90 * 60_000);
    expect(d.perKind.find((k) => k.kind === 'video')).toEqual({ kind: 'video', plays: 1, ms: 3_600_000 });
  });

  it('splits on-air time at local midnight', () => {
    const spans = splitByDay([{ s: Date.parse('2025-05-01T15:00:00Z'), e: Date.parse('2025-05-01T17:00:00Z') }], 'Asia/Shanghai', false);
    expect(spans).toEqual([
      { date: '2025-05-01', fromMin: 23 * 60, toMin: 24 * 60, standby: false },
      { date: '2025-05-02', fromMin: 0, toMin: 60, standby: false },
    ]);
  });

  it('ranks cases by plays and reports how many videos played to the end', () => {
    const d = aggregate([
      play('2025-05-02T01:00:00Z', 20_000, { kind: 'case', itemId: 'c-bank', title: '冒充银行' }),
      play('2025-05-02T01:01:00Z', 20_000, { kind: 'case', itemId: 'c-loan', title: '网贷诈骗' }),
      play('2025-05-02T01:02:00Z', 20_000, { kind: 'case', itemId: 'c-loan', title: '网贷诈骗' }),
      play('2025-05-02T01:03:00Z', 30_000, { kind: 'video', itemId: 'v', completed: false }),
      play('2025-05-02T01:04:00Z', 30_000, { kind: 'video', itemId: 'v' }),
    ], range);
    expect(d.topCases).toEqual([
      { itemId: 'c-loan', title: '网贷诈骗', plays: 2 },
      { itemId: 'c-bank', title: '冒充银行', plays: 1 },
    ]);
    expect(d.totals).toMatchObject({ videos: 2, videosCompleted: 1, distinctItems: 3 });
  });

  it('lists a silence as a gap with the recovery that ended it; standby is neither a play nor a gap', () => {
    const d = aggregate([
      play('2025-05-02T01:00:00Z', 60_000),
      recovery('2025-05-02T01:21:00Z', 'renderer crashed; reloaded'),
      play('2025-05-02T01:21:05Z', 60_000),
      play('2025-05-02T01:22:05Z', 8 * 3_600_000, { kind: 'standby', itemId: 'standby' }),
      play('2025-05-02T09:22:05Z', 60_000),
    ], { ...range, gapMinutes: 10 });
    expect(d.gaps).toEqual([{ start: '2025-05-02T01:01:00.000Z', end: '2025-05-02T01:21:05.000Z', ms: 20 * 60_000 + 5_000, recovery: 'renderer crashed; reloaded' }]);
    expect(d.totals).toMatchObject({ plays: 3, recoveries: 1, gaps: 1 });
    expect(d.perDay.find((r) => r.date === '2025-05-02')).toMatchObject({ plays: 3, recoveries: 1, onAirMs: 3 * 60_000 });
    expect(d.spans.filter((s) => s.standby)).toHaveLength(1);
  });
});
