import { spawn, execFileSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { makeZip, startMirror, type Mirror } from '../helpers/electron-mirror';
import { APP_ROOT, ARTIFACTS, CHROMIUM } from './helpers/player';

/**
 * The project's proof that the README's `npm install && npm start` works on a fresh clone,
 * short of a real Electron: a local Electron mirror serves a stand-in Electron zip, and
 * Electron's own installer (run by `npm start`) must fetch, check and unpack it before
 * electron-vite launches it. The stand-in boots the built main process and shows its
 * window in the system Chromium.
 */
const ELECTRON_VERSION = JSON.parse(readFileSync(join(APP_ROOT, 'node_modules/electron/package.json'), 'utf8')).version as string;
const ZIP = `electron-v${ELECTRON_VERSION}-${process.platform}-${process.arch}.zip`;
const SCREENSHOT = join(ARTIFACTS, 'first-run.png');

function standInZip(): Buffer {
  const launcher = `#!/bin/sh\nexec "${process.execPath}" "$(dirname "$0")/stand-in.mjs" "$@"\n`;
  return makeZip([
    { name: 'electron', data: Buffer.from(launcher), mode: 0o755 },
    { name: 'stand-in.mjs', data: readFileSync(join(APP_ROOT, 'tests/e2e/fixtures/stand-in-electron.mjs')), mode: 0o644 },
    { name: 'version', data: Buffer.from(ELECTRON_VERSION), mode: 0o644 },
  ]);
}

/** A fresh clone of the commit under test, as a newcomer gets it. */
function freshClone(): string {
  const parent = mkdtempSync(join(tmpdir(), 'kiosk-first-run-'));
  temps.push(parent);
  const dir = join(parent, 'kiosk');
  execFileSync('git', ['init', '-q', dir]);
  execFileSync('git', ['-C', dir, 'fetch', '-q', APP_ROOT, 'HEAD']);
  execFileSync('git', ['-C', dir, 'checkout', '-q', 'FETCH_HEAD']);
  return dir;
}

/** Only what a newcomer's shell has, plus the mirror: nothing of vitest's or npm's own environment. */
function newcomerEnv(mirror: Mirror, cache: string): NodeJS.ProcessEnv {
  const keep = ['PATH', 'HOME', 'USER', 'LANG', 'TMPDIR', 'npm_config_cache', 'npm_config_registry', 'HTTP_PROXY', 'HTTPS_PROXY', 'NO_PROXY', 'http_proxy', 'https_proxy', 'no_proxy'];
  return {
    ...Object.fromEntries(keep.filter((k) => process.env[k] !== undefined).map((k) => [k, process.env[k]])),
    ELECTRON_MIRROR: mirror.url,
    electron_use_remote_checksums: '1',
    electron_config_cache: cache,
    KIOSK_STANDIN_SCREENSHOT: SCREENSHOT,
  };
}

interface Shown {
  url: string;
  title: string;
  text: string;
}

/** Starts a README command in its own process group, collecting its output lines. */
function command(line: string, cwd: string, env: NodeJS.ProcessEnv, output: string[]): ChildProcess {
  output.push(`$ ${line}`);
  const child = spawn('sh', ['-c', line], { cwd, env, detached: true });
  let buffered = '';
  const take = (chunk: Buffer): void => {
    buffered += chunk.toString('utf8');
    const lines = buffered.split('\n');
    buffered = lines.pop() ?? '';
    for (const l of lines) {
      output.push(l);
      child.emit('line', l);
    }
  };
  child.stdout?.on('data', take);
  child.stderr?.on('data', take);
  return child;
}

/** Resolves with the first line that `pick` maps to a value; rejects if the command ends first. */
function waitForLine<T>(child: ChildProcess, output: string[], pick: (line: string) => T | undefined): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    child.on('line', (line: string) => {
      const value = pick(line);
      if (value !== undefined) resolve(value);
    });
    child.on('exit', (code) => reject(new Error(`"${output.findLast((l) => l.startsWith('$ '))}" ended (exit ${code}) early:\n${output.slice(-40).join('\n')}`)));
  });
}

const exitCode = (child: ChildProcess): Promise<number | null> => new Promise((resolve) => child.once('exit', resolve));

