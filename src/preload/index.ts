/**
 * Deliberately empty. The renderer talks to the kiosk over HTTP on its own origin
 * (app://kiosk/api/…), exactly as the browser player does, so nothing is exposed through
 * contextBridge and there is no IPC surface to attack. The file exists so the sandboxed
 * renderer gets a known preload (bundled to out/preload/index.cjs) rather than none.
 */
export {};
