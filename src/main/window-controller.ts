import { BrowserWindow, screen } from 'electron';
import type { WindowPlacement } from '../core/model/config';
import type { PlacementDecision } from '../core/recovery/window-placement';
import { RENDERER_URL } from './app-protocol';
import { applyPlacement, kioskWindowOptions, placementNow } from './kiosk-window';

/** CSS `cursor: none` only takes effect after the pointer moves, so a move is sent too. */
const HIDE_CURSOR_CSS = '*, *::before, *::after { cursor: none !important; }';

export const RETRY_LOAD_MS = 10_000;

export interface KioskWindowDeps {
  readonly placement: WindowPlacement;
  readonly preloadPath: string;
  readonly devTools: boolean;
  readonly isQuitting: () => boolean;
  readonly log: (message: string) => void;
  /** Called with every placement decision, so its warnings reach the operator. */
  readonly onPlacement: (decision: PlacementDecision) => void;
}

export interface KioskWindow {
  readonly win: BrowserWindow;
  /** Operator exit: a normal, movable window with a cursor, no longer pinned to a display. */
  leaveKiosk(): void;
  /** Re-reads the displays and moves the window if needed (display added, removed, changed). */
  replace(reason: string): void;
}

export function createKioskWindow(deps: KioskWindowDeps): KioskWindow {
  let decision = placementNow(deps.placement);
  deps.onPlacement(decision);
  const win = new BrowserWindow(kioskWindowOptions(decision, deps.preloadPath, deps.devTools));
  const mode = { inKiosk: true };
  const cursor = hideCursorOnEveryLoad(win, mode);

  const replace = (reason: string): void => {
    if (!mode.inKiosk || win.isDestroyed()) return;
    decision = placementNow(deps.placement);
    deps.onPlacement(decision);
    if (applyPlacement(win, decision)) deps.log(`window moved (${reason}) to ${JSON.stringify(decision.bounds)}`);
  };
  win.once('ready-to-show', () => {
    win.show();
    applyPlacement(win, decision);
  });
  // Alt+F4 and friends: the kiosk window only closes when the app quits or after the operator exit.
  win.on('close', (event) => {
    if (mode.inKiosk && !deps.isQuitting()) event.preventDefault();
  });
  followDisplays(win, replace);
  loadWithRetry(win, deps.log);

  const leaveKiosk = (): void => {
    if (!mode.inKiosk || win.isDestroyed()) return;
    mode.inKiosk = false;
    win.setKiosk(false);
    win.setFullScreen(false);
    win.setAlwaysOnTop(false);
    win.setResizable(true);
    win.setMovable(true);
    win.setMinimizable(true);
    cursor.show();
    deps.log('operator left kiosk mode');
  };
  return { win, leaveKiosk, replace };
}

function hideCursorOnEveryLoad(win: BrowserWindow, mode: { readonly inKiosk: boolean }): { show(): void } {
  let key: string | null = null;
  win.webContents.on('did-finish-load', () => {
    if (!mode.inKiosk) return;
    void win.webContents.insertCSS(HIDE_CURSOR_CSS).then((k) => (key = k), () => undefined);
    win.webContents.sendInputEvent({ type: 'mouseMove', x: 0, y: 0 });
  });
  return {
    show() {
      if (key !== null) void win.webContents.removeInsertedCSS(key).catch(() => undefined);
    },
  };
}

function followDisplays(win: BrowserWindow, replace: (reason: string) => void): void {
  const listeners = [
    ['display-added', () => replace('display added')],
    ['display-removed', () => replace('display removed')],
    ['display-metrics-changed', () => replace('display changed')],
  ] as const;
  for (const [event, fn] of listeners) screen.on(event as 'display-added', fn);
  win.on('closed', () => {
    for (const [event, fn] of listeners) screen.off(event as 'display-added', fn);
  });
}

/** A page that failed to load is black, not crashed: nothing else would ever retry it. */
function loadWithRetry(win: BrowserWindow, log: (message: string) => void): void {
  const load = (): void => {
    void win.loadURL(RENDERER_URL).catch((error: unknown) => log(`loading ${RENDERER_URL} failed: ${String(error)}`));
  };
  win.webContents.on('did-fail-load', (_event, code, description, _url, isMainFrame) => {
    if (!isMainFrame || win.isDestroyed()) return;
    log(`renderer failed to load (${code} ${description}); retrying in ${RETRY_LOAD_MS / 1000} s`);
    setTimeout(() => !win.isDestroyed() && load(), RETRY_LOAD_MS);
  });
  load();
}
