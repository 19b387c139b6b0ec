import type { Session, WebContents } from 'electron';
import { KIOSK_CSP } from './app-protocol';

/**
 * Electron grants every permission and follows every link unless told otherwise. The
 * kiosk needs none of it: the page plays what it is given and never goes anywhere else.
 */
export function hardenSession(ses: Session): void {
  ses.setPermissionRequestHandler((_wc, _permission, callback) => callback(false));
  ses.setPermissionCheckHandler(() => false);
  ses.setDevicePermissionHandler(() => false);
  // Only reached by http(s) responses (custom schemes get it in app-protocol); none are expected.
  ses.webRequest.onHeadersReceived((details, callback) => {
    callback({ responseHeaders: { ...details.responseHeaders, 'Content-Security-Policy': [KIOSK_CSP] } });
  });
}

export function hardenWebContents(wc: WebContents, log: (message: string) => void): void {
  const deny = (what: string) => (event: { preventDefault(): void; url?: string }) => {
    event.preventDefault();
    log(`denied ${what}${event.url ? ` to ${event.url}` : ''}`);
  };
  wc.on('will-navigate', deny('navigation'));
  wc.on('will-frame-navigate', deny('frame navigation'));
  wc.on('will-redirect', deny('redirect'));
  wc.on('will-attach-webview', deny('webview'));
  wc.setWindowOpenHandler((details) => {
    log(`denied window.open to ${details.url}`);
    return { action: 'deny' };
  });
}
