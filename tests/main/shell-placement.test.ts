import { describe, expect, it, vi } from 'vitest';
import { screen } from './fake-electron';
import { makeHarness, startOk } from './shell-harness';

vi.mock('electron', () => import('./fake-electron'));

const { startKiosk } = await import('../../src/main/app-shell');

const primary = { id: 1, bounds: { x: 0, y: 0, width: 1920, height: 1080 }, scaleFactor: 1 };
const second = { id: 2, bounds: { x: 1920, y: 0, width: 1080, height: 1920 }, scaleFactor: 1 };


describe('window placement follows the config', () => {
  it('opens a frameless, fixed window at the exact LED rectangle', async () => {
    const h = makeHarness({ window: { mode: 'rect', x: 100, y: 200, width: 384, height: 64 } });
    await startOk(startKiosk, h);
    const win = h.window();
    expect(win.options).toMatchObject({
      x: 100,
      y: 200,
      width: 384,
      height: 64,
      frame: false,
      resizable: false,
      movable: false,
      useContentSize: true,
      enableLargerThanScreen: true,
    });
    expect(win.options['kiosk']).toBeUndefined();
    win.emit('ready-to-show');
    expect(win.getBounds()).toEqual({ x: 100, y: 200, width: 384, height: 64 });
    expect(win.isKiosk()).toBe(false);
  });

  it('opens a kiosk window covering the chosen display', async () => {
    const h = makeHarness({ window: { mode: 'fullscreen', display: 1 } });
    screen.displays = [primary, second];
    await startOk(startKiosk, h);
    const win = h.window();
    expect(win.options).toMatchObject({ ...second.bounds, kiosk: true, fullscreen: true });
    win.emit('ready-to-show');
    expect(win.isKiosk()).toBe(true);
    expect(win.getBounds()).toEqual(second.bounds);
  });
});

describe('window placement follows display changes', () => {
  it('moves to the primary display when the chosen one is unplugged, and back when it returns', async () => {
    const h = makeHarness({ window: { mode: 'fullscreen', display: 1 } });
    screen.displays = [primary, second];
    await startOk(startKiosk, h);
    const win = h.window();
    win.emit('ready-to-show');

    screen.displays = [primary];
    screen.emit('display-removed', {}, second);
    expect(win.getBounds()).toEqual(primary.bounds);
    expect(win.isKiosk()).toBe(true);
    expect(h.runtimeOptions().shellWarnings()).toContain(
      'window.display: display 1 is not connected (1 found); using the primary display',
    );

    screen.displays = [primary, second];
    screen.emit('display-added', {}, second);
    expect(win.getBounds()).toEqual(second.bounds);
    expect(h.runtimeOptions().shellWarnings()).toEqual([]);
  });

  it('follows a resolution change of its display', async () => {
    const h = makeHarness();
    await startOk(startKiosk, h);
    const win = h.window();
    win.emit('ready-to-show');
    const bigger = { ...primary, bounds: { x: 0, y: 0, width: 3840, height: 2160 } };
    screen.displays = [bigger];
    screen.emit('display-metrics-changed', {}, bigger, ['bounds']);
    expect(win.getBounds()).toEqual(bigger.bounds);
  });

  it('keeps the LED rectangle exact when displays change, and reports OS scaling', async () => {
    const h = makeHarness({ window: { mode: 'rect', x: 0, y: 1016, width: 192, height: 32 } });
    await startOk(startKiosk, h);
    const win = h.window();
    win.emit('ready-to-show');
    const calls = win.setBoundsCalls.length;
    const scaled = { ...primary, scaleFactor: 1.25 };
    screen.displays = [scaled];
    screen.emit('display-metrics-changed', {}, scaled, ['scaleFactor']);
    expect(win.getBounds()).toEqual({ x: 0, y: 1016, width: 192, height: 32 });
    expect(win.setBoundsCalls.length).toBe(calls);
    expect(h.runtimeOptions().shellWarnings()).toEqual([
      'window: display 1 is scaled to 125%; set OS scaling to 100% or the LED rectangle will be off',
    ]);
  });

  it('stops following displays once the operator has left kiosk mode', async () => {
    const h = makeHarness();
    await startOk(startKiosk, h);
    const win = h.window();
    win.emit('ready-to-show');
    h.runtimeOptions().onExitRequest();
    win.setBounds({ x: 50, y: 50, width: 800, height: 600 });
    screen.emit('display-metrics-changed', {}, primary, ['bounds']);
    expect(win.getBounds()).toEqual({ x: 50, y: 50, width: 800, height: 600 });
  });
});
