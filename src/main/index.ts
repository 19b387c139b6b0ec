import { join } from 'node:path';
import { userInfo } from 'node:os';
import { removableRoots } from '../core/bundle/mount-roots';
import { createKioskRuntime } from '../app/runtime';
import { startKiosk } from './app-shell';
import { openElectronStore } from './electron-store-adapter';
import type { ShellRuntimeOptions } from './runtime-port';

// The Electron entry: real dependencies in, everything else lives in app-shell.
void startKiosk({
  createRuntime: (opts: ShellRuntimeOptions) => createKioskRuntime({ ...opts, stickRoots: removableRoots(process.platform, userInfo().username) }),
  openStore: openElectronStore,
  preloadPath: join(import.meta.dirname, '../preload/index.cjs'),
  argv: process.argv,
  env: process.env,
  cwd: process.cwd(),
  resourcesPath: process.resourcesPath,
  platform: process.platform,
  timeZone: Intl.DateTimeFormat().resolvedOptions().timeZone,
  now: () => Date.now(),
  log: (message) => console.log(`[kiosk] ${new Date().toISOString()} ${message}`),
});
