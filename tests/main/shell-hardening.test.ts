import { beforeEach, describe, expect, it, vi } from 'vitest';
import { app, BrowserWindow, Menu, powerSaveBlocker, protocol, session } from './fake-electron';
import { makeHarness, startOk, type Harness } from './shell-harness';

vi.mock('electron', () => import('./fake-electron'));

const { startKiosk } = await import('../../src/main/app-shell');
const { KIOSK_CSP } = await import('../../src/main/app-protocol');

let h: Harness;
beforeEach(() => {
  h = makeHarness();
});

describe('protocol and start-up', () => {
  it('registers app:// as a privileged, streaming scheme before ready and serves it through the runtime', async () => {
    await startOk(startKiosk, h);
    expect(protocol.registerSchemesAsPrivileged).toHaveBeenCalledWith([
      { scheme: 'app', privileges: { standard: true, secure: true, supportFetchAPI: true, stream: true } },
    ]);
    const handler = protocol.handlers.get('app');
    expect(handler).toBeDefined();
    const res = await handler!(new Request('app://kiosk/index.html'));
    expect(res.status).toBe(200);
    expect(await res.text()).toContain('<title>kiosk</title>');
    expect(res.headers.get('content-type')).toBe('text/html');
    expect(res.headers.get('content-security-policy')).toBe(KIOSK_CSP);
    expect(KIOSK_CSP).toContain("default-src 'self'; img-src 'self' data:; media-src 'self'; style-src 'self' 'unsafe-inline'; font-src 'self'");
    expect(h.window().webContents.loadURL).toHaveBeenCalledWith('app://kiosk/index.html');
  });

  it('answers other hosts with 404 and a failing handler with 500, never throwing', async () => {
    await startOk(startKiosk, h);
    const handler = protocol.handlers.get('app')!;
    expect((await handler(new Request('app://evil.example/index.html'))).status).toBe(404);
    h.runtime.app.fetch.mockRejectedValueOnce(new Error('disk gone'));
    const res = await handler(new Request('app://kiosk/api/state'));
    expect(res.status).toBe(500);
    expect(res.headers.get('content-security-policy')).toBe(KIOSK_CSP);
    expect(h.logs.some((l) => l.includes('/api/state: disk gone'))).toBe(true);
  });

  it('quits a second instance at once without opening a window', async () => {
    app.singleInstance = false;
    await expect(startKiosk(h.deps)).resolves.toBeNull();
    expect(app.quit).toHaveBeenCalledTimes(1);
    expect(BrowserWindow.instances).toHaveLength(0);
    expect(h.logs).toContain('another kiosk is already running on this machine; quitting');
  });

  it('focuses the kiosk when a second instance starts', async () => {
    await startOk(startKiosk, h);
    app.emit('second-instance', {}, [], '/');
    expect(h.window().focus).toHaveBeenCalled();
  });

  it('blocks display sleep, removes the menu and passes where content and data live', async () => {
    await startOk(startKiosk, h);
    expect(powerSaveBlocker.start).toHaveBeenCalledWith('prevent-display-sleep');
    expect(Menu.setApplicationMenu).toHaveBeenCalledWith(null);
    const opts = h.runtimeOptions();
    expect(opts.appRoot).toBe('/opt/kiosk/app');
    expect(opts.contentRoot).toBe('/opt/kiosk/app');
    expect(opts.dataDir).toBe(`${h.userData}/data`);
  });

  it('uses the resources folder for content in a packaged app', async () => {
    app.isPackaged = true;
    await startOk(startKiosk, h);
    expect(h.runtimeOptions().contentRoot).toBe('/opt/kiosk/resources');
    expect((h.window().options['webPreferences'] as { devTools: boolean }).devTools).toBe(false);
  });
});

