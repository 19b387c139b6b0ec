import { readFile, writeFile } from 'node:fs/promises';
import { afterEach, describe, expect, it } from 'vitest';
import { LOCAL_TOKEN_HEADER, PlayerState } from '../../src/core/api/contract';
import { startBrowserPlayer, type BrowserPlayer } from '../../src/app/browser-player';
import { tokenFile } from '../../src/node/local-token';
import { makeTempPack } from '../helpers/temp-pack';
import { fakeIo } from '../helpers/fake-io';
import { main } from '../../src/cli/main';
import { join } from 'node:path';

const APP_ROOT = process.cwd();
const open: BrowserPlayer[] = [];
afterEach(async () => {
  await Promise.all(open.splice(0).map((p) => p.close()));
});

/** The operator's view of the state (with the local token); the public one hides warnings. */
const getState = async (url: string): Promise<PlayerState> => {
  const token = (await readFile(tokenFile(dataDirOf(url)), 'utf8')).trim();
  return PlayerState.parse(await (await fetch(new URL('api/state', url), { headers: { [LOCAL_TOKEN_HEADER]: token } })).json());
};
const dataDirs = new Map<string, string>();
const dataDirOf = (url: string): string => dataDirs.get(url) ?? '';

async function start(configPath: string, dataDir: string): Promise<BrowserPlayer> {
  const player = await startBrowserPlayer({ appRoot: APP_ROOT, configPath, dataDir, port: 0, log: () => {} });
  open.push(player);
  dataDirs.set(player.url, dataDir);
  return player;
}

describe('browser player server', () => {
  it('binds to loopback and serves the state of the configured playlist', async () => {
    const pack = await makeTempPack();
    const player = await start(pack.config, pack.dataDir);
    expect(player.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/$/);
    const state = await getState(player.url);
    expect(state.organisation).toBe('测试学校');
    expect(state.screenId).toBe('lobby-1');
    expect(state.fallback).toBe(false);
    expect(state.items.map((i) => i.id)).toEqual(['s1', 's2', 'case-01-zh-cn', 'v1']);
    // Media reach the renderer only as paths on the same server.
    expect(state.items[3]).toMatchObject({ kind: 'video', file: 'media/pack/media/clip.webm' });
  });

  it('answers Range requests with 206 so videos can seek', async () => {
    const pack = await makeTempPack();
    const player = await start(pack.config, pack.dataDir);
    const res = await fetch(new URL('media/pack/media/clip.webm', player.url), { headers: { range: 'bytes=10-19' } });
    expect(res.status).toBe(206);
    expect(res.headers.get('content-range')).toBe('bytes 10-19/1000');
    expect(res.headers.get('content-type')).toBe('video/webm');
    expect([...new Uint8Array(await res.arrayBuffer())]).toEqual([10, 11, 12, 13, 14, 15, 16, 17, 18, 19]);
  });

  it('refuses paths that escape the served folders', async () => {
    const pack = await makeTempPack();
    const player = await start(pack.config, pack.dataDir);
    for (const path of ['media/pack/..%2f..%2fconfig.json', 'media/pack/%2e%2e/%2e%2e/etc/passwd', 'media/pack/..%5cpack.json', 'media/cache/..%2f..%2fetc%2fpasswd']) {
      const res = await fetch(player.url + path);
      const body = await res.text();
      expect(body).not.toContain('organisation');
      expect(body).not.toContain('root:');
    }
  });

  it('sends a strict content security policy with every response', async () => {
    const pack = await makeTempPack();
    const player = await start(pack.config, pack.dataDir);
    const res = await fetch(new URL('api/state', player.url));
    expect(res.headers.get('content-security-policy')).toContain("default-src 'self'");
    expect(res.headers.get('content-security-policy')).toContain("object-src 'none'");
  });

  it('raises alerts only with the local token, and they survive a restart', async () => {
    const pack = await makeTempPack();
    const first = await start(pack.config, pack.dataDir);
    const body = JSON.stringify({ text: '本周出现冒充公安新骗局', minutes: 30 });
    const denied = await fetch(new URL('api/alerts', first.url), { method: 'POST', body, headers: { 'content-type': 'application/json' } });
    expect(denied.status).toBe(403);
    const token = (await readFile(tokenFile(pack.dataDir), 'utf8')).trim();
    const raised = await fetch(new URL('api/alerts', first.url), {
      method: 'POST',
      body,
      headers: { 'content-type': 'application/json', [LOCAL_TOKEN_HEADER]: token },
    });
    expect(raised.status).toBe(200);
    await first.close();
    open.splice(open.indexOf(first), 1);
    const second = await start(pack.config, pack.dataDir);
    const state = await getState(second.url);
    expect(state.alerts.map((a) => a.text)).toEqual(['本周出现冒充公安新骗局']);
  });

  it('records every play event in the proof-of-play log, which verifies', async () => {
    const pack = await makeTempPack();
    const player = await start(pack.config, pack.dataDir);
    // Local tools may write with the token; the renderer uses the page's per-launch secret.
    const token = (await readFile(tokenFile(pack.dataDir), 'utf8')).trim();
    for (const itemId of ['v1', 'case-01-zh-cn']) {
      const res = await fetch(new URL('api/plays', player.url), {
        method: 'POST',
        headers: { 'content-type': 'application/json', [LOCAL_TOKEN_HEADER]: token },
        body: JSON.stringify({ itemId, kind: 'video', title: 't', start: '2026-11-22T08:00:00.000Z', durationMs: 25_000, completed: true }),
      });
      expect(res.status).toBe(200);
    }
    player.runtime.recordRecovery('renderer crashed; reloaded');
    await player.close();
    open.splice(open.indexOf(player), 1);
    const io = fakeIo();
    expect(await main(['report', '--verify', '--log', join(pack.dataDir, 'play-log')], io)).toBe(0);
    expect(io.stdout.join('\n')).toContain('chain OK: 3 records');
  });

  it('rejects a play event that does not match the contract, naming the field', async () => {
    const pack = await makeTempPack();
    const player = await start(pack.config, pack.dataDir);
    const token = (await readFile(tokenFile(pack.dataDir), 'utf8')).trim();
    const res = await fetch(new URL('api/plays', player.url), {
      method: 'POST',
      headers: { 'content-type': 'application/json', [LOCAL_TOKEN_HEADER]: token },
      body: JSON.stringify({ itemId: 'x', kind: 'video', title: 't', start: 'yesterday', durationMs: 5, completed: true }),
    });
    expect(res.status).toBe(400);
    expect(JSON.stringify(await res.json())).toContain('start');
  });
});

