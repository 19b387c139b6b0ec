import { BrowserWindow, screen, type BrowserWindowConstructorOptions } from 'electron';
import { decidePlacement, sameRect, type DisplayInfo, type PlacementDecision } from '../core/recovery/window-placement';
import type { WindowPlacement } from '../core/model/config';
import { assertNever } from '../core/assert-never';

/** The one set of web preferences every kiosk window gets. */
export function kioskWebPreferences(preloadPath: string, devTools: boolean): BrowserWindowConstructorOptions['webPreferences'] {
  return {
    preload: preloadPath,
    sandbox: true,
    contextIsolation: true,
    nodeIntegration: false,
    nodeIntegrationInWorker: false,
    nodeIntegrationInSubFrames: false,
    webviewTag: false,
    webSecurity: true,
    allowRunningInsecureContent: false,
    // Timers and animations keep running even when the OS thinks nobody is looking.
    backgroundThrottling: false,
    // Lobby screens are usually muted, but a video with sound must still start on its own.
    autoplayPolicy: 'no-user-gesture-required',
    spellcheck: false,
    disableDialogs: true,
    navigateOnDragDrop: false,
    devTools,
  };
}

export function kioskWindowOptions(
  decision: PlacementDecision,
  preloadPath: string,
  devTools: boolean,
): BrowserWindowConstructorOptions {
  const common: BrowserWindowConstructorOptions = {
    ...decision.bounds,
    show: false,
    backgroundColor: '#000',
    frame: false,
    resizable: false,
    movable: false,
    minimizable: false,
    maximizable: false,
    hasShadow: false,
    autoHideMenuBar: true,
    title: 'Anti-fraud kiosk',
    webPreferences: kioskWebPreferences(preloadPath, devTools),
  };
  switch (decision.kind) {
    case 'fullscreen':
      return { ...common, kiosk: true, fullscreen: true };
    case 'rect':
      // An LED sending card mirrors exact pixels: no frame, no snapping, may exceed one screen.
      return {
        ...common,
        useContentSize: true,
        fullscreenable: false,
        enableLargerThanScreen: true,
        alwaysOnTop: true,
        skipTaskbar: true,
        thickFrame: false,
        roundedCorners: false,
      };
    default:
      return assertNever(decision, 'placement');
  }
}

export function currentDisplays(): { readonly displays: DisplayInfo[]; readonly primaryId: number } {
  const toInfo = (d: Electron.Display): DisplayInfo => ({ id: d.id, bounds: { ...d.bounds }, scaleFactor: d.scaleFactor });
  return { displays: screen.getAllDisplays().map(toInfo), primaryId: screen.getPrimaryDisplay().id };
}

export function placementNow(placement: WindowPlacement): PlacementDecision {
  const { displays, primaryId } = currentDisplays();
  return decidePlacement(placement, displays, primaryId);
}

/**
 * Moves an existing window to where the decision says. A kiosk window has to leave
 * kiosk mode to move to another display, then enter it again there.
 */
export function applyPlacement(win: BrowserWindow, decision: PlacementDecision): boolean {
  const current = win.getBounds();
  switch (decision.kind) {
    case 'rect':
      if (win.isKiosk()) win.setKiosk(false);
      if (win.isFullScreen()) win.setFullScreen(false);
      if (sameRect(current, decision.bounds)) return false;
      win.setBounds(decision.bounds);
      return true;
    case 'fullscreen':
      if (sameRect(current, decision.bounds) && win.isKiosk()) return false;
      win.setKiosk(false);
      win.setBounds(decision.bounds);
      win.setKiosk(true);
      return true;
    default:
      return assertNever(decision, 'placement');
  }
}