/** SIGTERM to the command's whole process group (npm, electron-vite, the stand-in, Chromium), SIGKILL after 10 s. */
function stopGroup(child: ChildProcess): Promise<void> {
  const signal = (name: NodeJS.Signals): void => {
    try {
      if (child.pid !== undefined) process.kill(-child.pid, name);
    } catch {
      // The group is already gone.
    }
  };
  if (child.exitCode !== null || child.signalCode !== null) {
    signal('SIGTERM'); // the shell may be gone while what it started still runs
    return Promise.resolve();
  }
  const gone = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  signal('SIGTERM');
  const force = setTimeout(() => signal('SIGKILL'), 10_000);
  return gone.finally(() => clearTimeout(force));
}

let mirror: Mirror | undefined;
const children: ChildProcess[] = [];
const temps: string[] = [];
afterAll(async () => {
  for (const child of children) await stopGroup(child);
  await mirror?.close();
  // The clone's node_modules takes a minute to delete on a busy disk: let rm finish on its own.
  if (temps.length > 0) spawn('rm', ['-rf', ...temps], { detached: true, stdio: 'ignore' }).unref();
});

describe('first run: the README\'s commands in order on a fresh clone', () => {
  it('downloads Electron from the mirror with its own installer and opens the kiosk on the default pack', async () => {
    if (!existsSync(CHROMIUM)) throw new Error(`Chromium is missing at ${CHROMIUM}: apt-get install chromium`);
    mkdirSync(ARTIFACTS, { recursive: true });
    mirror = await startMirror(ELECTRON_VERSION, { [ZIP]: standInZip() });
    const clone = freshClone();
    const cache = mkdtempSync(join(tmpdir(), 'kiosk-electron-cache-'));
    temps.push(cache);
    const env = newcomerEnv(mirror, cache);
    const output: string[] = [];

    const t0 = performance.now();
    const lap = (what: string): void => console.log(`first run: ${what} after ${((performance.now() - t0) / 1000).toFixed(1)} s`);
    const install = command('npm install --prefer-offline --no-audit --no-fund', clone, env, output);
    children.push(install);
    expect(await exitCode(install), output.slice(-30).join('\n')).toBe(0);
    lap('npm install done');

    // Right after install, before anything is built, the browser player builds itself and serves.
    const serve = command('npx kiosk serve --port 0', clone, env, output);
    children.push(serve);
    const served = await waitForLine(serve, output, (l) => /^Browser player: (http:\/\/127\.0\.0\.1:\d+\/)$/.exec(l)?.[1]);
    const page = await fetch(served);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('<html lang="zh-CN"');
    await stopGroup(serve);
    lap('npx kiosk serve answered');

    const start = command('npm start', clone, env, output);
    children.push(start);
    const shown = await waitForLine(start, output, (l) => (l.startsWith('STAND-IN WINDOW ') ? (JSON.parse(l.slice('STAND-IN WINDOW '.length)) as Shown) : undefined));
    lap('npm start showed the kiosk window');

    // Electron's installer fetched the zip and its checksums from the mirror, and put it where electron-vite looks.
    expect(mirror.requests).toEqual(expect.arrayContaining([`/v${ELECTRON_VERSION}/${ZIP}`, `/v${ELECTRON_VERSION}/SHASUMS256.txt`]));
    expect(readFileSync(join(clone, 'node_modules/electron/path.txt'), 'utf8')).toBe('electron');
    expect(output.join('\n')).toContain(`Downloading Electron ${ELECTRON_VERSION} (first run only): ${mirror.url}v${ELECTRON_VERSION}/${ZIP}`);

    // The window shows the default pack: its organisation, hotlines and a slogan of the screen's language.
    const slogans = (JSON.parse(readFileSync(join(APP_ROOT, 'playlists/pack/slogans.zh-CN.json'), 'utf8')) as { items: { text: string }[] }).items.map((i) => i.text);
    expect(shown.url).toBe('app://kiosk/index.html');
    expect(shown.text).toContain('反电信网络诈骗宣传');
    expect(shown.text).toContain('96110');
    expect(slogans.some((s) => shown.text.includes(s)), shown.text).toBe(true);
    expect(statSync(SCREENSHOT).size).toBeGreaterThan(20_000);

    // A second start finds Electron in place and does not download it again.
    const before = mirror.requests.length;
    execFileSync(process.execPath, ['scripts/ensure-electron.mjs'], { cwd: clone, env });
    expect(mirror.requests.length).toBe(before);
  }, 240_000);
});
