import type { App, WebContents } from 'electron';
import { judgeHeartbeat } from '../core/recovery/heartbeat';
import { decideNightlyReload, nightlyStartDate } from '../core/recovery/nightly-reload';
import {
  decideRelaunch,
  decideRendererRecovery,
  defaultRetryPolicy,
  initialRendererRecovery,
  type RendererSignal,
  type RetryPolicy,
} from '../core/recovery/retry-budget';
import { decideGpuCrash } from '../core/recovery/gpu-fallback';
import type { ShellOptions } from '../core/recovery/shell-options';
import type { ShellState } from '../core/recovery/shell-state';

/** The shell state with its file behind it: `set` persists. */
export interface ShellStateStore {
  get(): ShellState;
  set(state: ShellState): void;
}

export interface RendererRecoveryDeps {
  readonly wc: WebContents;
  readonly now: () => number;
  readonly record: (reason: string) => void;
  readonly lastHeartbeat: () => number;
  readonly shellState: ShellStateStore;
  readonly options: ShellOptions;
  readonly timeZone: string;
  /** Restart the whole app (close the runtime, `app.relaunch()`, `app.exit(0)`). */
  readonly relaunch: (reason: string) => void;
  readonly isQuitting: () => boolean;
  readonly policy?: RetryPolicy;
  readonly heartbeatCheckMs?: number;
}

export const NIGHTLY_CHECK_MS = 60_000;

/** Listens for a dead, stuck or silent renderer and acts on what core decides. */
export function wireRendererRecovery(deps: RendererRecoveryDeps): { dispose(): void } {
  const watchdog = new RendererWatchdog(deps);
  const onGone = (_event: unknown, details: Electron.RenderProcessGoneDetails): void =>
    watchdog.handle({ kind: 'gone', reason: details.reason, exitCode: details.exitCode });
  const onUnresponsive = (): void => watchdog.handle({ kind: 'unresponsive' });
  deps.wc.on('render-process-gone', onGone);
  deps.wc.on('unresponsive', onUnresponsive);
  const heartbeatTimer = setInterval(() => watchdog.checkHeartbeat(), deps.heartbeatCheckMs ?? 5_000);
  const nightlyTimer = setInterval(() => watchdog.checkNightly(), NIGHTLY_CHECK_MS);
  return {
    dispose() {
      clearInterval(heartbeatTimer);
      clearInterval(nightlyTimer);
      watchdog.cancel();
      deps.wc.off('render-process-gone', onGone);
      deps.wc.off('unresponsive', onUnresponsive);
    },
  };
}

class RendererWatchdog {
  private readonly policy: RetryPolicy;
  private state = initialRendererRecovery;
  private loadedAt: number;
  private pending: ReturnType<typeof setTimeout> | null = null;
  private backoffs = 0;
  private nightlyDate: string | null;
  // Armed by the first beat that changes the runtime's value, whatever it starts at.
  private readonly initialBeat: number;
  private armed = false;

  constructor(private readonly deps: RendererRecoveryDeps) {
    this.policy = deps.policy ?? defaultRetryPolicy;
    this.loadedAt = deps.now();
    this.nightlyDate = nightlyStartDate(this.loadedAt, deps.options.nightlyReload, deps.timeZone);
    this.initialBeat = deps.lastHeartbeat();
  }

  handle(signal: RendererSignal): void {
    if (this.deps.isQuitting() || this.pending !== null) return;
    const decision = decideRendererRecovery(this.state, signal, this.deps.now(), this.policy);
    this.state = decision.state;
    const action = decision.action;
    if (action.kind === 'ignore') return;
    if (action.kind === 'relaunch') return this.escalate(action.reason);
    this.deps.record(`${action.reason}: reloading`);
    if (action.delayMs > 0) this.pending = setTimeout(() => this.reload(action.crashFirst), action.delayMs);
    else this.reload(action.crashFirst);
  }

  checkHeartbeat(): void {
    const beat = this.deps.lastHeartbeat();
    this.armed ||= beat !== this.initialBeat;
    const verdict = judgeHeartbeat({
      now: this.deps.now(),
      lastBeatAt: this.armed ? beat : 0,
      loadedAt: this.loadedAt,
      timeoutMs: this.deps.options.heartbeatTimeoutMs,
    });
    if (verdict.kind === 'hung') this.handle({ kind: 'hung', silentMs: verdict.silentMs });
  }

  checkNightly(): void {
    const { options, timeZone } = this.deps;
    const verdict = decideNightlyReload({ now: this.deps.now(), at: options.nightlyReload, timeZone, lastDate: this.nightlyDate });
    if (verdict.kind !== 'due' || this.pending !== null || this.deps.isQuitting()) return;
    this.nightlyDate = verdict.date;
    this.deps.record(verdict.reason);
    this.reload(false);
  }

  cancel(): void {
    if (this.pending !== null) clearTimeout(this.pending);
    this.pending = null;
  }

  private reload(crashFirst: boolean): void {
    this.pending = null;
    if (this.deps.wc.isDestroyed()) return;
    if (crashFirst) this.deps.wc.forcefullyCrashRenderer();
    this.deps.wc.reload();
    this.loadedAt = this.deps.now();
  }

  /** The reload budget is spent: restart the app, unless restarts are what keeps failing. */
  private escalate(reason: string): void {
    const shell = this.deps.shellState.get();
    const verdict = decideRelaunch(shell.relaunches, this.backoffs, this.deps.now(), this.policy);
    this.deps.shellState.set({ ...shell, relaunches: [...verdict.relaunches] });
    if (verdict.kind === 'relaunch') {
      this.deps.record(`${reason}: restarting the app`);
      this.deps.relaunch(reason);
      return;
    }
    this.backoffs += 1;
    const seconds = Math.round(verdict.delayMs / 1000);
    this.deps.record(`${reason}: restarted ${verdict.relaunches.length} times within the hour; reloading in ${seconds} s`);
    this.pending = setTimeout(() => this.reload(true), verdict.delayMs);
  }
}

export interface GpuRecoveryDeps {
  readonly app: App;
  readonly now: () => number;
  readonly appVersion: string;
  readonly shellState: ShellStateStore;
  readonly record: (reason: string) => void;
  readonly relaunch: (reason: string) => void;
}

/** Repeated GPU process crashes: remember to start without hardware acceleration, and restart. */
export function wireGpuRecovery(deps: GpuRecoveryDeps): void {
  deps.app.on('child-process-gone', (_event, details) => {
    if (details.type !== 'GPU') return;
    const decision = decideGpuCrash(deps.shellState.get(), details, deps.now(), deps.appVersion);
    deps.shellState.set(decision.state);
    deps.record(decision.action.reason);
    if (decision.action.kind === 'relaunch-without-gpu') deps.relaunch(decision.action.reason);
  });
}
