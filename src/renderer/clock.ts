import { clockTimeMs, parseClockParams, type ClockParams } from './clock-params';

/**
 * The renderer's single source of time. The scheduler and every timer go through it so a
 * fake clock (`?now=…&rate=…`) drives the whole player consistently.
 */
export interface Clock {
  readonly rate: number;
  now(): Date;
  /** Waits `clockMs` of clock time (real time divided by the rate). */
  sleep(clockMs: number, signal: AbortSignal): Promise<void>;
}

export function createClock(params: ClockParams): Clock {
  const originReal = Date.now();
  return {
    rate: params.rate,
    now: () => new Date(clockTimeMs(params, originReal, Date.now())),
    sleep: (clockMs, signal) => abortableDelay(clockMs / params.rate, signal),
  };
}

export function clockFromLocation(): Clock {
  return createClock(parseClockParams(window.location.search));
}

/** Resolves after `ms` real milliseconds, or at once (resolving) when the signal aborts. */
export function abortableDelay(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal.aborted) return resolve();
    const timer = window.setTimeout(done, Math.max(0, ms));
    signal.addEventListener('abort', done, { once: true });
    function done(): void {
      window.clearTimeout(timer);
      signal.removeEventListener('abort', done);
      resolve();
    }
  });
}
