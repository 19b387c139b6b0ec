import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Conf from 'conf';
import { describe, expect, it, vi } from 'vitest';
import { sanitizeConfig } from '../../src/node/device-config';
import type { OpenStore } from '../../src/main/device-config';
import { makeHarness, startOk } from './shell-harness';

vi.mock('electron', () => import('./fake-electron'));

const { startKiosk } = await import('../../src/main/app-shell');
const { resolveConfigSource } = await import('../../src/main/device-config');

/** electron-store is `conf` with Electron's paths; the real class shows how a bad file behaves. */
const confStore: OpenStore = (dir) => new Conf<Record<string, unknown>>({ cwd: dir, configName: 'config', clearInvalidConfig: false });

function withStoreFile(text: string | null) {
  const h = makeHarness({}, { openStore: confStore });
  mkdirSync(h.userData, { recursive: true });
  const file = join(h.userData, 'config.json');
  if (text !== null) writeFileSync(file, text);
  return { h, file };
}

describe('device config from electron-store', () => {
  it('writes the full defaults on first start so the operator has a file to edit', async () => {
    const { h, file } = withStoreFile(null);
    await startOk(startKiosk, h);
    const written = JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>;
    expect(written).toMatchObject({ screenId: 'screen-1', window: { mode: 'fullscreen', display: 0 } });
    expect(h.runtimeOptions().configOverride).toEqual(written);
    expect(h.runtimeOptions().configPath).toBeUndefined();
    expect(h.runtimeOptions().shellWarnings()).toEqual([]);
  });

  it('keeps the store file (it holds the operator PIN) readable by its owner only, new or old', async () => {
    const fresh = withStoreFile(null);
    await startOk(startKiosk, fresh.h);
    expect(statSync(fresh.file).mode & 0o777).toBe(0o600);
    const old = withStoreFile(JSON.stringify({ screenId: 'lobby-3', operatorPin: '97531864' }));
    await startOk(startKiosk, old.h);
    expect(statSync(old.file).mode & 0o777).toBe(0o600);
  });

  it('a corrupt store file is kept aside, replaced by defaults, reported, and the kiosk starts', async () => {
    const corrupt = '{"screenId": "lobby-2", "window": ';
    const { h, file } = withStoreFile(corrupt);
    // This is what electron-store itself does with such a file: throw, at every boot.
    expect(() => confStore(h.userData)).toThrow(SyntaxError);
    await startOk(startKiosk, h);
    const backups = readdirSync(h.userData).filter((f) => f.startsWith('config.corrupt-'));
    expect(backups).toEqual(['config.corrupt-2025-05-01T02-00-00-000Z.json']);
    expect(readFileSync(join(h.userData, backups[0]!), 'utf8')).toBe(corrupt);
    expect(JSON.parse(readFileSync(file, 'utf8'))).toMatchObject({ screenId: 'screen-1' });
    const warnings = h.runtimeOptions().shellWarnings().join('\n');
    expect(warnings).toContain(`${file}: not valid JSON`);
    expect(warnings).toContain(backups[0]);
  });

  it('a store with a bad field is left untouched and the runtime reports that field', async () => {
    const text = JSON.stringify({ screenId: 'lobby-2', window: { mode: 'rect', x: 0, y: 0, width: 2, height: 32 } });
    const { h, file } = withStoreFile(text);
    await startOk(startKiosk, h);
    expect(readFileSync(file, 'utf8')).toBe(text);
    // The runtime validates the override exactly like a config file.
    const { config, errors } = sanitizeConfig(h.runtimeOptions().configOverride, 'config store');
    expect(config.screenId).toBe('lobby-2');
    expect(config.window).toEqual({ mode: 'fullscreen', display: 0 });
    expect(errors.join('\n')).toContain('window.width');
  });

  it('a store that cannot be opened at all still starts on defaults', async () => {
    const h = makeHarness({}, { openStore: () => { throw new Error('EACCES: permission denied'); } });
    await startOk(startKiosk, h);
    expect(h.runtimeOptions().configOverride).toEqual({});
    expect(h.runtimeOptions().shellWarnings().join('\n')).toContain('could not be opened (EACCES: permission denied); using defaults');
  });
});

describe('config file for fleet deployment', () => {
  it('--config FILE wins over KIOSK_CONFIG and the store', async () => {
    const h = makeHarness({}, { argv: ['kiosk', '--config', 'fleet/screen.json'], env: { KIOSK_CONFIG: '/etc/kiosk.json' } });
    await startOk(startKiosk, h);
    expect(h.runtimeOptions().configPath).toBe(join(h.appData, 'fleet/screen.json'));
    expect(h.runtimeOptions().configOverride).toBeUndefined();
    expect(existsSync(join(h.userData, 'config.json'))).toBe(false);
  });

  it('understands --config=FILE, then KIOSK_CONFIG, then the store', () => {
    expect(resolveConfigSource(['electron', '.', '--config=/srv/a.json'], {}, '/home/k')).toEqual({ kind: 'file', path: '/srv/a.json', from: '--config' });
    expect(resolveConfigSource(['electron', '.'], { KIOSK_CONFIG: 'b.json' }, '/home/k')).toEqual({ kind: 'file', path: '/home/k/b.json', from: 'KIOSK_CONFIG' });
    expect(resolveConfigSource(['electron', '.', '--config'], { KIOSK_CONFIG: ' ' }, '/home/k')).toEqual({ kind: 'store' });
  });
});
