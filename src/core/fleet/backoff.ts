/**
 * Reconnect delay with "full jitter" (AWS architecture blog, Brooker 2015): uniform in
 * [0, min(cap, base·2^attempt)). Spreading over the whole window, not only its upper half,
 * is what keeps 1,000 screens from reconnecting in step after a broker restart.
 * `random` is in [0, 1).
 */
export function fullJitterMs(attempt: number, baseMs: number, capMs: number, random: number): number {
  const window = Math.min(capMs, baseMs * 2 ** Math.min(Math.max(attempt, 0), 30));
  return Math.floor(window * Math.min(Math.max(random, 0), 0.999_999));
}
