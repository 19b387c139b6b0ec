import { followClock, type FollowedClock } from '../../core/sync/clock-follower';
import { callRoute } from '../api/client';
import { abortableDelay } from '../clock';

/**
 * The page's reading of the sync group's time base (docs/sync.md): NTP-style exchanges with
 * its own server's `/api/time` (which follows the console), 8 at start, then one every 5 s.
 * One per page; it starts when a synced stage first asks for it.
 */
export const localNow = (): number => performance.timeOrigin + performance.now();

let shared: FollowedClock | undefined;
const stop = new AbortController();

async function exchange(): Promise<{ received: number; sent: number }> {
  const reply = await callRoute('time');
  if (!reply.ok) throw new Error(reply.error);
  return reply.value;
}

export function sharedClock(): FollowedClock {
  shared ??= followClock({ exchange, localNow, wait: (ms) => abortableDelay(ms, stop.signal) }, stop.signal);
  return shared;
}

/**
 * Resolves at the local instant the shared clock reaches `sharedMs`: a timer aimed at the
 * instant (re-aimed if it fires early, as timers may), not a poll.
 */
export function untilShared(clock: FollowedClock, sharedMs: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    let timer = 0;
    const done = (): void => {
      window.clearTimeout(timer);
      signal.removeEventListener('abort', done);
      resolve();
    };
    const aim = (): void => {
      const left = clock.localFor(sharedMs) - localNow();
      if (left <= 0 || signal.aborted) done();
      else timer = window.setTimeout(aim, left);
    };
    signal.addEventListener('abort', done, { once: true });
    aim();
  });
}
