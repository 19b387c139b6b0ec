import { withinWindow } from './retry-budget';
import type { ShellState } from './shell-state';

/**
 * A GPU process that keeps crashing (driver bugs on old lobby PCs are common) is worked
 * around by restarting once with hardware acceleration off; the choice is remembered.
 */
export interface GpuPolicy {
  readonly maxCrashes: number;
  readonly windowMs: number;
}

export const defaultGpuPolicy: GpuPolicy = { maxCrashes: 3, windowMs: 30 * 60_000 };

export type GpuAction =
  | { readonly kind: 'none'; readonly reason: string }
  | { readonly kind: 'relaunch-without-gpu'; readonly reason: string };

export function decideGpuCrash(
  state: ShellState,
  crash: { readonly reason: string; readonly exitCode: number },
  now: number,
  appVersion: string,
  policy: GpuPolicy = defaultGpuPolicy,
): { readonly state: ShellState; readonly action: GpuAction } {
  const what = `GPU process gone (${crash.reason}, exit code ${crash.exitCode})`;
  if (crash.reason === 'clean-exit') return { state, action: { kind: 'none', reason: `${what}: not a crash` } };
  if (hardwareAccelerationOff(state, appVersion)) {
    return { state, action: { kind: 'none', reason: `${what}; hardware acceleration is already off` } };
  }
  const crashes = [...withinWindow(state.gpu.crashes, now, policy.windowMs), now];
  if (crashes.length < policy.maxCrashes) {
    return { state: { ...state, gpu: { ...state.gpu, crashes } }, action: { kind: 'none', reason: `${what}; ${crashes.length} of ${policy.maxCrashes} allowed` } };
  }
  const reason = `${what}; ${crashes.length} GPU crashes in ${Math.round(policy.windowMs / 60_000)} min: restarting with hardware acceleration off`;
  const gpu = { crashes: [], disabled: true, disabledAt: new Date(now).toISOString(), reason, appVersion };
  return { state: { ...state, gpu }, action: { kind: 'relaunch-without-gpu', reason } };
}

/** Read before `app` is ready: `disableHardwareAcceleration()` only works then. */
export function hardwareAccelerationOff(state: ShellState, appVersion: string): boolean {
  return state.gpu.disabled && state.gpu.appVersion === appVersion;
}
