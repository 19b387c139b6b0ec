/**
 * Screens of one sync group need no message per switch: the loop is fixed by the shared
 * clock. Item k of the endless loop starts at `epoch + k·duration`; with items of different
 * lengths, at the epoch plus whole loops plus the lengths before it.
 */

export interface LoopSlot {
  /** Which item of the loop plays. */
  readonly index: number;
  /** How many items have started since the epoch (item k), this one included from 0. */
  readonly k: number;
  /** Shared time it started and ends, in ms. */
  readonly startsAt: number;
  readonly endsAt: number;
}

/** Item k of a loop of equal items: its shared start is exactly epoch + k·duration. */
export function uniformSlot(sharedMs: number, epochMs: number, durationMs: number, count: number): LoopSlot {
  const k = Math.floor((sharedMs - epochMs) / durationMs);
  const startsAt = epochMs + k * durationMs;
  return { index: ((k % count) + count) % count, k, startsAt, endsAt: startsAt + durationMs };
}

/** The slot playing at `sharedMs` in a loop of items with their own lengths (each > 0). */
export function loopSlot(sharedMs: number, epochMs: number, durationsMs: readonly number[]): LoopSlot {
  const loopMs = durationsMs.reduce((n, d) => n + d, 0);
  if (durationsMs.length === 0 || loopMs <= 0) throw new RangeError('a loop needs items with positive lengths');
  const loops = Math.floor((sharedMs - epochMs) / loopMs);
  let startsAt = epochMs + loops * loopMs;
  for (let index = 0; index < durationsMs.length; index++) {
    const d = durationsMs[index] ?? 0;
    if (sharedMs < startsAt + d) return { index, k: loops * durationsMs.length + index, startsAt, endsAt: startsAt + d };
    startsAt += d;
  }
  // Rounding at the loop's very end: the next loop's first item.
  return { index: 0, k: (loops + 1) * durationsMs.length, startsAt, endsAt: startsAt + (durationsMs[0] ?? 0) };
}

/**
 * How to bring a playing video back in step without a seek: its position is `aheadMs` ahead
 * of where the shared clock says it should be. Small errors are left alone; larger ones are
 * closed by a playback rate a few per cent off 1, which viewers do not notice.
 */
export function rateNudge(aheadMs: number, o: { readonly deadbandMs?: number; readonly maxChange?: number; readonly closeInMs?: number } = {}): number {
  const deadband = o.deadbandMs ?? 8;
  const max = o.maxChange ?? 0.05;
  if (Math.abs(aheadMs) <= deadband) return 1;
  // Close the gap over closeInMs of playing: rate − 1 = −ahead / closeIn, within ±max.
  const change = -aheadMs / (o.closeInMs ?? 1000);
  return 1 + Math.max(-max, Math.min(max, change));
}
