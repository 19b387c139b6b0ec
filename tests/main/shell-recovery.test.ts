import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { app } from './fake-electron';
import { makeHarness, startOk, type Harness } from './shell-harness';

vi.mock('electron', () => import('./fake-electron'));

const { startKiosk } = await import('../../src/main/app-shell');

const START = Date.parse('2025-05-01T03:00:00+08:00');
const crashed = { reason: 'crashed', exitCode: 139 };

function harness(config: Record<string, unknown> = {}, appData?: string): Harness {
  const h = makeHarness({}, { now: () => Date.now() }, appData);
  (h.runtime as { config: unknown }).config = { ...h.runtime.config, ...config };
  return h;
}

const reasons = (h: Harness): string[] => h.runtime.recordRecovery.mock.calls.map((c) => String(c[0]));
const shellState = (h: Harness): { gpu: { disabled: boolean }; relaunches: number[] } =>
  JSON.parse(readFileSync(join(h.userData, 'shell-state.json'), 'utf8'));

beforeEach(() => {
  vi.useFakeTimers();
  vi.setSystemTime(START);
});
afterEach(() => {
  vi.useRealTimers();
});

describe('renderer recovery wiring', () => {
  it('reloads the renderer when its process is gone, and logs why', async () => {
    const h = harness();
    await startOk(startKiosk, h);
    const wc = h.window().webContents;
    wc.emit('render-process-gone', {}, crashed);
    expect(wc.reload).toHaveBeenCalledTimes(1);
    expect(wc.forcefullyCrashRenderer).not.toHaveBeenCalled();
    expect(reasons(h)).toEqual(['renderer process gone (crashed, exit code 139): reloading']);
  });

  it('restarts the whole app after repeated crashes: runtime closed, relaunch, exit 0', async () => {
    const h = harness();
    await startOk(startKiosk, h);
    const wc = h.window().webContents;
    for (let i = 0; i < 4; i++) {
      wc.emit('render-process-gone', {}, crashed);
      await vi.advanceTimersByTimeAsync(60_000);
    }
    expect(wc.reload).toHaveBeenCalledTimes(3);
    expect(h.runtime.close).toHaveBeenCalled();
    expect(app.relaunch).toHaveBeenCalledTimes(1);
    expect(app.exit).toHaveBeenCalledWith(0);
    expect(reasons(h).at(-1)).toContain('4 failures in 10 min');
    expect(reasons(h).at(-1)).toContain('restarting the app');
    expect(shellState(h).relaunches).toEqual([START + 3 * 60_000]);
  });

  it('under systemd (KIOSK_SUPERVISED=1) exits with code 75 and leaves the restart to systemd', async () => {
    const h = makeHarness({}, { now: () => Date.now(), env: { KIOSK_SUPERVISED: '1' } });
    await startOk(startKiosk, h);
    const wc = h.window().webContents;
    for (let i = 0; i < 4; i++) wc.emit('render-process-gone', {}, crashed);
    await vi.advanceTimersByTimeAsync(0);
    expect(app.relaunch).not.toHaveBeenCalled();
    expect(app.exit).toHaveBeenCalledWith(75);
  });

  it('stops restarting in a crash loop and reloads after a pause instead', async () => {
    const h = harness();
    mkdirSync(h.userData, { recursive: true });
    const recent = [START - 30 * 60_000, START - 20 * 60_000, START - 10 * 60_000];
    writeFileSync(join(h.userData, 'shell-state.json'), JSON.stringify({ relaunches: recent }));
    await startOk(startKiosk, h);
    const wc = h.window().webContents;
    for (let i = 0; i < 4; i++) wc.emit('render-process-gone', {}, crashed);
    expect(app.relaunch).not.toHaveBeenCalled();
    expect(wc.reload).toHaveBeenCalledTimes(3);
    expect(reasons(h).at(-1)).toContain('reloading in 30 s');
    await vi.advanceTimersByTimeAsync(29_000);
    expect(wc.reload).toHaveBeenCalledTimes(3);
    await vi.advanceTimersByTimeAsync(1_000);
    expect(wc.reload).toHaveBeenCalledTimes(4);
  });

  it('crashes and reloads an unresponsive renderer once, not again for the crash it caused', async () => {
    const h = harness();
    await startOk(startKiosk, h);
    const wc = h.window().webContents;
    wc.emit('unresponsive');
    expect(wc.forcefullyCrashRenderer).toHaveBeenCalledTimes(1);
    expect(wc.reload).toHaveBeenCalledTimes(1);
    wc.emit('render-process-gone', {}, { reason: 'killed', exitCode: 9 });
    expect(wc.reload).toHaveBeenCalledTimes(1);
    expect(reasons(h)).toEqual(['renderer unresponsive: reloading']);
  });

  it('treats missing heartbeats as a hung renderer', async () => {
    const h = harness({ heartbeatTimeoutSeconds: 30 });
    await startOk(startKiosk, h);
    const wc = h.window().webContents;
    for (let i = 0; i < 12; i++) {
      await vi.advanceTimersByTimeAsync(5_000);
      h.beat.at = Date.now();
    }
    expect(wc.reload).not.toHaveBeenCalled();
    await vi.advanceTimersByTimeAsync(35_000);
    expect(wc.forcefullyCrashRenderer).toHaveBeenCalledTimes(1);
    expect(wc.reload).toHaveBeenCalledTimes(1);
    expect(reasons(h)).toEqual(['renderer hung (no heartbeat for 35 s): reloading']);
  });

  it('never reloads for heartbeats when none ever arrived (a renderer without them)', async () => {
    const h = harness();
    await startOk(startKiosk, h);
    await vi.advanceTimersByTimeAsync(10 * 60_000);
    expect(h.window().webContents.reload).not.toHaveBeenCalled();
  });

  it('reloads once a night at the configured quiet hour', async () => {
    const h = harness({ nightlyReload: '03:30' });
    await startOk(startKiosk, h);
    const wc = h.window().webContents;
    await vi.advanceTimersByTimeAsync(29 * 60_000);
    expect(wc.reload).not.toHaveBeenCalled();
    await vi.advanceTimersByTimeAsync(2 * 60_000);
    expect(wc.reload).toHaveBeenCalledTimes(1);
    await vi.advanceTimersByTimeAsync(3 * 60 * 60_000);
    expect(wc.reload).toHaveBeenCalledTimes(1);
    expect(reasons(h)).toEqual(['nightly reload at 03:30 (Asia/Shanghai)']);
  });

  it('retries a page that failed to load instead of leaving the screen black', async () => {
    const h = harness();
    await startOk(startKiosk, h);
    const wc = h.window().webContents;
    expect(wc.loadURL).toHaveBeenCalledTimes(1);
    wc.emit('did-fail-load', {}, -6, 'ERR_FILE_NOT_FOUND', 'app://kiosk/index.html', true);
    await vi.advanceTimersByTimeAsync(9_000);
    expect(wc.loadURL).toHaveBeenCalledTimes(1);
    await vi.advanceTimersByTimeAsync(1_000);
    expect(wc.loadURL).toHaveBeenCalledTimes(2);
    expect(wc.loadURL).toHaveBeenLastCalledWith('app://kiosk/index.html');
    // A sub-frame failing is not the page failing.
    wc.emit('did-fail-load', {}, -6, 'ERR_FILE_NOT_FOUND', 'app://kiosk/x.html', false);
    await vi.advanceTimersByTimeAsync(20_000);
    expect(wc.loadURL).toHaveBeenCalledTimes(2);
  });

  it('restarts after a start-up failure instead of sitting on a black screen', async () => {
    const h = makeHarness({}, { createRuntime: () => Promise.reject(new Error('pack unreadable')) });
    await expect(startKiosk(h.deps)).resolves.toBeNull();
    expect(app.relaunch).not.toHaveBeenCalled();
    await vi.advanceTimersByTimeAsync(5_000);
    expect(app.relaunch).toHaveBeenCalledTimes(1);
    expect(app.exit).toHaveBeenCalledWith(0);
    expect(h.logs.some((l) => l.startsWith('start-up failed: Error: pack unreadable'))).toBe(true);
  });
});

