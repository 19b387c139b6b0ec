import { request } from 'node:http';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main';
import { LOCAL_TOKEN_HEADER, SESSION_HEADER } from '../../src/core/api/contract';
import type { BrowserPlayer } from '../../src/app/browser-player';
import { readLocalToken } from '../../src/node/local-token';
import { PLAY_RATE } from '../../src/server/app';
import { fakeIo } from '../helpers/fake-io';
import { sessionSecret, startTestPlayer } from '../helpers/guarded-player';
import { rawRequest, statusBeforeBodyEnds } from '../helpers/http-raw';
import { makeTempPack, SAMPLE_ITEMS } from '../helpers/temp-pack';

const opened: BrowserPlayer[] = [];
afterEach(async () => {
  await Promise.all(opened.splice(0).map((p) => p.close()));
});

const play = (i: number): string =>
  JSON.stringify({ itemId: `v${i}`, kind: 'video', title: 't', start: '2026-11-22T08:00:00.000Z', durationMs: 25_000, completed: true });

async function player(config: Record<string, unknown> = {}, items: readonly unknown[] = SAMPLE_ITEMS, now?: () => Date): Promise<BrowserPlayer> {
  const pack = await makeTempPack(items);
  const { writeFile, readFile } = await import('node:fs/promises');
  await writeFile(pack.config, JSON.stringify({ ...JSON.parse(await readFile(pack.config, 'utf8')), ...config }));
  return startTestPlayer(opened, { configPath: pack.config, dataDir: pack.dataDir, ...(now ? { now } : {}) });
}

describe('Host and Origin', () => {
  it('a DNS-rebinding page (Host: attacker name) can neither read the state nor write plays', async () => {
    const p = await player();
    const port = new URL(p.url).port;
    const read = await rawRequest(p.url + 'api/state', { headers: { host: `rebind.attacker.example:${port}` } });
    expect(read.status).toBe(421);
    expect(read.body).not.toContain('lobby-1');
    const write = await rawRequest(p.url + 'api/plays', {
      method: 'POST',
      headers: { host: `rebind.attacker.example:${port}`, origin: `http://rebind.attacker.example:${port}`, 'content-type': 'application/json' },
      body: play(1),
    });
    expect(write.status).toBe(421);
  });

  it('answers the bound address, localhost, [::1] and a configured name', async () => {
    const p = await player({ server: { allowedHosts: ['kiosk.school.lan'] } });
    const port = new URL(p.url).port;
    for (const host of [`127.0.0.1:${port}`, `localhost:${port}`, `[::1]:${port}`, `kiosk.school.lan:${port}`]) {
      const res = await rawRequest(p.url + 'api/state', { headers: { host } });
      expect({ host, status: res.status }).toEqual({ host, status: 200 });
    }
    for (const host of [`localhost:1`, `kiosk.school.lan.attacker.example:${port}`, `127.0.0.2:${port}`]) {
      expect((await rawRequest(p.url + 'api/state', { headers: { host } })).status).toBe(421);
    }
  });

  it('writes need the per-launch secret from the page and a same-origin Origin', async () => {
    const p = await player();
    const secret = await sessionSecret(p.url);
    expect(secret).toMatch(/^[0-9a-f]{64}$/);
    const origin = p.url.replace(/\/$/, '');
    const post = (headers: Record<string, string>) =>
      rawRequest(p.url + 'api/plays', { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: play(1) });
    expect((await post({ origin })).status).toBe(403);
    expect((await post({ origin, [SESSION_HEADER]: 'f'.repeat(64) })).status).toBe(403);
    expect((await post({ origin: 'http://127.0.0.1:1', [SESSION_HEADER]: secret ?? '' })).status).toBe(403);
    expect((await post({ origin: 'null', [SESSION_HEADER]: secret ?? '' })).status).toBe(403);
    expect((await post({ origin, [SESSION_HEADER]: secret ?? '' })).status).toBe(200);
    // A second launch has another secret.
    const other = await player();
    expect(await sessionSecret(other.url)).not.toBe(secret);
  });
});