describe('bad input keeps the kiosk playing', () => {
  it('a broken playlist file gives the fallback and names the file', async () => {
    const pack = await makeTempPack();
    await writeFile(pack.playlist, '{ "name": "broken", ');
    const player = await start(pack.config, pack.dataDir);
    const state = await getState(player.url);
    expect(state.fallback).toBe(true);
    expect(state.warnings.join('\n')).toContain(`${pack.playlist}: not valid JSON`);
  });

  it('a wrong config value is named and replaced by its default; the rest of the file still applies', async () => {
    const pack = await makeTempPack();
    const config = JSON.parse(await readFile(pack.config, 'utf8'));
    await writeFile(pack.config, JSON.stringify({ ...config, window: { mode: 'rect', x: 0, y: 0, width: 'wide', height: 64 } }));
    const player = await start(pack.config, pack.dataDir);
    const state = await getState(player.url);
    expect(state.warnings.join('\n')).toContain(`${pack.config}: window.width:`);
    expect(player.runtime.config.window).toEqual({ mode: 'fullscreen', display: 0 });
    expect(state.organisation).toBe('测试学校');
    expect(state.fallback).toBe(false);
  });

  it('bad items are skipped one by one with their position; good ones play', async () => {
    const pack = await makeTempPack([
      { kind: 'slogan', id: 'ok', locale: 'en', text: 'Verify before you transfer' },
      { kind: 'slogan', id: 'BAD ID', locale: 'en', text: 'x' },
      { kind: 'video', id: 'missing', locale: 'en', title: 'x', file: 'media/nope.webm' },
      { kind: 'video', id: 'remote', locale: 'en', title: 'x', file: 'https://evil.example/x.webm' },
    ]);
    const player = await start(pack.config, pack.dataDir);
    const state = await getState(player.url);
    expect(state.items.map((i) => i.id)).toEqual(['ok']);
    const warnings = state.warnings.join('\n');
    expect(warnings).toContain('items[1].id');
    expect(warnings).toContain('items[2] (missing): file "media/nope.webm" not found');
    expect(warnings).toContain('items[3].file: a path inside the pack, not a URL');
  });

  it('a playlist broken while playing keeps the last good version on screen', async () => {
    const pack = await makeTempPack();
    const player = await start(pack.config, pack.dataDir);
    const before = player.runtime.state().version;
    await writeFile(pack.playlist, 'not json at all');
    await expect.poll(() => player.runtime.state().version, { timeout: 5000 }).toBeGreaterThan(before);
    const state = player.runtime.state();
    expect(state.fallback).toBe(false);
    expect(state.items).toHaveLength(4);
    expect(state.warnings.join('\n')).toContain('still playing the previous version');
  });
});
