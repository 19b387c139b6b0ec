import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { vi } from 'vitest';
import { DeviceConfig } from '../../src/core/model/config';
import type { KioskHandle, ShellDeps } from '../../src/main/app-shell';
import type { ShellRuntime, ShellRuntimeOptions } from '../../src/main/runtime-port';
import type { OpenStore, StoreLike } from '../../src/main/device-config';
import { BrowserWindow, resetFakeElectron } from './fake-electron';

export interface Harness {
  readonly appData: string;
  readonly userData: string;
  readonly runtime: ShellRuntime & {
    recordRecovery: ReturnType<typeof vi.fn>;
    close: ReturnType<typeof vi.fn>;
    app: { fetch: ReturnType<typeof vi.fn> };
  };
  readonly runtimeOptions: () => ShellRuntimeOptions;
  readonly deps: ShellDeps;
  readonly clock: { now: number };
  readonly beat: { at: number };
  readonly logs: string[];
  readonly window: () => BrowserWindow;
}

/** A store kept in memory; the device-config tests use a real `conf` store instead. */
export const memoryStore: OpenStore = () => {
  let data: Record<string, unknown> = {};
  const store: StoreLike = {
    get store() {
      return data;
    },
    set store(value) {
      data = value;
    },
  };
  return store;
};

export function makeHarness(config: unknown = {}, overrides: Partial<ShellDeps> = {}, appData?: string): Harness {
  const dir = appData ?? mkdtempSync(join(tmpdir(), 'kiosk-main-'));
  resetFakeElectron(dir);
  const clock = { now: Date.UTC(2025, 4, 1, 2, 0, 0) };
  const beat = { at: clock.now };
  const logs: string[] = [];
  let captured: ShellRuntimeOptions | null = null;
  const runtime = {
    app: { fetch: vi.fn(async (_req: Request) => new Response('<!doctype html><title>kiosk</title>', { headers: { 'content-type': 'text/html' } })) },
    config: DeviceConfig.parse(config),
    configErrors: [] as readonly string[],
    close: vi.fn(async () => undefined),
    recordRecovery: vi.fn((_reason: string) => undefined),
    lastHeartbeat: () => beat.at,
  };
  const deps: ShellDeps = {
    createRuntime: async (opts) => {
      captured = opts;
      return runtime;
    },
    openStore: memoryStore,
    preloadPath: '/opt/kiosk/app/out/preload/index.cjs',
    argv: ['electron', '.'],
    env: {},
    cwd: dir,
    resourcesPath: '/opt/kiosk/resources',
    platform: 'linux',
    timeZone: 'Asia/Shanghai',
    now: () => clock.now,
    log: (line) => logs.push(line),
    ...overrides,
  };
  return {
    appData: dir,
    userData: join(dir, 'anti-fraud-kiosk'),
    runtime,
    runtimeOptions: () => {
      if (!captured) throw new Error('runtime not created');
      return captured;
    },
    deps,
    clock,
    beat,
    logs,
    window: () => {
      const win = BrowserWindow.instances[0];
      if (!win) throw new Error('no window was created');
      return win;
    },
  };
}

/** Start the shell and insist it came up (a failed start resolves to null and schedules a restart). */
export async function startOk(
  start: (deps: ShellDeps) => Promise<KioskHandle | null>,
  h: Harness,
): Promise<KioskHandle> {
  const handle = await start(h.deps);
  if (!handle) throw new Error(`the kiosk did not start: ${h.logs.join('\n')}`);
  return handle;
}