describe('limits', () => {
  it('a flood of plays is rate-limited, so it cannot rotate genuine records out of the log', async () => {
    // The clock stands still, so the bucket never refills: how fast this machine sends the 200
    // requests cannot change how many get through.
    const p = await player({}, SAMPLE_ITEMS, () => new Date('2026-11-22T08:00:00.000Z'));
    const headers = { 'content-type': 'application/json', origin: p.url.replace(/\/$/, ''), [SESSION_HEADER]: (await sessionSecret(p.url)) ?? '' };
    const statuses: number[] = [];
    for (let i = 0; i < 200; i++) statuses.push((await rawRequest(p.url + 'api/plays', { method: 'POST', headers, body: play(i) })).status);
    const accepted = statuses.filter((s) => s === 200).length;
    expect(accepted).toBe(PLAY_RATE.capacity);
    expect(statuses.slice(0, accepted).every((s) => s === 200)).toBe(true);
    expect(statuses.filter((s) => s === 429)).toHaveLength(200 - accepted);
    const dataDir = p.runtime.dataDir;
    await p.close();
    opened.splice(opened.indexOf(p), 1);
    const io = fakeIo();
    expect(await main(['report', '--verify', '--log', join(dataDir, 'play-log')], io)).toBe(0);
    expect(io.stdout.join('\n')).toContain(`chain OK: ${accepted} records`);
  });

  it('a 20 MB body gets 413 before it has been sent, with or without a length', async () => {
    const p = await player();
    const secret = (await sessionSecret(p.url)) ?? '';
    const headers = { 'content-type': 'application/json', origin: p.url.replace(/\/$/, ''), [SESSION_HEADER]: secret };
    expect(await statusBeforeBodyEnds(p.url + 'api/plays', headers, 20_000_000, 256 * 1024, 3000)).toBe(413);
    const token = (await readLocalToken(p.runtime.dataDir)) ?? '';
    const chunked = await chunkedStatus(p.url + 'api/alerts', { 'content-type': 'application/json', [LOCAL_TOKEN_HEADER]: token }, 2_000_000);
    expect(chunked).toBe(413);
  });

  it('caps the number of event streams, and a closed one frees its slot', async () => {
    const p = await player();
    const streams: AbortController[] = [];
    let refused: number | undefined;
    for (let i = 0; i < 100 && refused === undefined; i++) {
      const ctl = new AbortController();
      const res = await fetch(p.url + 'api/events', { signal: ctl.signal });
      if (res.status === 200) streams.push(ctl);
      else refused = res.status;
    }
    expect(refused).toBe(503);
    expect(streams.length).toBeGreaterThanOrEqual(4);
    expect(streams.length).toBeLessThanOrEqual(64);
    streams.pop()?.abort();
    await expect.poll(async () => {
      const ctl = new AbortController();
      const res = await fetch(p.url + 'api/events', { signal: ctl.signal });
      if (res.status === 200) streams.push(ctl);
      return res.status;
    }, { timeout: 2000, interval: 100 }).toBe(200);
    streams.forEach((c) => c.abort());
  });
});

describe('operator details are for the operator', () => {
  it('the public state hides warnings; the local token shows them', async () => {
    const p = await player({}, [...SAMPLE_ITEMS, { kind: 'video', id: 'gone', locale: 'en', title: 'x', file: 'media/nope.webm' }]);
    const pub = JSON.parse((await rawRequest(p.url + 'api/state')).body) as { warnings: string[] };
    expect(pub.warnings).toEqual([]);
    const token = (await readLocalToken(p.runtime.dataDir)) ?? '';
    const full = JSON.parse((await rawRequest(p.url + 'api/state', { headers: { [LOCAL_TOKEN_HEADER]: token } })).body) as { warnings: string[] };
    expect(full.warnings.join('\n')).toContain('media/nope.webm');
  });
});

function chunkedStatus(url: string, headers: Record<string, string>, bytes: number): Promise<number> {
  const target = new URL(url);
  return new Promise((resolve, reject) => {
    const req = request({ host: target.hostname, port: target.port, path: target.pathname, method: 'POST', headers }, (res) => {
      res.resume();
      req.destroy();
      resolve(res.statusCode ?? 0);
    });
    req.on('error', reject);
    const chunk = Buffer.alloc(64 * 1024, 0x20);
    let sent = 0;
    const pump = (): void => {
      while (sent < bytes) {
        sent += chunk.length;
        if (!req.write(chunk)) return void req.once('drain', pump);
      }
      req.end();
    };
    pump();
  });
}
