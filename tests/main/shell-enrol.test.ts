import { existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Conf from 'conf';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { OpenStore } from '../../src/main/device-config';
import { issueTokens } from '../../src/node/fleet/enrol-tokens';
import { encodeEnrol, keyFingerprint } from '../../src/node/fleet/enrol-value';
import { startConsoleProcess, type ConsoleProcess } from '../helpers/console-process';
import { makeHarness, startOk } from './shell-harness';

vi.mock('electron', () => import('./fake-electron'));

const { startKiosk } = await import('../../src/main/app-shell');

/** electron-store is `conf` with Electron's paths. */
const confStore: OpenStore = (dir) => new Conf<Record<string, unknown>>({ cwd: dir, configName: 'config', clearInvalidConfig: false });

let console_: ConsoleProcess;
let values: string[];

/** The screens the console knows, from its own registry file. */
const registered = (): { screenId: string; via: string }[] =>
  existsSync(join(console_.dataDir, 'screens.json'))
    ? (JSON.parse(readFileSync(join(console_.dataDir, 'screens.json'), 'utf8')) as { screens: { screenId: string; via: string }[] }).screens
    : [];

const configOf = (h: ReturnType<typeof makeHarness>): Record<string, unknown> => h.runtimeOptions().configOverride as Record<string, unknown>;

beforeAll(async () => {
  console_ = await startConsoleProcess({ fleet: true });
  const fp = keyFingerprint(readFileSync(join(console_.dataDir, 'keys', 'publisher.pub'), 'utf8').trim());
  const tokens = await issueTokens(console_.dataDir, 'default', 2, new Date(Date.now() + 600_000), new Date());
  values = tokens.map((token) => encodeEnrol({ url: console_.origin, token, fp }));
}, 120_000);

afterAll(async () => {
  await console_?.stop();
});

describe('the Electron kiosk joins from a token file', () => {
  const appData = mkdtempSync(join(tmpdir(), 'kiosk-enrol-'));

  it('enrol.txt beside the store joins the console, keeps the operator\'s settings and becomes enrol.used', async () => {
    const h = makeHarness({}, { openStore: confStore }, appData);
    mkdirSync(h.userData, { recursive: true });
    writeFileSync(join(h.userData, 'config.json'), JSON.stringify({ operatorPin: '97531864', screenId: 'screen-1' }));
    writeFileSync(join(h.userData, 'enrol.txt'), `${values[0]}\n`);
    await startOk(startKiosk, h);
    const config = configOf(h);
    const screenId = config['screenId'] as string;
    expect(registered()).toEqual([expect.objectContaining({ screenId, via: 'token' })]);
    expect(screenId).not.toBe('screen-1');
    expect(config).toMatchObject({ operatorPin: '97531864', fleet: { groups: ['default'], username: expect.stringMatching(/^screen\./) } });
    expect(existsSync(join(h.userData, 'enrol.txt'))).toBe(false);
    expect(readFileSync(join(h.userData, 'enrol.used'), 'utf8').trim()).toBe(values[0]);
    expect(h.runtimeOptions().shellWarnings()).toEqual([]);
    expect(h.logs.join('\n')).toContain(`joined the console as screen "${screenId}"`);
  });

  it('restarted without the token file, it is the same screen and nothing new joins', async () => {
    const identity = readFileSync(join(appData, 'anti-fraud-kiosk', 'data', 'identity.json'), 'utf8');
    const before = registered();
    const h = makeHarness({}, { openStore: confStore }, appData);
    await startOk(startKiosk, h);
    expect(configOf(h)['screenId']).toBe(before[0]?.screenId);
    expect(configOf(h)['operatorPin']).toBe('97531864');
    expect(readFileSync(join(h.userData, 'data', 'identity.json'), 'utf8')).toBe(identity);
    expect(registered()).toEqual(before);
  });

  it('a used token is refused with a clear message on the overlay, and the kiosk plays its own pack', async () => {
    const before = registered();
    const h = makeHarness({}, { openStore: confStore });
    mkdirSync(h.userData, { recursive: true });
    writeFileSync(join(h.userData, 'enrol.txt'), values[0]!);
    await startOk(startKiosk, h);
    const warnings = h.runtimeOptions().shellWarnings().join('\n');
    expect(warnings).toContain(`${join(h.userData, 'enrol.txt')}: not joined`);
    expect(warnings).toContain('this enrolment token was already used');
    expect(configOf(h)['screenId']).toBe('screen-1');
    expect(configOf(h)['fleet']).toBeUndefined();
    expect(existsSync(join(h.userData, 'data', 'joined-config.json'))).toBe(false);
    expect(registered()).toEqual(before);
  });

  it('with --config FILE, the token file beside that file joins, over the file\'s own settings', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'kiosk-enrol-file-'));
    writeFileSync(join(dir, 'screen.json'), JSON.stringify({ operatorPin: '24681357', window: { mode: 'fullscreen', display: 1 } }));
    // A whole row of kiosk enrol's CSV works as well as the "enrol" cell alone.
    writeFileSync(join(dir, 'enrol.txt'), `${values[1]},default,2099-01-01T00:00:00.000Z\n`);
    const h = makeHarness({}, { argv: ['kiosk', '--config', join(dir, 'screen.json')] });
    await startOk(startKiosk, h);
    expect(h.runtimeOptions().configPath).toBeUndefined();
    expect(configOf(h)).toMatchObject({ operatorPin: '24681357', window: { display: 1 }, fleet: { groups: ['default'] } });
    expect(registered().map((s) => s.screenId)).toContain(configOf(h)['screenId']);
    expect(existsSync(join(dir, 'enrol.used'))).toBe(true);
  });
});
