import { mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { app, Menu, powerSaveBlocker, session } from 'electron';
import { hardwareAccelerationOff } from '../core/recovery/gpu-fallback';
import { decideRelaunch } from '../core/recovery/retry-budget';
import { readShellOptions } from '../core/recovery/shell-options';
import type { ShellState } from '../core/recovery/shell-state';
import { installAppProtocol, registerAppScheme } from './app-protocol';
import { loadStoredConfig, readConfigFile, resolveConfigSource, withJoinedConfig, type OpenStore } from './device-config';
import { joinFromTokenFile } from '../node/fleet/token-file';
import { hardenSession, hardenWebContents } from './hardening';
import { wireGpuRecovery, wireRendererRecovery, type ShellStateStore } from './recovery-wiring';
import type { CreateShellRuntime, ShellRuntime } from './runtime-port';
import { readShellState, SHELL_STATE_FILE, writeShellState } from './shell-state-file';
import { captureJpeg } from './screenshot';
import { createKioskWindow, type KioskWindow } from './window-controller';
import { errorMessage } from '../core/result';

/** Fixed so config and logs live in one known place whatever the product name says. */
export const USER_DATA_DIR_NAME = 'anti-fraud-kiosk';
export const CLOSE_TIMEOUT_MS = 3_000;
export const FATAL_RESTART_MS = 5_000;
/** EX_TEMPFAIL: "try again", for a supervisor that restarts the kiosk (Restart=always). */
export const SUPERVISED_RESTART_CODE = 75;

export interface ShellDeps {
  readonly createRuntime: CreateShellRuntime;
  readonly openStore: OpenStore;
  readonly preloadPath: string;
  readonly argv: readonly string[];
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly cwd: string;
  readonly resourcesPath: string;
  readonly platform: NodeJS.Platform;
  readonly timeZone: string;
  readonly now: () => number;
  readonly log: (message: string) => void;
}

export interface KioskHandle {
  readonly runtime: ShellRuntime;
  readonly window: KioskWindow;
  leaveKiosk(): void;
}

/** What lives from before `ready` to the end of the process. */
class Boot {
  readonly warnings: string[] = [];
  placementWarnings: readonly string[] = [];
  runtime: ShellRuntime | null = null;
  quitting = false;
  private relaunching = false;
  private readonly queued: string[] = [];
  private state: ShellState;

  constructor(
    readonly deps: ShellDeps,
    readonly userData: string,
    private readonly statePath: string,
  ) {
    const read = readShellState(statePath);
    this.state = read.state;
    if (read.warning !== null) this.warnings.push(read.warning);
  }

  readonly shellState: ShellStateStore = {
    get: () => this.state,
    set: (next) => {
      this.state = next;
      try {
        writeShellState(this.statePath, next);
      } catch (error) {
        this.deps.log(`could not save ${this.statePath}: ${String(error)}`);
      }
    },
  };

  /** Every recovery goes to the log; to the runtime's record once it exists. */
  readonly record = (reason: string): void => {
    this.deps.log(`recovery: ${reason}`);
    if (this.runtime) this.runtime.recordRecovery(reason);
    else this.queued.push(reason);
  };

  attach(runtime: ShellRuntime): void {
    this.runtime = runtime;
    for (const reason of this.queued.splice(0)) runtime.recordRecovery(reason);
  }

  /** `app.relaunch()` only schedules the new process; `app.exit()` ends this one. */
  readonly relaunch = (reason: string): void => {
    if (this.relaunching) return;
    this.relaunching = true;
    this.deps.log(`restarting the app: ${reason}`);
    void withTimeout(this.runtime ? this.runtime.close() : Promise.resolve(), CLOSE_TIMEOUT_MS)
      .catch(() => undefined)
      .finally(() => {
        // Under a supervisor (the systemd unit) a spawned copy would be killed with this
        // process's cgroup: exit with a code that asks the supervisor to start us again.
        if (this.deps.env['KIOSK_SUPERVISED'] === '1') return app.exit(SUPERVISED_RESTART_CODE);
        app.relaunch();
        app.exit(0);
      });
  };
}

/**
 * Everything that must happen before `ready`: the user-data folder, the GPU decision from
 * the last run, the privileged scheme, the single-instance lock. Resolves to null in a
 * second instance (which quits at once) and when start-up failed (a restart is scheduled).
 */
export function startKiosk(deps: ShellDeps): Promise<KioskHandle | null> {
  const userData = join(app.getPath('appData'), USER_DATA_DIR_NAME);
  app.setPath('userData', userData);
  mkdirSync(userData, { recursive: true });
  const boot = new Boot(deps, userData, join(userData, SHELL_STATE_FILE));
  applyGpuDecision(boot);
  registerAppScheme();
  if (!app.requestSingleInstanceLock()) {
    deps.log('another kiosk is already running on this machine; quitting');
    app.quit();
    return Promise.resolve(null);
  }
  app.on('before-quit', () => (boot.quitting = true));
  app.on('window-all-closed', () => app.quit());
  app.on('web-contents-created', (_event, wc) => hardenWebContents(wc, deps.log));
  const appVersion = app.getVersion();
  wireGpuRecovery({ app, now: deps.now, appVersion, shellState: boot.shellState, record: boot.record, relaunch: boot.relaunch });
  return app
    .whenReady()
    .then(() => onReady(boot))
    .catch((error: unknown) => restartAfterFatal(boot, error));
}

function applyGpuDecision(boot: Boot): void {
  const state = boot.shellState.get();
  if (!hardwareAccelerationOff(state, app.getVersion())) return;
  app.disableHardwareAcceleration();
  boot.warnings.push(`hardware acceleration is off since ${state.gpu.disabledAt ?? '?'} (${state.gpu.reason ?? 'GPU crashes'})`);
}

async function onReady(boot: Boot): Promise<KioskHandle> {
  const { deps } = boot;
  hardenSession(session.defaultSession);
  Menu.setApplicationMenu(null);
  let kiosk: KioskWindow | null = null;
  const runtime = await createRuntime(boot, () => kiosk?.leaveKiosk(), () => captureJpeg(kiosk?.win.webContents));
  installAppProtocol((req) => runtime.app.fetch(req), deps.log);
  const options = readShellOptions(runtime.config);
  boot.warnings.push(...options.warnings);
  for (const w of boot.warnings) deps.log(`warning: ${w}`);
  applyLoginItem(options.options.autostart, deps.platform);
  powerSaveBlocker.start('prevent-display-sleep');
  const opened = createKioskWindow({
    placement: runtime.config.window,
    preloadPath: deps.preloadPath,
    devTools: !app.isPackaged,
    isQuitting: () => boot.quitting,
    log: deps.log,
    onPlacement: (decision) => (boot.placementWarnings = decision.warnings),
  });
  kiosk = opened;
  app.on('second-instance', () => !opened.win.isDestroyed() && opened.win.focus());
  wireRendererRecovery({
    wc: opened.win.webContents,
    now: deps.now,
    record: boot.record,
    lastHeartbeat: () => runtime.lastHeartbeat(),
    shellState: boot.shellState,
    options: options.options,
    timeZone: deps.timeZone,
    relaunch: boot.relaunch,
    isQuitting: () => boot.quitting,
  });
  closeRuntimeOnQuit(runtime, deps.log);
  return { runtime, window: opened, leaveKiosk: opened.leaveKiosk };
}

async function createRuntime(boot: Boot, leaveKiosk: () => void, capture: () => Promise<Uint8Array | undefined>): Promise<ShellRuntime> {
  const { deps } = boot;
  const source = resolveConfigSource(deps.argv, deps.env, deps.cwd);
  const dataDir = join(boot.userData, 'data');
  // A token file beside the config (or beside the store's config.json) joins the screen once.
  const joined = await joinFromTokenFile({ tokenDir: source.kind === 'file' ? dirname(source.path) : boot.userData, dataDir });
  for (const line of joined.lines) deps.log(line);
  boot.warnings.push(...joined.warnings);
  const stored = source.kind === 'store' ? loadStoredConfig(boot.userData, deps.openStore, deps.now()) : null;
  if (stored) boot.warnings.push(...stored.warnings);
  const appRoot = app.getAppPath();
  const config = joined.configPath
    ? { configOverride: withJoinedConfig(source.kind === 'file' ? readConfigFile(source.path, boot.warnings) : stored?.raw, joined.configPath, boot.warnings) }
    : source.kind === 'file' ? { configPath: source.path } : { configOverride: stored?.raw };
  const runtime = await deps.createRuntime({
    appRoot,
    contentRoot: app.isPackaged ? deps.resourcesPath : appRoot,
    dataDir,
    ...config,
    shellWarnings: () => [...boot.warnings, ...boot.placementWarnings],
    onExitRequest: leaveKiosk,
    capture,
  });
  boot.attach(runtime);
  return runtime;
}

function applyLoginItem(autostart: boolean | null, platform: NodeJS.Platform): void {
  // On Linux, start at boot is the systemd user unit or the XDG autostart file.
  if (autostart === null || (platform !== 'win32' && platform !== 'darwin')) return;
  app.setLoginItemSettings({ openAtLogin: autostart });
}

function closeRuntimeOnQuit(runtime: ShellRuntime, log: (message: string) => void): void {
  let closed = false;
  app.on('will-quit', (event) => {
    if (closed) return;
    event.preventDefault();
    void withTimeout(runtime.close(), CLOSE_TIMEOUT_MS)
      .catch((error: unknown) => log(`closing the runtime failed: ${String(error)}`))
      .finally(() => {
        closed = true;
        app.quit();
      });
  });
}

/** A start-up that throws would leave a black screen: restart, more slowly each time. */
function restartAfterFatal(boot: Boot, error: unknown): null {
  const message = error instanceof Error ? (error.stack ?? error.message) : String(error);
  boot.deps.log(`start-up failed: ${message}`);
  const shell = boot.shellState.get();
  const verdict = decideRelaunch(shell.relaunches, 0, boot.deps.now());
  boot.shellState.set({ ...shell, relaunches: [...verdict.relaunches] });
  const delayMs = verdict.kind === 'relaunch' ? FATAL_RESTART_MS : verdict.delayMs;
  setTimeout(() => boot.relaunch(`start-up failed: ${errorMessage(error)}`), delayMs);
  return null;
}

function withTimeout(work: Promise<void>, ms: number): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    const timer = setTimeout(resolve, ms);
    work.then(
      () => (clearTimeout(timer), resolve()),
      (error: unknown) => (clearTimeout(timer), reject(error)),
    );
  });
}