describe('window hardening', () => {
  it('gives the window a locked-down renderer', async () => {
    await startOk(startKiosk, h);
    const { options } = h.window();
    expect(options).toMatchObject({ show: false, backgroundColor: '#000', frame: false, resizable: false });
    expect(options['webPreferences']).toMatchObject({
      preload: '/opt/kiosk/app/out/preload/index.cjs',
      sandbox: true,
      contextIsolation: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webviewTag: false,
      webSecurity: true,
      backgroundThrottling: false,
      autoplayPolicy: 'no-user-gesture-required',
    });
  });

  it('stays hidden until ready-to-show, so there is no white flash', async () => {
    await startOk(startKiosk, h);
    const win = h.window();
    expect(win.visible).toBe(false);
    win.emit('ready-to-show');
    expect(win.visible).toBe(true);
  });

  it('denies navigation, frame navigation, redirects, webviews and window.open', async () => {
    await startOk(startKiosk, h);
    const wc = h.window().webContents;
    for (const event of ['will-navigate', 'will-frame-navigate', 'will-redirect', 'will-attach-webview']) {
      const e = { preventDefault: vi.fn(), url: 'https://evil.example/' };
      wc.emit(event, e);
      expect(e.preventDefault, event).toHaveBeenCalledTimes(1);
    }
    expect(wc.windowOpenHandler?.({ url: 'https://evil.example/' })).toEqual({ action: 'deny' });
    expect(h.logs).toContain('denied window.open to https://evil.example/');
  });

  it('hardens every web contents created, not only the first window', async () => {
    await startOk(startKiosk, h);
    const other = new BrowserWindow({});
    const e = { preventDefault: vi.fn(), url: 'https://evil.example/' };
    other.webContents.emit('will-navigate', e);
    expect(e.preventDefault).toHaveBeenCalled();
    expect(other.webContents.windowOpenHandler?.({ url: 'x' })).toEqual({ action: 'deny' });
  });

  it('denies every permission request and check', async () => {
    await startOk(startKiosk, h);
    const ses = session.defaultSession;
    const request = ses.setPermissionRequestHandler.mock.calls[0]![0] as (wc: unknown, p: string, cb: (ok: boolean) => void) => void;
    for (const permission of ['media', 'geolocation', 'notifications', 'fullscreen']) {
      const callback = vi.fn();
      request({}, permission, callback);
      expect(callback).toHaveBeenCalledWith(false);
    }
    const check = ses.setPermissionCheckHandler.mock.calls[0]![0] as (wc: unknown, p: string) => boolean;
    expect(check({}, 'media')).toBe(false);
    const device = ses.setDevicePermissionHandler.mock.calls[0]![0] as () => boolean;
    expect(device()).toBe(false);
  });

  it('hides the cursor on every page load', async () => {
    await startOk(startKiosk, h);
    const wc = h.window().webContents;
    wc.emit('did-finish-load');
    expect(wc.insertCSS).toHaveBeenCalledWith(expect.stringContaining('cursor: none !important'));
    expect(wc.sendInputEvent).toHaveBeenCalledWith({ type: 'mouseMove', x: 0, y: 0 });
  });

  it('keeps the window open on Alt+F4 while in kiosk mode, but not while quitting', async () => {
    await startOk(startKiosk, h);
    const win = h.window();
    const closeNow = { preventDefault: vi.fn() };
    win.emit('close', closeNow);
    expect(closeNow.preventDefault).toHaveBeenCalled();
    app.emit('before-quit');
    const closeQuitting = { preventDefault: vi.fn() };
    win.emit('close', closeQuitting);
    expect(closeQuitting.preventDefault).not.toHaveBeenCalled();
  });
});

describe('operator exit', () => {
  it('leaveKiosk, called by the runtime after the PIN, gives a normal window with a cursor', async () => {
    await startOk(startKiosk, h);
    const win = h.window();
    win.webContents.emit('did-finish-load');
    await Promise.resolve();
    h.runtimeOptions().onExitRequest();
    expect(win.isKiosk()).toBe(false);
    expect(win.setResizable).toHaveBeenCalledWith(true);
    expect(win.webContents.removeInsertedCSS).toHaveBeenCalledWith('css-key-1');
    const close = { preventDefault: vi.fn() };
    win.emit('close', close);
    expect(close.preventDefault).not.toHaveBeenCalled();
  });
});

describe('login item', () => {
  it('is set on Windows and macOS when the config asks', async () => {
    const win32 = makeHarness({}, { platform: 'win32' });
    (win32.runtime as { config: unknown }).config = { ...win32.runtime.config, autostart: true };
    await startOk(startKiosk, win32);
    expect(app.setLoginItemSettings).toHaveBeenCalledWith({ openAtLogin: true });
  });

  it('is left alone on Linux and when the config does not say', async () => {
    const linux = makeHarness({}, { platform: 'linux' });
    (linux.runtime as { config: unknown }).config = { ...linux.runtime.config, autostart: true };
    await startOk(startKiosk, linux);
    const mac = makeHarness({}, { platform: 'darwin' });
    await startOk(startKiosk, mac);
    expect(app.setLoginItemSettings).not.toHaveBeenCalled();
  });
});
