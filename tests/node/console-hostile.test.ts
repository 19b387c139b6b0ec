import { createHash, createPublicKey } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CONTENT_SECURITY_POLICY } from '../../src/server/app';
import { CONSOLE_CONTENT_SECURITY_POLICY } from '../../src/server/security/headers';
import { ConsoleClient, fromAddress, PASSWORD, REPO_ROOT } from '../helpers/console-client';
import { rssBytes, sendChunkedBody, startConsoleProcess, type ConsoleProcess } from '../helpers/console-process';
import { rawRequest } from '../helpers/http-raw';

// A console in its own process on loopback, sent requests that really run at the same time
// (one socket each, Promise.all) from several loopback addresses (127.0.0.x), as strangers
// on a school network would. Each test uses addresses of its own: limits count per address.

let p: ConsoleProcess;
let admin: ConsoleClient;

const wrong = { password: 'not the password' };
const auditLines = async (): Promise<{ action: string; actor: string; detail: string }[]> =>
  (await readFile(join(p.dataDir, 'audit', 'audit.jsonl'), 'utf8')).split('\n').filter(Boolean).map((l) => JSON.parse(l) as { action: string; actor: string; detail: string });

beforeAll(async () => {
  p = await startConsoleProcess();
  admin = new ConsoleClient(p.origin);
}, 120_000);
afterAll(async () => p?.stop());

