import ElectronStore from 'electron-store';
import type { OpenStore } from './device-config';

/** The real store: `<dir>/config.json`, 0600 (it holds the PIN), never cleared silently (we move a bad file aside ourselves). */
export const openElectronStore: OpenStore = (dir) =>
  new ElectronStore<Record<string, unknown>>({ cwd: dir, name: 'config', clearInvalidConfig: false, configFileMode: 0o600 });
