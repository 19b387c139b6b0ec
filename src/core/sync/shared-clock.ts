/**
 * A clock screens share: each screen's offset to the console (or to the local server that
 * asks the console), from NTP-style exchanges, with a skew estimate. Pure maths: the edge
 * takes the four timestamps, these decide what they mean.
 */

/** One exchange, in milliseconds: t0 screen sends, t1 server receives, t2 server answers, t3 screen receives. */
export interface Exchange {
  readonly t0: number;
  readonly t1: number;
  readonly t2: number;
  readonly t3: number;
}

/** The server's clock minus the screen's, for this exchange (NTP's θ). */
export const offsetOf = (e: Exchange): number => (e.t1 - e.t0 + (e.t2 - e.t3)) / 2;

/** Time on the wire both ways (NTP's δ): the server's own handling time is left out. */
export const delayOf = (e: Exchange): number => e.t3 - e.t0 - (e.t2 - e.t1);

export interface ClockEstimate {
  /** Add to the screen's clock to read the shared one, at `at`. */
  readonly offsetMs: number;
  /** How fast the offset grows, in ms per ms of screen time (parts per million × 1e-6). */
  readonly skew: number;
  /** The screen time the estimate refers to. */
  readonly at: number;
  /** The true offset lies within this of `offsetMs` (half the best exchange's delay). */
  readonly boundMs: number;
  readonly samples: number;
}

/** The exchanges least disturbed by queueing: the shortest third of delays, at least one. */
function quickest(exchanges: readonly Exchange[]): Exchange[] {
  const sorted = [...exchanges].sort((a, b) => delayOf(a) - delayOf(b));
  return sorted.slice(0, Math.max(1, Math.ceil(sorted.length / 3)));
}

function median(values: readonly number[]): number {
  const s = [...values].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 === 1 ? (s[mid] ?? 0) : ((s[mid - 1] ?? 0) + (s[mid] ?? 0)) / 2;
}

/**
 * Skew between the quickest exchange of the oldest quarter and of the newest quarter: a
 * slope through all of them would follow the queueing noise, far larger than any drift.
 */
function skewOf(exchanges: readonly Exchange[]): number {
  if (exchanges.length < 4) return 0;
  const byTime = [...exchanges].sort((a, b) => a.t0 - b.t0);
  const quarter = Math.floor(byTime.length / 4);
  const [older] = quickest(byTime.slice(0, quarter));
  const [newer] = quickest(byTime.slice(-quarter));
  if (!older || !newer) return 0;
  const span = (newer.t0 + newer.t3) / 2 - (older.t0 + older.t3) / 2;
  return span > 0 ? (offsetOf(newer) - offsetOf(older)) / span : 0;
}

/** Exchanges the offset is read from: the newest, so an error in the skew is carried only briefly. */
const RECENT = 8;
/** Quartz clocks drift by tens of parts per million; more than this is noise, not drift. */
const MAX_SKEW = 500e-6;

/**
 * The offset from the quickest of the recent exchanges (their median, so one odd answer does
 * not move it), the skew across the whole window; undefined until there is an exchange.
 */
export function estimateClock(exchanges: readonly Exchange[]): ClockEstimate | undefined {
  if (exchanges.length === 0) return undefined;
  const byTime = [...exchanges].sort((a, b) => a.t0 - b.t0);
  const best = quickest(byTime.slice(-RECENT));
  const at = Math.max(...exchanges.map((e) => e.t3));
  const skew = Math.max(-MAX_SKEW, Math.min(MAX_SKEW, skewOf(byTime)));
  // Each quick offset is carried forward to `at` along the skew before taking the median.
  const offsetMs = median(best.map((e) => offsetOf(e) + skew * (at - (e.t0 + e.t3) / 2)));
  return { offsetMs, skew, at, boundMs: Math.min(...best.map(delayOf)) / 2, samples: exchanges.length };
}

/** The shared time for a reading of the screen's own clock. */
export const sharedTime = (localMs: number, e: ClockEstimate): number => localMs + e.offsetMs + e.skew * (localMs - e.at);

/** The screen-clock reading at which the shared clock shows `sharedMs` (to set a timer). */
export const localTimeFor = (sharedMs: number, e: ClockEstimate): number => (sharedMs - e.offsetMs + e.skew * e.at) / (1 + e.skew);