describe('the console under simultaneous and hostile requests', { timeout: 120_000 }, () => {
  it('three simultaneous set-ups with one token create exactly one admin', async () => {
    const clients = [admin, new ConsoleClient(p.origin, fromAddress('127.0.0.2')), new ConsoleClient(p.origin, fromAddress('127.0.0.3'))];
    const replies = await Promise.all(clients.map((c, i) => c.call('setup', { body: { token: p.setupToken, username: i === 0 ? 'admin' : `admin${i}`, password: PASSWORD } })));
    expect(replies.map((r) => r.status).sort()).toEqual([200, 403, 403]);
    const winner = clients[replies.findIndex((r) => r.status === 200)]!;
    admin = winner;
    const accounts = await winner.call('listAccounts');
    expect(accounts.data).toHaveLength(1);
    expect((await auditLines()).filter((l) => l.action === 'setup')).toHaveLength(1);
  });

  it('refuses a 300 MB chunked body with 413 while the console stays under 200 MB', async () => {
    let peak = rssBytes(p.child.pid!);
    const reply = await sendChunkedBody(`${p.origin}/console/api/login`, { 'content-type': 'application/json', origin: p.origin }, 300 * 1024 * 1024, () => {
      peak = Math.max(peak, rssBytes(p.child.pid!));
    });
    peak = Math.max(peak, rssBytes(p.child.pid!));
    expect(reply.status).toBe(413);
    expect(JSON.parse(reply.body)).toEqual({ ok: false, error: 'request body larger than 2000000 bytes' });
    expect(peak).toBeLessThan(200 * 1024 * 1024);
    // Still answering afterwards.
    expect((await admin.call('session')).status).toBe(200);
  });

  it('counts 40 wrong sign-ins sent at once: most are refused before the password is checked', async () => {
    const attacker = new ConsoleClient(p.origin, fromAddress('127.0.0.4'));
    const replies = await Promise.all(Array.from({ length: 40 }, () => attacker.call('login', { body: { username: 'admin', ...wrong } })));
    expect(replies.every((r) => r.status === 403)).toBe(true);
    const checked = replies.filter((r) => r.error === 'wrong user name or password').length;
    const limited = replies.filter((r) => /^too many failed sign-ins; try again in/.test(r.error)).length;
    // At most 10 per address can reach the password check, whatever the timing.
    expect(checked).toBeGreaterThanOrEqual(1);
    expect(checked).toBeLessThanOrEqual(10);
    expect(limited).toBe(40 - checked);
  });

  it('ignores X-Forwarded-For from a client that is not a listed proxy: forged values are still limited', async () => {
    const forger = new ConsoleClient(p.origin, fromAddress('127.0.0.5'));
    const errors: string[] = [];
    for (let i = 0; i < 14; i++) {
      const reply = await forger.call('login', { body: { username: `guess${i}`, ...wrong }, headers: { 'x-forwarded-for': `203.0.113.${i + 1}` } });
      errors.push(reply.error);
    }
    expect(errors.slice(0, 10)).toEqual(Array(10).fill('wrong user name or password'));
    expect(errors.slice(10)).toEqual(Array(4).fill(expect.stringMatching(/^too many failed sign-ins; try again in 1[45] min$/)));
  });

  it('lets the real user sign in from their own address after a short wait while their account is attacked', async () => {
    expect((await admin.call('createAccount', { body: { username: 'victim', password: PASSWORD, roles: ['editor'] } })).status).toBe(200);
    const attacker = new ConsoleClient(p.origin, fromAddress('127.0.0.6'));
    const attack = await Promise.all(Array.from({ length: 20 }, () => attacker.call('login', { body: { username: 'victim', ...wrong } })));
    expect(attack.filter((r) => /^too many failed sign-ins/.test(r.error)).length).toBeGreaterThanOrEqual(10);
    const user = new ConsoleClient(p.origin, fromAddress('127.0.0.7'));
    const refusals: string[] = [];
    // Polls without sleeping a fixed time; a refused try during the wait does not add to it.
    for (let tries = 0; tries < 400; tries++) {
      const reply = await user.call('login', { body: { username: 'victim', password: PASSWORD } });
      if (reply.status === 200) break;
      refusals.push(reply.error);
      await new Promise((r) => setTimeout(r, 100));
    }
    expect(refusals.every((e) => /^too many failed sign-ins; try again in \d+ s$/.test(e))).toBe(true);
    expect((await user.call('session')).data.account?.username).toBe('victim');
  });

  it('appends exactly one of 100 chunks sent at once to one offset, then completes the upload with the right hash', async () => {
    const video = await readFile(join(REPO_ROOT, 'playlists/pack/media', (await readdir(join(REPO_ROOT, 'playlists/pack/media'))).find((n) => n.endsWith('.webm'))!));
    const started = await admin.call('startUpload', { body: { name: 'clip.webm', bytes: video.length } });
    const id = started.data.id;
    const put = (offset: number, bytes: Uint8Array): Promise<Response> => fetch(`${p.origin}/console/api/uploads/${id}?offset=${offset}`, {
      method: 'PUT', body: new Uint8Array(bytes), headers: { cookie: admin.cookie, 'x-csrf-token': admin.csrf, 'content-type': 'application/octet-stream', origin: p.origin },
    });
    const first = video.subarray(0, 100_000);
    const statuses = await Promise.all(Array.from({ length: 100 }, () => put(0, first).then((r) => r.status)));
    expect(statuses.filter((s) => s === 200)).toHaveLength(1);
    expect(statuses.filter((s) => s === 409)).toHaveLength(99);
    expect((await admin.call('uploadState', { params: { id } })).data.received).toBe(100_000);
    for (let at = 100_000; at < video.length; at += 1_000_000) expect((await put(at, video.subarray(at, at + 1_000_000))).status).toBe(200);
    const finishes = await Promise.all([1, 2, 3].map(() => admin.call('finishUpload', { params: { id } })));
    expect(finishes.map((f) => f.status).sort()).toEqual([200, 404, 404]);
    const stored = finishes.find((f) => f.status === 200)!.data;
    expect(stored.sha256).toBe(createHash('sha256').update(video).digest('hex'));
    expect(stored.bytes).toBe(video.length);
  });

  it('runs 12 simultaneous key rotations one after another: every archived key has its public key, the current pair matches', async () => {
    const replies = await Promise.all(Array.from({ length: 12 }, () => admin.call('rotateKey', { body: {} })));
    expect(replies.map((r) => r.status)).toEqual(Array(12).fill(200));
    const dir = join(p.dataDir, 'keys');
    const derive = (pem: string): string => createPublicKey(pem).export({ type: 'spki', format: 'der' }).toString('base64');
    const current = derive(await readFile(join(dir, 'publisher.key'), 'utf8'));
    expect((await readFile(join(dir, 'publisher.pub'), 'utf8')).trim()).toBe(current);
    const archived = (await readdir(dir)).filter((n) => /^publisher\.key\..+\.old$/.test(n));
    expect(archived).toHaveLength(12);
    const archivedPublic: string[] = [];
    for (const name of archived) {
      const pub = (await readFile(join(dir, name.replace(/^publisher\.key/, 'publisher.pub')), 'utf8')).trim();
      expect(derive(await readFile(join(dir, name), 'utf8'))).toBe(pub);
      archivedPublic.push(pub);
    }
    // Every key handed out exists on disk: the current one or an archived one.
    const given = replies.map((r) => r.data.publicKey);
    expect(new Set(given).size).toBe(12);
    for (const key of given) expect([current, ...archivedPublic]).toContain(key);
    expect((await admin.call('keys')).data.publicKey).toBe(current);
  });

  it('serves the console and its preview with the player CSP, framing by its own pages only', async () => {
    expect(CONSOLE_CONTENT_SECURITY_POLICY.replace("frame-ancestors 'self'", "frame-ancestors 'none'")).toBe(CONTENT_SECURITY_POLICY);
    for (const path of ['/console/', '/console/api/session', '/console/preview/x/draft/']) {
      const response = await fetch(`${p.origin}${path}`, { headers: { cookie: admin.cookie } });
      expect(response.headers.get('content-security-policy'), path).toBe(CONSOLE_CONTENT_SECURITY_POLICY);
      expect(response.headers.get('x-frame-options'), path).toBe('SAMEORIGIN');
    }
  });

  it('serves no file outside its folders, however the path is spelled', async () => {
    const secret = (await readFile(join(p.dataDir, 'keys', 'publisher.key'), 'utf8')).split('\n')[1] ?? '';
    expect(secret.length).toBeGreaterThan(10);
    const paths = [
      '/feed/../keys/publisher.key', '/feed/%2e%2e/keys/publisher.key', '/feed/..%2fkeys%2fpublisher.key', '/feed/%2e%2e%2f%2e%2e%2faccounts.json',
      '/console/..%2f..%2fkeys/publisher.key', '/console/preview/x/draft/..%2f..%2f..%2fkeys/publisher.key', '/console/preview/x/draft/media/pack/..%2f..%2fkeys/publisher.key',
    ];
    for (const path of paths) {
      const reply = await rawRequest(`${p.origin}${path}`, { headers: { host: new URL(p.origin).host, cookie: admin.cookie } });
      expect(reply.body, path).not.toContain(secret);
      expect(reply.body, path).not.toContain('scrypt$');
    }
  });
});
