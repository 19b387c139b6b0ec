import { execFile } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { makeZip, startMirror, type Mirror } from '../helpers/electron-mirror';

/**
 * scripts/ensure-electron.mjs, run before `npm start`, `npm run dev` and `npm run dist`,
 * against a local Electron mirror. Each case gets its own copy of the electron package,
 * so Electron's installer writes there and never into this checkout's node_modules.
 */
const ROOT = resolve(import.meta.dirname, '../..');
const VERSION = JSON.parse(readFileSync(join(ROOT, 'node_modules/electron/package.json'), 'utf8')).version as string;
const ZIP = `electron-v${VERSION}-${process.platform}-${process.arch}.zip`;

function sandbox(): string {
  const dir = mkdtempSync(join(tmpdir(), 'kiosk-ensure-electron-'));
  cpSync(join(ROOT, 'scripts/ensure-electron.mjs'), join(dir, 'scripts/ensure-electron.mjs'));
  mkdirSync(join(dir, 'node_modules'));
  for (const f of ['package.json', 'install.js', 'index.js', 'checksums.json']) cpSync(join(ROOT, 'node_modules/electron', f), join(dir, 'node_modules/electron', f));
  for (const scope of ['@electron', '@electron-internal']) symlinkSync(join(ROOT, 'node_modules', scope), join(dir, 'node_modules', scope));
  return dir;
}

function ensure(dir: string, env: Record<string, string>): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((done) => {
    execFile(process.execPath, ['scripts/ensure-electron.mjs'], { cwd: dir, env: { PATH: process.env.PATH, HOME: process.env.HOME, ...env } }, (error, stdout, stderr) =>
      done({ code: typeof error?.code === 'number' ? error.code : 0, stdout, stderr }),
    );
  });
}

const zip = makeZip([
  { name: 'electron', data: Buffer.from('#!/bin/sh\necho stand-in\n'), mode: 0o755 },
  { name: 'version', data: Buffer.from(VERSION), mode: 0o644 },
]);
const opened: Mirror[] = [];
const dirs: string[] = [];
afterEach(async () => {
  await Promise.all(opened.splice(0).map((m) => m.close()));
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

async function setup(files: Record<string, Buffer>): Promise<{ dir: string; mirror: Mirror; env: Record<string, string> }> {
  const mirror = await startMirror(VERSION, files);
  opened.push(mirror);
  const dir = sandbox();
  const cache = join(dir, 'electron-cache');
  dirs.push(dir);
  return { dir, mirror, env: { ELECTRON_MIRROR: mirror.url, electron_use_remote_checksums: '1', electron_config_cache: cache } };
}

describe('ensure-electron before npm start', () => {
  it('downloads Electron once through its own installer, then neither downloads nor reads the mirror again', async () => {
    const { dir, mirror, env } = await setup({ [ZIP]: zip });
    const first = await ensure(dir, env);
    expect(first.stderr).toBe('');
    expect(first.code).toBe(0);
    expect(first.stdout).toContain(`Downloading Electron ${VERSION} (first run only): ${mirror.url}v${VERSION}/${ZIP}`);
    expect(readFileSync(join(dir, 'node_modules/electron/path.txt'), 'utf8')).toBe(process.platform === 'linux' ? 'electron' : expect.any(String));
    expect(existsSync(join(dir, 'node_modules/electron/dist/electron'))).toBe(true);
    const requests = mirror.requests.length;

    const again = await ensure(dir, env);
    expect(again).toEqual({ code: 0, stdout: '', stderr: '' });
    expect(mirror.requests.length).toBe(requests);
  });

  it('takes the zip from the Electron cache when the unpacked binary is gone', async () => {
    const { dir, mirror, env } = await setup({ [ZIP]: zip });
    expect((await ensure(dir, env)).code).toBe(0);
    rmSync(join(dir, 'node_modules/electron/dist'), { recursive: true });
    rmSync(join(dir, 'node_modules/electron/path.txt'));
    const zipRequests = (): number => mirror.requests.filter((r) => r.endsWith(ZIP)).length;
    expect(zipRequests()).toBe(1);
    expect((await ensure(dir, env)).code).toBe(0);
    expect(zipRequests()).toBe(1);
    expect(existsSync(join(dir, 'node_modules/electron/dist/electron'))).toBe(true);
  });

  it('prints one line naming the URL it tried and the mirror hint when the mirror lacks the file', async () => {
    const { dir, mirror, env } = await setup({});
    const run = await ensure(dir, env);
    expect(run.code).toBe(1);
    const lines = run.stderr.trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toContain(`Electron ${VERSION} could not be downloaded from ${mirror.url}v${VERSION}/${ZIP}`);
    expect(lines[0]).toContain('ELECTRON_MIRROR=https://npmmirror.com/mirrors/electron/ npm start');
    expect(existsSync(join(dir, 'node_modules/electron/path.txt'))).toBe(false);
  });

  it('says the same when nothing answers at the mirror address', async () => {
    const { dir, mirror, env } = await setup({});
    await mirror.close();
    opened.length = 0;
    const run = await ensure(dir, env);
    expect(run.code).toBe(1);
    expect(run.stderr.trim().split('\n')).toEqual([expect.stringMatching(new RegExp(`could not be downloaded from ${mirror.url.replace(/[.]/g, '\\.')}v${VERSION}/.*ELECTRON_MIRROR=`))]);
  });
});
