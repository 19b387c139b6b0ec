import { estimateClock, localTimeFor, sharedTime, type ClockEstimate, type Exchange } from './shared-clock';

/**
 * Follows a reference clock (the console, or the local server that follows it) with
 * NTP-style exchanges: a burst of 8 at start, then one every 5 s. The edge supplies the
 * exchange, its own clock and a way to wait; this keeps the samples and reads the estimate.
 */
export interface FollowerDeps {
  /** One request to the reference: its readings when the request arrived and when the answer left. */
  exchange(): Promise<{ readonly received: number; readonly sent: number }>;
  /** The follower's own clock in ms (as fine-grained as the platform gives). */
  localNow(): number;
  /** Resolves after `ms` (or sooner once stopped). */
  wait(ms: number): Promise<void>;
  readonly burst?: number;
  readonly everyMs?: number;
  /** How many exchanges the estimate is read from (the skew window). */
  readonly keep?: number;
}

export interface FollowedClock {
  /** Shared time now; the follower's own clock until the first exchange answered. */
  now(): number;
  /** The follower's clock reading at which shared time reaches `sharedMs` (to aim a timer). */
  localFor(sharedMs: number): number;
  estimate(): ClockEstimate | undefined;
  /** Settles once the first burst is done (answered or not). */
  readonly ready: Promise<void>;
}

/**
 * A skew read over a short span is queueing noise, not drift: over a burst of a few ms it
 * can reach the 500 ppm clamp and put a screen 10 ms off within 20 s. Under a minute of
 * exchanges, the offset alone is used.
 */
export const MIN_SKEW_SPAN_MS = 60_000;

function steadied(estimate: ClockEstimate | undefined, samples: readonly Exchange[]): ClockEstimate | undefined {
  const first = samples[0];
  if (!estimate || !first || estimate.at - first.t0 >= MIN_SKEW_SPAN_MS) return estimate;
  return { ...estimate, skew: 0 };
}

export const SYNC_BURST = 8;
export const SYNC_EVERY_MS = 5000;
const KEEP = 120;

/** Whether the follower should stop (an AbortSignal fits). */
export interface Stop {
  readonly aborted: boolean;
}

export function followClock(deps: FollowerDeps, signal: Stop): FollowedClock {
  const samples: Exchange[] = [];
  let estimate: ClockEstimate | undefined;
  const sample = async (): Promise<void> => {
    try {
      const t0 = deps.localNow();
      const reply = await deps.exchange();
      const t3 = deps.localNow();
      samples.push({ t0, t1: reply.received, t2: reply.sent, t3 });
      samples.splice(0, Math.max(0, samples.length - (deps.keep ?? KEEP)));
      estimate = steadied(estimateClock(samples), samples);
    } catch {
      // An unanswered exchange changes nothing: the last estimate (or the own clock) holds.
    }
  };
  const ready = (async () => {
    for (let i = 0; i < (deps.burst ?? SYNC_BURST) && !signal.aborted; i++) await sample();
  })();
  void ready.then(async () => {
    while (!signal.aborted) {
      await deps.wait(deps.everyMs ?? SYNC_EVERY_MS);
      if (!signal.aborted) await sample();
    }
  });
  return {
    now: () => (estimate ? sharedTime(deps.localNow(), estimate) : deps.localNow()),
    localFor: (sharedMs) => (estimate ? localTimeFor(sharedMs, estimate) : sharedMs),
    estimate: () => estimate,
    ready,
  };
}
