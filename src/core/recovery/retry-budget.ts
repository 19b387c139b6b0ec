import { assertNever } from '../assert-never';

/**
 * Renderer recovery: a crashed, killed, out-of-memory or hung renderer is reloaded, a few
 * times; past the budget the whole app restarts, and past the restart budget (a real crash
 * loop) it keeps reloading with a growing pause instead, so the box never spins.
 */

export type RendererSignal =
  | { readonly kind: 'gone'; readonly reason: string; readonly exitCode: number }
  | { readonly kind: 'unresponsive' }
  | { readonly kind: 'hung'; readonly silentMs: number };

export type RendererAction =
  | { readonly kind: 'reload'; readonly crashFirst: boolean; readonly delayMs: number; readonly reason: string }
  | { readonly kind: 'relaunch'; readonly reason: string }
  | { readonly kind: 'ignore'; readonly reason: string };

export interface RetryPolicy {
  /** Reloads allowed inside `windowMs` before the app restarts itself. */
  readonly maxReloads: number;
  readonly windowMs: number;
  /** App restarts allowed inside `relaunchWindowMs` (remembered across restarts). */
  readonly maxRelaunches: number;
  readonly relaunchWindowMs: number;
  /** Pause before a reload once the restart budget is spent. */
  readonly backoffBaseMs: number;
  readonly backoffMaxMs: number;
  /** We crash a hung renderer ourselves; the `gone` event that follows is not a new failure. */
  readonly forcedCrashEchoMs: number;
}

export const defaultRetryPolicy: RetryPolicy = {
  maxReloads: 3,
  windowMs: 10 * 60_000,
  maxRelaunches: 3,
  relaunchWindowMs: 60 * 60_000,
  backoffBaseMs: 30_000,
  backoffMaxMs: 10 * 60_000,
  forcedCrashEchoMs: 10_000,
};

export interface RendererRecoveryState {
  /** Times of recent renderer failures (ms since epoch). */
  readonly failures: readonly number[];
  readonly forcedCrashAt: number | null;
}

export const initialRendererRecovery: RendererRecoveryState = { failures: [], forcedCrashAt: null };

export function describeSignal(signal: RendererSignal): string {
  switch (signal.kind) {
    case 'gone':
      return `renderer process gone (${signal.reason}, exit code ${signal.exitCode})`;
    case 'unresponsive':
      return 'renderer unresponsive';
    case 'hung':
      return `renderer hung (no heartbeat for ${Math.round(signal.silentMs / 1000)} s)`;
    default:
      return assertNever(signal, 'renderer signal');
  }
}

export const withinWindow = (times: readonly number[], now: number, windowMs: number): number[] =>
  times.filter((t) => t <= now && now - t < windowMs);

export function decideRendererRecovery(
  state: RendererRecoveryState,
  signal: RendererSignal,
  now: number,
  policy: RetryPolicy = defaultRetryPolicy,
): { readonly state: RendererRecoveryState; readonly action: RendererAction } {
  const reason = describeSignal(signal);
  const echo =
    signal.kind === 'gone' && state.forcedCrashAt !== null && now - state.forcedCrashAt < policy.forcedCrashEchoMs;
  if (echo) {
    return { state: { ...state, forcedCrashAt: null }, action: { kind: 'ignore', reason: `${reason}: crashed on purpose, already reloading` } };
  }
  const failures = [...withinWindow(state.failures, now, policy.windowMs), now];
  if (failures.length > policy.maxReloads) {
    const minutes = Math.round(policy.windowMs / 60_000);
    return {
      state: initialRendererRecovery,
      action: { kind: 'relaunch', reason: `${reason}; ${failures.length} failures in ${minutes} min` },
    };
  }
  const crashFirst = signal.kind !== 'gone';
  return {
    state: { failures, forcedCrashAt: crashFirst ? now : state.forcedCrashAt },
    action: { kind: 'reload', crashFirst, delayMs: 0, reason },
  };
}

/**
 * Whether a restart the renderer budget asked for may happen, given the restarts already
 * made (persisted, since each restart is a new process). When the budget is spent the
 * answer is a reload after a pause that doubles with each back-off this process already made.
 */
export function decideRelaunch(
  relaunches: readonly number[],
  backoffsSoFar: number,
  now: number,
  policy: RetryPolicy = defaultRetryPolicy,
):
  | { readonly kind: 'relaunch'; readonly relaunches: readonly number[] }
  | { readonly kind: 'back-off'; readonly delayMs: number; readonly relaunches: readonly number[] } {
  const recent = withinWindow(relaunches, now, policy.relaunchWindowMs);
  if (recent.length < policy.maxRelaunches) return { kind: 'relaunch', relaunches: [...recent, now] };
  const delayMs = Math.min(policy.backoffMaxMs, policy.backoffBaseMs * 2 ** Math.min(backoffsSoFar, 20));
  return { kind: 'back-off', delayMs, relaunches: recent };
}
