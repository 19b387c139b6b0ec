/**
 * Delay before the next attempt after `failures` failures in a row: exponential from
 * `baseMs`, capped at the poll interval, with jitter so many screens do not retry in step.
 * `random` is in [0, 1).
 */
export function backoffMs(failures: number, baseMs: number, capMs: number, random: number): number {
  if (failures <= 0) return capMs;
  const exp = Math.min(capMs, baseMs * 2 ** Math.min(failures - 1, 30));
  return Math.round(exp / 2 + (exp / 2) * random);
}
