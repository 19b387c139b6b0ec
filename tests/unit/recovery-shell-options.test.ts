import { describe, expect, it } from 'vitest';
import { defaultShellOptions, readShellOptions } from '../../src/core/recovery/shell-options';

describe('shell options from the device config', () => {
  it('defaults: login item untouched, no nightly reload, 30 s heartbeat timeout', () => {
    expect(readShellOptions({ screenId: 'a' })).toEqual({ options: defaultShellOptions, warnings: [] });
    expect(defaultShellOptions).toEqual({ autostart: null, nightlyReload: null, heartbeatTimeoutMs: 30_000 });
  });

  it('reads the optional settings when present', () => {
    const read = readShellOptions({ autostart: true, nightlyReload: '03:30', heartbeatTimeoutSeconds: 60 });
    expect(read).toEqual({ options: { autostart: true, nightlyReload: '03:30', heartbeatTimeoutMs: 60_000 }, warnings: [] });
  });

  it('names each bad field and keeps its default', () => {
    const read = readShellOptions({ autostart: 'yes', nightlyReload: '25:00', heartbeatTimeoutSeconds: 1 });
    expect(read.options).toEqual(defaultShellOptions);
    expect(read.warnings).toEqual([
      'config field "autostart": expected true or false',
      'config field "nightlyReload": expected a time as HH:MM; nightly reload is off',
      'config field "heartbeatTimeoutSeconds": expected a number from 5 to 3600; using 30',
    ]);
  });
});
