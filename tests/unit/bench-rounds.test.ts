import { describe, expect, it } from 'vitest';
import { allOf, interleave, judge } from '../../bench/lib/rounds';

describe('bench rounds: a budget is met or missed only outside the spread', () => {
  it('a clear win over the baseline in every round is met; a clear loss is missed', () => {
    expect(judge([16.7, 16.7, 33.4, 16.7, 16.7], [33.4, 50, 50, 33.4, 33.4], true)).toMatchObject({ verdict: 'met', value: 16.7, limit: 33.4, rounds: 5 });
    expect(judge([1900, 2100, 2000, 1950, 2050], [1500, 1500, 1500, 1500, 1500], false)).toMatchObject({ verdict: 'missed', difference: 500, spread: 50 });
  });

  it('a difference inside the spread of the rounds is within noise, with its figures', () => {
    const j = judge([30, 50, 20, 60, 33], [33, 33, 50, 33, 50], true);
    expect(j.verdict).toBe('within noise');
    expect(j.difference).toBe(-3);
    expect(j.spread).toBeGreaterThan(3);
  });

  it('equal to the baseline is not below it; at a fixed limit it is within it', () => {
    expect(judge([33.4, 33.4, 33.4, 33.4, 33.4], [33.4, 33.4, 33.4, 33.4, 33.4], true).verdict).toBe('missed');
    expect(judge([1500, 1500, 1500, 1500, 1500], [1500, 1500, 1500, 1500, 1500], false).verdict).toBe('met');
  });

  it('several conditions: any miss is a miss, all met is met, else within noise', () => {
    const met = judge([1, 1, 1, 1, 1], [2, 2, 2, 2, 2], true);
    const missed = judge([3, 3, 3, 3, 3], [2, 2, 2, 2, 2], true);
    const noisy = judge([1, 3, 1, 3, 2.2], [2, 2, 2, 2, 2], true);
    expect([allOf([met, met]), allOf([met, missed]), allOf([met, noisy])]).toEqual(['met', 'missed', 'within noise']);
  });

  it('interleaves the arms, alternating which goes first', async () => {
    const order: string[] = [];
    const runs = await interleave(4, {
      kiosk: async (round) => (order.push(`k${round}`), round),
      peer: async (round) => (order.push(`p${round}`), 10 + round),
    });
    expect(order).toEqual(['k0', 'p0', 'p1', 'k1', 'k2', 'p2', 'p3', 'k3']);
    expect(runs).toEqual({ kiosk: [0, 1, 2, 3], peer: [10, 11, 12, 13] });
  });
});
