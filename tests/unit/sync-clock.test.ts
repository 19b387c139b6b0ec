import { describe, expect, it } from 'vitest';
import { delayOf, estimateClock, localTimeFor, offsetOf, sharedTime, type Exchange } from '../../src/core/sync/shared-clock';
import { mulberry32 } from '../../src/core/seeded-random';
import { loopSlot, rateNudge, uniformSlot } from '../../src/core/sync/loop-schedule';

/** A seeded generator, so every run sees the same delays. */
const seeded = mulberry32;

/** A screen whose clock reads `trueMs·(1+rate) + offsetMs`: the fake clock the test drives. */
interface FakeScreen {
  readonly offsetMs: number;
  readonly rate: number;
}
const localOf = (s: FakeScreen, trueMs: number): number => trueMs * (1 + s.rate) + s.offsetMs;

/** Exchanges with the console (whose clock is true time) every 2 s, with LAN delays up to 40 ms each way. */
function exchanges(s: FakeScreen, fromMs: number, count: number, random: () => number): Exchange[] {
  return Array.from({ length: count }, (_, i) => {
    const sent = fromMs + i * 2000;
    const up = 0.3 + random() * 40;
    const t1 = sent + up;
    const t2 = t1 + random() * 2;
    const down = 0.3 + random() * 40;
    return { t0: localOf(s, sent), t1, t2, t3: localOf(s, t2 + down) };
  });
}

const SCREENS: FakeScreen[] = [{ offsetMs: -2000, rate: 40e-6 }, { offsetMs: 0, rate: 0 }, { offsetMs: 2000, rate: -25e-6 }];

describe('the shared clock (NTP-style exchanges)', () => {
  it('reads offset and delay from the four timestamps', () => {
    const e = { t0: 1000, t1: 3010, t2: 3012, t3: 1022 };
    expect(offsetOf(e)).toBe(2000);
    expect(delayOf(e)).toBe(20);
  });

  it('puts screens with ±2 s offsets on one time base, within the bound it reports', () => {
    const random = seeded(7);
    for (const screen of SCREENS) {
      const estimate = estimateClock(exchanges(screen, 1_000_000, 30, random));
      if (!estimate) throw new Error('no estimate');
      // Until the next exchange, 2 s on: a skew error of even 500 ppm adds at most 1 ms.
      const trueNow = 1_000_000 + 29 * 2000 + 2000;
      const error = sharedTime(localOf(screen, trueNow), estimate) - trueNow;
      expect(Math.abs(error)).toBeLessThanOrEqual(estimate.boundMs + 1.5);
      expect(localTimeFor(sharedTime(12_345_678, estimate), estimate)).toBeCloseTo(12_345_678, 3);
    }
  });

  it('measures the skew over ten minutes of exchanges', () => {
    const random = seeded(3);
    for (const screen of SCREENS) {
      const estimate = estimateClock(exchanges(screen, 5_000_000, 300, random));
      expect(Math.abs((estimate?.skew ?? 1) + screen.rate)).toBeLessThan(2e-5);
    }
  });

  it('has nothing to say before the first exchange', () => {
    expect(estimateClock([])).toBeUndefined();
  });
});

describe('the schedule from the shared loop, against a fake clock', () => {
  it('starts item k at epoch + k·duration', () => {
    const epoch = 1_700_000_000_000;
    for (const k of [0, 1, 2, 7, 1000]) {
      expect(uniformSlot(epoch + k * 12_000, epoch, 12_000, 5)).toEqual({ index: k % 5, k, startsAt: epoch + k * 12_000, endsAt: epoch + (k + 1) * 12_000 });
      expect(uniformSlot(epoch + k * 12_000 - 1, epoch, 12_000, 5).k).toBe(k - 1);
    }
  });

  it('walks a loop of items with their own lengths', () => {
    const lengths = [10_000, 25_000, 5_000];
    expect(loopSlot(0, 0, lengths)).toMatchObject({ index: 0, k: 0, startsAt: 0, endsAt: 10_000 });
    expect(loopSlot(34_999, 0, lengths)).toMatchObject({ index: 1, k: 1, startsAt: 10_000 });
    expect(loopSlot(35_000, 0, lengths)).toMatchObject({ index: 2, k: 2, startsAt: 35_000 });
    expect(loopSlot(40_000 * 3 + 12_000, 0, lengths)).toMatchObject({ index: 1, k: 10, startsAt: 130_000 });
    expect(() => loopSlot(0, 0, [])).toThrow(RangeError);
  });

  it('gives every screen of the group the same item at the same true instant, a restarted one too', () => {
    const random = seeded(11);
    const epoch = 1_000_000;
    const estimates = SCREENS.map((s) => estimateClock(exchanges(s, epoch, 20, random)));
    // The middle screen restarts: a fresh estimate from only its first three exchanges after coming back.
    const restarted = estimateClock(exchanges(SCREENS[1] ?? SCREENS[0]!, epoch + 300_000, 3, random));
    for (let trueNow = epoch + 40_000; trueNow < epoch + 600_000; trueNow += 7_919) {
      const slots = [...estimates, restarted].map((e, i) => {
        if (!e) throw new Error('no estimate');
        return uniformSlot(sharedTime(localOf(SCREENS[i % 3] ?? SCREENS[1]!, trueNow), e), epoch, 15_000, 4);
      });
      const starts = slots.map((s) => s.startsAt);
      // Near a switch a screen may still be a few ms on the other side: then it is one item apart at most.
      if (new Set(starts).size > 1) expect(Math.max(...starts) - Math.min(...starts)).toBe(15_000);
      else expect(new Set(slots.map((s) => s.index)).size).toBe(1);
    }
  });
});

describe('video drift is corrected by playback rate, never a seek', () => {
  it('leaves a small error alone and closes a larger one gently', () => {
    expect(rateNudge(5)).toBe(1);
    expect(rateNudge(-5)).toBe(1);
    expect(rateNudge(20)).toBeCloseTo(0.98);
    expect(rateNudge(-20)).toBeCloseTo(1.02);
    expect(rateNudge(400)).toBeCloseTo(0.95);
    expect(rateNudge(-400)).toBeCloseTo(1.05);
  });
});