describe('GPU crash fallback wiring', () => {
  it('restarts with hardware acceleration off after repeated GPU crashes, and remembers it', async () => {
    const h = harness();
    await startOk(startKiosk, h);
    app.emit('child-process-gone', {}, { type: 'Utility', reason: 'crashed', exitCode: 1 });
    for (let i = 0; i < 3; i++) app.emit('child-process-gone', {}, { type: 'GPU', reason: 'crashed', exitCode: 1 });
    await vi.advanceTimersByTimeAsync(0);
    expect(app.relaunch).toHaveBeenCalledTimes(1);
    expect(app.exit).toHaveBeenCalledWith(0);
    expect(shellState(h).gpu.disabled).toBe(true);
    expect(reasons(h)).toHaveLength(3);
    expect(reasons(h)[2]).toContain('restarting with hardware acceleration off');

    // The next start, on the same machine, turns it off before `ready`.
    const next = harness({}, h.appData);
    expect(app.disableHardwareAcceleration).not.toHaveBeenCalled();
    await startOk(startKiosk, next);
    expect(app.disableHardwareAcceleration).toHaveBeenCalledTimes(1);
    expect(next.runtimeOptions().shellWarnings().join('\n')).toContain('hardware acceleration is off');
  });

  it('a damaged state file does not stop the start', async () => {
    const h = harness();
    mkdirSync(h.userData, { recursive: true });
    writeFileSync(join(h.userData, 'shell-state.json'), '{"gpu": ');
    await startOk(startKiosk, h);
    expect(app.disableHardwareAcceleration).not.toHaveBeenCalled();
    expect(h.runtimeOptions().shellWarnings().join('\n')).toContain('shell-state.json: not valid JSON; starting fresh');
  });
});
