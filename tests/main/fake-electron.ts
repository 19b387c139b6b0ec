import { EventEmitter } from 'node:events';
import { vi } from 'vitest';

/**
 * A stand-in for the parts of Electron the shell touches, recording what was asked of it.
 * Tests load it with `vi.mock('electron', () => import('./fake-electron'))`.
 */
interface Rect {
  x: number;
  y: number;
  width: number;
  height: number;
}

export interface FakeDisplay {
  id: number;
  bounds: Rect;
  scaleFactor: number;
}

export class FakeWebContents extends EventEmitter {
  windowOpenHandler: ((details: { url: string }) => { action: string }) | null = null;
  readonly reload = vi.fn();
  readonly forcefullyCrashRenderer = vi.fn();
  readonly loadURL = vi.fn(async (_url: string) => undefined);
  readonly insertCSS = vi.fn(async (_css: string) => 'css-key-1');
  readonly removeInsertedCSS = vi.fn(async (_key: string) => undefined);
  readonly sendInputEvent = vi.fn();
  isDestroyed(): boolean {
    return false;
  }
  setWindowOpenHandler(handler: (details: { url: string }) => { action: string }): void {
    this.windowOpenHandler = handler;
  }
}

export class BrowserWindow extends EventEmitter {
  static readonly instances: BrowserWindow[] = [];
  readonly webContents = new FakeWebContents();
  bounds: Rect;
  kiosk: boolean;
  fullScreen: boolean;
  visible = false;
  readonly setAlwaysOnTop = vi.fn();
  readonly setResizable = vi.fn();
  readonly setMovable = vi.fn();
  readonly setMinimizable = vi.fn();
  readonly focus = vi.fn();
  readonly setBoundsCalls: Rect[] = [];

  constructor(readonly options: Record<string, unknown> & Partial<Rect>) {
    super();
    this.bounds = { x: options.x ?? 0, y: options.y ?? 0, width: options.width ?? 800, height: options.height ?? 600 };
    this.kiosk = options['kiosk'] === true;
    this.fullScreen = options['fullscreen'] === true;
    BrowserWindow.instances.push(this);
    app.emit('web-contents-created', {}, this.webContents);
  }
  show(): void {
    this.visible = true;
  }
  loadURL(url: string): Promise<undefined> {
    return this.webContents.loadURL(url);
  }
  isDestroyed(): boolean {
    return false;
  }
  getBounds(): Rect {
    return { ...this.bounds };
  }
  setBounds(bounds: Rect): void {
    this.setBoundsCalls.push({ ...bounds });
    this.bounds = { ...bounds };
  }
  isKiosk(): boolean {
    return this.kiosk;
  }
  setKiosk(on: boolean): void {
    this.kiosk = on;
  }
  isFullScreen(): boolean {
    return this.fullScreen;
  }
  setFullScreen(on: boolean): void {
    this.fullScreen = on;
  }
}

class FakeApp extends EventEmitter {
  paths = new Map<string, string>();
  singleInstance = true;
  version = '1.0.0';
  isPackaged = false;
  readonly quit = vi.fn();
  readonly relaunch = vi.fn();
  readonly exit = vi.fn();
  readonly disableHardwareAcceleration = vi.fn();
  readonly setLoginItemSettings = vi.fn();
  readonly requestSingleInstanceLock = vi.fn(() => this.singleInstance);
  getPath(name: string): string {
    const p = this.paths.get(name);
    if (!p) throw new Error(`fake app: no path for ${name}`);
    return p;
  }
  setPath(name: string, value: string): void {
    this.paths.set(name, value);
  }
  getVersion(): string {
    return this.version;
  }
  getAppPath(): string {
    return '/opt/kiosk/app';
  }
  whenReady(): Promise<void> {
    return Promise.resolve();
  }
}

export const app = new FakeApp();

export const protocol = {
  registerSchemesAsPrivileged: vi.fn(),
  handlers: new Map<string, (req: Request) => Promise<Response>>(),
  handle: vi.fn((scheme: string, handler: (req: Request) => Promise<Response>) => {
    protocol.handlers.set(scheme, handler);
  }),
};

export const session = {
  defaultSession: {
    setPermissionRequestHandler: vi.fn(),
    setPermissionCheckHandler: vi.fn(),
    setDevicePermissionHandler: vi.fn(),
    webRequest: { onHeadersReceived: vi.fn() },
  },
};

class FakeScreen extends EventEmitter {
  displays: FakeDisplay[] = [];
  primaryId = 1;
  getAllDisplays(): FakeDisplay[] {
    return this.displays;
  }
  getPrimaryDisplay(): FakeDisplay {
    const found = this.displays.find((d) => d.id === this.primaryId);
    if (!found) throw new Error('fake screen: no primary display');
    return found;
  }
}

export const screen = new FakeScreen();
export const powerSaveBlocker = { start: vi.fn(() => 1) };
export const Menu = { setApplicationMenu: vi.fn() };

/** Back to a fresh machine with one 1920×1080 display at 100%. */
export function resetFakeElectron(appData: string): void {
  vi.clearAllMocks();
  app.removeAllListeners();
  screen.removeAllListeners();
  app.paths = new Map([['appData', appData]]);
  app.singleInstance = true;
  app.version = '1.0.0';
  app.isPackaged = false;
  protocol.handlers.clear();
  BrowserWindow.instances.length = 0;
  screen.displays = [{ id: 1, bounds: { x: 0, y: 0, width: 1920, height: 1080 }, scaleFactor: 1 }];
  screen.primaryId = 1;
}

export default { app, protocol, session, screen, powerSaveBlocker, Menu, BrowserWindow };
