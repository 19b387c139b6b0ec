import { parseClockTime } from './local-clock';

/**
 * Shell settings read from the device config. They are optional and read leniently, so a
 * config written before they existed (or a schema that does not list them yet) still works.
 */
export interface ShellOptions {
  /**
   * Start at login on Windows and macOS (Linux uses the systemd unit or XDG autostart).
   * null when the config does not say: the OS setting is then left as it is.
   */
  readonly autostart: boolean | null;
  /** "HH:MM" local time of the nightly reload, or null for none. */
  readonly nightlyReload: string | null;
  readonly heartbeatTimeoutMs: number;
}

export const defaultShellOptions: ShellOptions = {
  autostart: null,
  nightlyReload: null,
  heartbeatTimeoutMs: 30_000,
};

const field = (config: unknown, key: string): unknown =>
  typeof config === 'object' && config !== null ? (config as Record<string, unknown>)[key] : undefined;

export function readShellOptions(config: unknown): { readonly options: ShellOptions; readonly warnings: readonly string[] } {
  const warnings: string[] = [];
  const autostart = field(config, 'autostart');
  const nightly = field(config, 'nightlyReload');
  const timeout = field(config, 'heartbeatTimeoutSeconds');
  const options: ShellOptions = {
    autostart: typeof autostart === 'boolean' ? autostart : defaultShellOptions.autostart,
    nightlyReload:
      typeof nightly === 'string' && parseClockTime(nightly) !== null ? nightly : defaultShellOptions.nightlyReload,
    heartbeatTimeoutMs:
      typeof timeout === 'number' && timeout >= 5 && timeout <= 3600 ? timeout * 1000 : defaultShellOptions.heartbeatTimeoutMs,
  };
  if (autostart !== undefined && typeof autostart !== 'boolean') warnings.push('config field "autostart": expected true or false');
  if (nightly !== undefined && nightly !== null && options.nightlyReload === null) {
    warnings.push('config field "nightlyReload": expected a time as HH:MM; nightly reload is off');
  }
  if (timeout !== undefined && options.heartbeatTimeoutMs === defaultShellOptions.heartbeatTimeoutMs && timeout !== 30) {
    warnings.push('config field "heartbeatTimeoutSeconds": expected a number from 5 to 3600; using 30');
  }
  return { options, warnings };
}
