import { setTimeout as delay } from 'node:timers/promises';
import { performance } from 'node:perf_hooks';
import { TimeReply } from '../../core/api/contract';
import { consoleRoutes } from '../../core/console/contract';
import { followClock, type FollowedClock } from '../../core/sync/clock-follower';

/**
 * The screen's shared time base (docs/sync.md): the console's clock, followed by NTP-style
 * exchanges with its public time route. The local server answers the page's `/api/time`
 * with it, so every screen of a sync group reads one time base; no screen is a master.
 */
export interface ClockSyncOptions {
  /** Any URL on the console (the publisher URL): its origin answers the time route. */
  readonly consoleUrl: string;
  readonly fetch?: typeof globalThis.fetch;
  readonly signal: AbortSignal;
}

/** Wall-clock ms at sub-millisecond resolution. */
const localNow = (): number => performance.timeOrigin + performance.now();

export function timeUrlOf(consoleUrl: string): string {
  return new URL(consoleRoutes.time.path, consoleUrl).href;
}

export function startClockSync(o: ClockSyncOptions): FollowedClock {
  const fetcher = o.fetch ?? globalThis.fetch;
  const url = timeUrlOf(o.consoleUrl);
  return followClock(
    {
      exchange: async () => {
        const response = await fetcher(url, { signal: AbortSignal.any([o.signal, AbortSignal.timeout(2000)]) });
        if (!response.ok) throw new Error(`time: HTTP ${response.status}`);
        return TimeReply.parse(await response.json());
      },
      localNow,
      wait: (ms) => delay(ms, undefined, { signal: o.signal }).catch(() => undefined),
    },
    o.signal,
  );
}

/** The local clock as a shared time base, for screens with no console to follow. */
export const ownClock = (): FollowedClock => ({
  now: localNow,
  localFor: (sharedMs) => sharedMs,
  estimate: () => undefined,
  ready: Promise.resolve(),
});

/**
 * Shared time for the local server's `/api/time`: following the console starts at the first
 * question (only a synced stage asks), so screens that never play in step never poll it.
 */
export function lazySharedClock(consoleUrl: string | undefined, signal: AbortSignal): () => number {
  let clock: FollowedClock | undefined;
  return () => {
    clock ??= consoleUrl ? startClockSync({ consoleUrl, signal }) : ownClock();
    return clock.now();
  };
}
