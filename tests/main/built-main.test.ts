import { execFileSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';

/**
 * The Electron binary cannot be downloaded here, so this boots what `npm start` would run
 * (electron-vite's build of the main process) in plain Node against a stand-in Electron
 * API, and checks the window it opens and what the app:// protocol serves.
 */
const ROOT = resolve(import.meta.dirname, '../..');
const FIXTURES = join(ROOT, 'tests/main/fixtures');

interface Boot {
  privileged: { scheme: string; privileges: Record<string, boolean> }[];
  webPreferences: Record<string, unknown>;
  backgroundColor: string;
  show: boolean;
  log: string[];
  responses: { url: string; status: number; type: string | null; csp: string | null; body: string }[];
  writes: { label: string; status: number }[];
  permission: boolean;
  popup: { action: string } | undefined;
}

let boot: Boot;

beforeAll(() => {
  execFileSync(process.execPath, [join(ROOT, 'node_modules/electron-vite/bin/electron-vite.js'), 'build', '--logLevel', 'error'], { cwd: ROOT, env: { ...process.env, NODE_ENV: 'production' } });
  const userData = mkdtempSync(join(tmpdir(), 'kiosk-main-'));
  const out = execFileSync(process.execPath, ['--import', join(FIXTURES, 'register.mjs'), join(FIXTURES, 'boot-built-main.mjs'), join(ROOT, 'out/main/index.js')], {
    cwd: ROOT,
    env: { ...process.env, SMOKE_APP_ROOT: ROOT, SMOKE_USER_DATA: userData, KIOSK_DATA_DIR: join(userData, 'data') },
    encoding: 'utf8',
    timeout: 60_000,
  });
  const line = out.split('\n').find((l) => l.startsWith('{"privileged"'));
  if (!line) throw new Error(`the built main process did not boot:\n${out}`);
  boot = JSON.parse(line) as Boot;
}, 120_000);

describe('the built Electron main process', () => {
  it('registers app:// as a privileged, streaming scheme', () => {
    expect(boot.privileged).toEqual([{ scheme: 'app', privileges: expect.objectContaining({ standard: true, secure: true, supportFetchAPI: true, stream: true }) }]);
  });

  it('opens one sandboxed, isolated window on a black background and shows it when ready', () => {
    expect(boot.webPreferences).toMatchObject({ sandbox: true, contextIsolation: true, nodeIntegration: false, webviewTag: false, backgroundThrottling: false });
    expect(boot.backgroundColor).toBe('#000');
    expect(boot.show).toBe(false);
    expect(boot.log).toEqual(['loadURL app://kiosk/index.html', 'show']);
  });

  it('serves the player, its state and Range-requested media through the shared handler, with the CSP', () => {
    const [page, state, video, escape] = boot.responses;
    expect(page).toMatchObject({ status: 200, type: 'text/html; charset=utf-8' });
    expect(page?.body).toContain('<html lang="zh-CN"');
    expect(page?.csp).toContain("default-src 'self'");
    expect(state?.status).toBe(200);
    expect(JSON.parse(state?.body ?? '{}')).toMatchObject({ fallback: false, playlist: { name: 'Anti-fraud publicity (default pack)' } });
    expect(video).toMatchObject({ status: 206, type: 'video/webm' });
    expect(escape?.body).not.toContain('"dependencies"');
  });

  it('accepts the page\'s writes over app://kiosk with its per-launch secret, and refuses them without', () => {
    expect(boot.responses[0]?.body).toMatch(/<meta name="kiosk-session" content="[0-9a-f]{64}"/);
    expect(boot.writes).toEqual([
      { label: 'with the page secret', status: 200 },
      { label: 'without it', status: 403 },
    ]);
  });

  it('denies permission requests and pop-ups', () => {
    expect(boot.permission).toBe(false);
    expect(boot.popup).toEqual({ action: 'deny' });
  });
});
