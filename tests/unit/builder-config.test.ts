import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

/**
 * The packaged build cannot be made here (no Electron download), so the installer config is
 * read by electron-builder's own loader and checked against its own schema, then for what a
 * kiosk needs: targets, fuses and the content shipped beside the app.
 */
const root = join(import.meta.dirname, '..', '..');
const require = createRequire(import.meta.url);

interface FileSet {
  readonly from?: string;
  readonly to?: string;
  readonly filter?: readonly string[];
}
interface BuilderConfig {
  readonly appId?: string;
  readonly productName?: string;
  readonly files?: readonly FileSet[];
  readonly extraResources?: readonly FileSet[];
  readonly electronFuses?: Record<string, boolean>;
  readonly linux?: { readonly target?: readonly string[]; readonly icon?: string; readonly executableName?: string };
  readonly win?: { readonly target?: readonly string[]; readonly icon?: string };
  readonly mac?: { readonly target?: readonly string[]; readonly icon?: string };
}

const { getConfig, validateConfiguration } = require('app-builder-lib/out/util/config/config') as {
  getConfig(dir: string, path: string | null, extra: null): Promise<BuilderConfig>;
  validateConfiguration(config: BuilderConfig, logger: unknown): Promise<void>;
};
const { DebugLogger } = require('builder-util') as { DebugLogger: new (enabled: boolean) => unknown };

const config = await getConfig(root, null, null);

describe('electron-builder configuration', () => {
  it('is the yml file, valid against electron-builder’s own schema', async () => {
    expect(existsSync(join(root, 'electron-builder.yml'))).toBe(true);
    await expect(validateConfiguration(config, new DebugLogger(false))).resolves.toBeUndefined();
    // The same check does reject a wrong option, so passing it means something.
    const broken = { ...config, linux: { ...config.linux, targett: ['deb'] } };
    await expect(validateConfiguration(broken, new DebugLogger(false))).rejects.toThrow(/configuration.linux/);
  });

  it('names the app and builds AppImage and deb, NSIS, and dmg', () => {
    expect(config.appId).toBe('org.antifraud.kiosk');
    expect(config.productName).toBe('Anti-Fraud Kiosk');
    expect(config.linux?.target).toEqual(['AppImage', 'deb']);
    expect(config.win?.target).toEqual(['nsis']);
    expect(config.mac?.target).toEqual(['dmg']);
    // The systemd unit and the autostart file call the binary by this name.
    expect(config.linux?.executableName).toBe('anti-fraud-kiosk');
  });

  it('sets the Electron fuses for a kiosk', () => {
    expect(config.electronFuses).toEqual({
      runAsNode: false,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      onlyLoadAppFromAsar: true,
      enableEmbeddedAsarIntegrityValidation: true,
      enableCookieEncryption: true,
      grantFileProtocolExtraPrivileges: false,
    });
  });

  it('packs the built app and ships the content pack, schemas and Linux start files beside it', () => {
    const filters = (config.files ?? []).flatMap((f) => f.filter ?? []);
    expect(filters).toEqual(expect.arrayContaining(['out/**', 'package.json']));
    const main = (JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { main: string }).main;
    expect(main.replace(/^\.\//, '')).toMatch(/^out\//);
    const extra = (config.extraResources ?? []).map((r) => [r.from, r.to]);
    expect(extra).toEqual([
      ['playlists', 'playlists'],
      ['schema', 'schema'],
      ['resources/linux', 'linux'],
    ]);
    for (const [from] of extra) expect(existsSync(join(root, from!)), from).toBe(true);
  });

  it('points every platform at an icon that exists and is a 512×512 PNG', () => {
    const icons = new Set([config.linux?.icon, config.win?.icon, config.mac?.icon]);
    expect([...icons]).toEqual(['resources/icon.png']);
    const png = readFileSync(join(root, 'resources/icon.png'));
    expect(png.subarray(1, 4).toString('latin1')).toBe('PNG');
    expect([png.readUInt32BE(16), png.readUInt32BE(20)]).toEqual([512, 512]);
  });
});

describe('start at boot on Linux', () => {
  const unit = readFileSync(join(root, 'resources/linux/anti-fraud-kiosk.service'), 'utf8');
  const desktop = readFileSync(join(root, 'resources/linux/anti-fraud-kiosk.desktop'), 'utf8');
  const settings = (text: string): Map<string, string> =>
    new Map(
      text
        .split('\n')
        .filter((line) => /^[A-Za-z][\w[\]]*=/.test(line))
        .map((line) => [line.slice(0, line.indexOf('=')), line.slice(line.indexOf('=') + 1)] as const),
    );

  it('the systemd user unit always brings the kiosk back and never gives up', () => {
    const s = settings(unit);
    expect(s.get('Restart')).toBe('always');
    expect(s.get('StartLimitIntervalSec')).toBe('0');
    expect(s.get('ExecStart')).toBe(`/usr/bin/${config.linux?.executableName}`);
    expect(s.get('Environment')).toBe('KIOSK_SUPERVISED=1');
    expect(s.get('WantedBy')).toBe('graphical-session.target');
  });

  it('the XDG autostart entry starts the same binary', () => {
    const s = settings(desktop);
    expect(desktop.startsWith('[Desktop Entry]\n')).toBe(true);
    expect(s.get('Type')).toBe('Application');
    expect(s.get('Exec')).toBe(config.linux?.executableName);
    expect(s.get('Terminal')).toBe('false');
  });
});
