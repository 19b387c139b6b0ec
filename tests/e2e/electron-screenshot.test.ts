import { spawn, type ChildProcess, execFileSync } from 'node:child_process';
import { generateKeyPairSync } from 'node:crypto';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FleetSettings } from '../../src/core/model/fleet-config';
import { MAX_SCREENSHOT_BYTES } from '../../src/main/screenshot';
import { startFleetConsole, type FleetConsole } from '../../src/node/fleet/console-fleet';
import { startEmbeddedBroker, type EmbeddedBroker } from '../../src/node/fleet/embedded-broker';
import { freePort } from '../helpers/mosquitto';
import { screenAccounts } from '../helpers/screen-accounts';
import { until } from '../helpers/until';

/**
 * The fleet's screenshot command through the Electron path: the built main process (what
 * `npm start` runs) boots in the stand-in Electron, whose window is real Chromium and whose
 * capturePage() is Chromium's own capture; a signed command from the console comes back as
 * an image of the window, scaled to 1280 px wide as src/main/screenshot.ts promises.
 */
const ROOT = resolve(import.meta.dirname, '../..');
const { publicKey, privateKey } = generateKeyPairSync('ed25519');

/** Width and height from a JPEG's start-of-frame segment. */
function jpegSize(jpeg: Buffer): { width: number; height: number } {
  if (jpeg[0] !== 0xff || jpeg[1] !== 0xd8) throw new Error('not a JPEG: no start-of-image marker');
  for (let i = 2; i + 9 < jpeg.length; ) {
    if (jpeg[i] !== 0xff) throw new Error(`not a JPEG: no marker at byte ${i}`);
    const marker = jpeg[i + 1] ?? 0;
    const length = jpeg.readUInt16BE(i + 2);
    // SOF0–SOF15 carry the frame size, except DHT (C4), JPG (C8) and DAC (CC).
    if (marker >= 0xc0 && marker <= 0xcf && ![0xc4, 0xc8, 0xcc].includes(marker)) {
      return { height: jpeg.readUInt16BE(i + 5), width: jpeg.readUInt16BE(i + 7) };
    }
    i += 2 + length;
  }
  throw new Error('not a JPEG: no start-of-frame segment');
}

let broker: EmbeddedBroker;
let fleet: FleetConsole;
let shell: ChildProcess;
const output: string[] = [];

beforeAll(async () => {
  execFileSync(process.execPath, [join(ROOT, 'node_modules/electron-vite/bin/electron-vite.js'), 'build', '--logLevel', 'error'], { cwd: ROOT, env: { ...process.env, NODE_ENV: 'production' } });
  const accounts = await screenAccounts(['lobby-1']);
  broker = await startEmbeddedBroker({ host: '127.0.0.1', port: await freePort(), prefix: 'kiosk', consolePassword: 'c', screens: accounts.registry, log: () => undefined });
  const dir = await mkdtemp(join(tmpdir(), 'kiosk-shot-'));
  fleet = await startFleetConsole({ settings: FleetSettings.parse({ broker: broker.url, password: 'c' }), privateKey: () => privateKey, dataDir: join(dir, 'console'), now: () => new Date(), log: () => undefined });
  const config = join(dir, 'config.json');
  await writeFile(config, JSON.stringify({
    screenId: 'lobby-1', playlist: join(ROOT, 'playlists/default.playlist.json'),
    fleet: { broker: broker.url, username: accounts.user('lobby-1'), password: accounts.secret('lobby-1'), groups: ['school-a'], publicKey: publicKey.export({ type: 'spki', format: 'der' }).toString('base64') },
  }));
  shell = spawn(process.execPath, [join(ROOT, 'tests/e2e/fixtures/stand-in-electron.mjs'), ROOT], {
    cwd: ROOT,
    env: { ...process.env, KIOSK_CONFIG: config, SMOKE_USER_DATA: join(dir, 'user-data'), KIOSK_DATA_DIR: join(dir, 'data') },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  for (const stream of [shell.stdout, shell.stderr]) stream?.on('data', (d: Buffer) => output.push(...d.toString().split('\n').filter(Boolean)));
  await until('the stand-in window shown', () => output.some((l) => l.startsWith('STAND-IN WINDOW')), 120_000).catch((e: unknown) => {
    throw new Error(`${String(e)}\n${output.join('\n')}`);
  });
  await until('the screen online on the fleet channel', () => fleet.screens().find((r) => r.screenId === 'lobby-1' && r.presence === 'online'), 30_000);
}, 300_000);

afterAll(async () => {
  if (shell && shell.exitCode === null) await new Promise<void>((r) => { shell.once('exit', () => r()); shell.kill('SIGTERM'); });
  await fleet?.close();
  await broker?.close();
});

describe('the screenshot command through the Electron shell', () => {
  it('answers done with a JPEG of the window scaled to 1280 × 720, within the message limit', async () => {
    const seq = await fleet.command('screenshot', { scope: 'screen', screen: 'lobby-1' });
    const ack = await until('the screenshot ack', () => fleet.screens().find((r) => r.screenId === 'lobby-1')?.acks[seq], 30_000);
    expect(ack).toMatchObject({ result: 'done' });
    const shot = await until('the screenshot itself', () => fleet.screens().find((r) => r.screenId === 'lobby-1')?.screenshot, 10_000);
    expect(shot.seq).toBe(seq);
    const jpeg = Buffer.from(shot.jpegBase64, 'base64');
    expect(jpeg.byteLength).toBeLessThanOrEqual(MAX_SCREENSHOT_BYTES);
    expect(jpegSize(jpeg)).toEqual({ width: 1280, height: 720 });
  }, 60_000);
});
