import { createHash } from 'node:crypto';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { FeedSettings } from '../../src/core/model/feed-config';
import { createFeedSync, type FeedSync } from '../../src/node/sync/feed-sync';
import { generateEd25519, parsePrivateKey, signBytes } from '../../src/node/signing/ed25519';
import { rss, send, startFeedServer, type FeedServer } from '../fixtures/feeds/server';

const VIDEO = Buffer.from('WEBM-not-really-a-video-but-bytes-'.repeat(100));
const VIDEO_SHA = createHash('sha256').update(VIDEO).digest('hex');
let server: FeedServer;
let dataDir: string;
let clock = new Date('2025-03-01T08:00:00Z');
const logs: string[] = [];
const syncs: FeedSync[] = [];

const settingsFor = (extra: Record<string, unknown> = {}) =>
  FeedSettings.parse({
    sources: [{ url: `${server.origin}/feed.xml`, allowHttp: true, tags: ['lobby'] }], privateHosts: ['127.0.0.1'],
    pollSeconds: 60, timeouts: { connectMs: 500, feedMs: 1500, mediaMs: 1500 }, ...extra,
  });
async function open(extra: Record<string, unknown> = {}): Promise<FeedSync> {
  const sync = await createFeedSync({ settings: settingsFor(extra), dataDir, now: () => clock, log: (l) => logs.push(l), random: () => 0.5 });
  syncs.push(sync);
  return sync;
}
const texts = (sync: FeedSync): string[] => sync.items().map((i) => (i.kind === 'slogan' ? i.text : i.kind === 'alert' ? i.text : 'title' in i ? i.title : ''));

function publish(items: Parameters<typeof rss>[0], channelExtra = '', etag = '"e1"'): string {
  const body = rss(items, channelExtra);
  server.routes.set('/feed.xml', (req, res) => {
    if (req.headers['if-none-match'] === etag) res.writeHead(304).end();
    else res.writeHead(200, { 'content-type': 'application/rss+xml; charset=utf-8', etag }).end(body);
  });
  return body;
}

beforeEach(async () => {
  server = await startFeedServer();
  dataDir = await mkdtemp(join(tmpdir(), 'feed-sync-'));
  clock = new Date('2025-03-01T08:00:00Z');
  logs.length = 0;
  server.routes.set('/v.webm', send(VIDEO, { 'content-type': 'video/webm' }));
});
afterEach(async () => {
  for (const s of syncs.splice(0)) await s.stop();
  await server.close();
  await rm(dataDir, { recursive: true, force: true });
});

describe('feed sync', () => {
  it('accepts, caches media, keeps the snapshot across a restart and costs a 304 when unchanged', async () => {
    publish([
      { guid: 's1', title: '转账汇款多核实', categories: ['标语'] },
      { guid: 'v1', title: '防骗视频', categories: ['视频'], enclosure: { url: `${server.origin}/v.webm`, type: 'video/webm' } },
      { guid: 'spam', title: 'bet365 online live casino 反诈', categories: ['标语'] },
    ]);
    const first = await open();
    const status = await first.syncNow();
    expect(texts(first)).toEqual(['转账汇款多核实', '防骗视频']);
    expect(first.items()[1]).toMatchObject({ kind: 'video', file: `media/cache/${VIDEO_SHA}`, tags: ['lobby'] });
    expect(await readFile(first.cacheFile(VIDEO_SHA) ?? '')).toEqual(VIDEO);
    expect(status).toMatchObject({ source: 'feed', accepted: 2, lastError: null, lastSuccess: clock.toISOString(), cacheBytes: VIDEO.length });
    expect(status.quarantined).toEqual([expect.objectContaining({ reason: expect.stringContaining('blocked term') })]);
    expect(logs.some((l) => l.includes('quarantined') && l.includes('blocked term'))).toBe(true);
    await first.stop();

    await server.close();
    const restarted = await open();
    expect(texts(restarted)).toEqual(['转账汇款多核实', '防骗视频']);
    expect(restarted.status().source).toBe('snapshot');
    const offline = await restarted.syncNow();
    expect(offline.lastError).toMatch(/connection refused|ECONNREFUSED/);
    expect(texts(restarted)).toEqual(['转账汇款多核实', '防骗视频']);
  });

  it('polls on start, and after a failure retries sooner with backoff and jitter', async () => {
    publish([{ guid: 'a', title: '第一条' }]);
    const sync = await open();
    const synced = new Promise<void>((resolve) => sync.onChange(resolve));
    sync.start();
    await synced;
    expect(texts(sync)).toEqual(['第一条']);
    expect(sync.status().nextAttempt).toBe(new Date(clock.getTime() + 60_000).toISOString());
    server.routes.set('/feed.xml', send('oops', {}, 500));
    await sync.syncNow();
    // First failure: 5 s base, half fixed plus half times random() = 0.5.
    expect(sync.status()).toMatchObject({ lastError: expect.stringContaining('HTTP 500'), nextAttempt: new Date(clock.getTime() + 3750).toISOString() });
    expect(texts(sync)).toEqual(['第一条']);
  });

  it('sends the persisted ETag after a restart and gets a 304', async () => {
    publish([{ guid: 's1', title: '个人信息不透露' }]);
    await (await open()).syncNow();
    await syncs[0]?.stop();
    const again = await open();
    await again.syncNow();
    const last = server.requests.filter((r) => r.path === '/feed.xml').at(-1);
    expect(last?.headers['if-none-match']).toBe('"e1"');
    expect(texts(again)).toEqual(['个人信息不透露']);
    expect(again.status().source).toBe('feed');
  });

  it('new items appear on the next sync; a broken feed keeps the last good content', async () => {
    publish([{ guid: 'a', title: '第一条' }]);
    const sync = await open();
    let changes = 0;
    sync.onChange(() => changes++);
    await sync.syncNow();
    publish([{ guid: 'a', title: '第一条' }, { guid: 'b', title: '第二条', pubDate: 'Sat, 01 Mar 2025 07:00:00 GMT' }], '', '"e2"');
    await sync.syncNow();
    expect(texts(sync)).toEqual(['第一条', '第二条']);
    for (const [body, reason] of [
      ['<!DOCTYPE html><html><body>Portal login</body></html>', 'received an HTML page'],
      ['<?xml version="1.0"?><rss version="2.0"><channel><item><title>tr', 'not a readable'],
      ['', 'the feed is empty'],
    ] as const) {
      server.routes.set('/feed.xml', send(body, { 'content-type': 'text/html' }));
      const status = await sync.syncNow();
      expect(status.lastError).toContain(reason);
      expect(texts(sync)).toEqual(['第一条', '第二条']);
    }
    expect(changes).toBe(5);
  });

  it('a corrupt cache entry is detected at start; the video is skipped until fetched again', async () => {
    publish([{ guid: 'v1', title: '防骗视频', categories: ['video'], enclosure: { url: `${server.origin}/v.webm`, type: 'video/webm', sha256: VIDEO_SHA } }]);
    const first = await open();
    await first.syncNow();
    const path = first.cacheFile(VIDEO_SHA) ?? '';
    await first.stop();
    await writeFile(path, 'garbage');
    const second = await open();
    expect(second.items()).toEqual([]);
    expect(second.cacheFile(VIDEO_SHA)).toBeUndefined();
    await second.syncNow();
    expect(second.items()).toEqual([expect.objectContaining({ file: `media/cache/${VIDEO_SHA}` })]);
    expect(await readFile(path)).toEqual(VIDEO);
  });

  it('a download that does not match the published hash is never used', async () => {
    publish([{ guid: 'v1', title: '防骗视频', categories: ['video'], enclosure: { url: `${server.origin}/v.webm`, type: 'video/webm', sha256: 'f'.repeat(64) } }]);
    const sync = await open();
    const status = await sync.syncNow();
    expect(sync.items()).toEqual([]);
    expect(status.lastError).toContain('does not match its published SHA-256');
  });
});

describe('signed feeds', () => {
  const pair = generateEd25519();
  const key = parsePrivateKey(pair.privateKeyPem);
  const sign = (body: string): string => (key.ok ? signBytes(Buffer.from(body), key.value) : '');
  const meta = (version: number, expires = '2025-03-10T00:00:00Z') => `<kiosk:version>${version}</kiosk:version><kiosk:expires>${expires}</kiosk:expires>`;
  function publishSigned(title: string, version: number, signature?: (body: string) => string, expires?: string): void {
    const body = publish([{ guid: title, title }], meta(version, expires), `"v${version}-${signature ? 1 : 0}-${expires ?? ""}"`);
    server.routes.set('/feed.xml.sig', send((signature ?? sign)(body), { 'content-type': 'text/plain' }));
  }

  it('accepts well-signed content and rejects bad, unsigned, expired and older content, keeping the last good', async () => {
    publishSigned('签名内容一', 2);
    const sync = await open({ publicKey: pair.publicKeyBase64 });
    expect((await sync.syncNow()).lastError).toBeNull();
    expect(texts(sync)).toEqual(['签名内容一']);

    publishSigned('被篡改', 3, () => sign('something else'));
    expect((await sync.syncNow()).lastError).toContain('bad signature');
    publishSigned('旧版本', 1);
    expect((await sync.syncNow()).lastError).toContain('older than the accepted version 2');
    publishSigned('过期', 4, undefined, '2025-02-01T00:00:00Z');
    expect((await sync.syncNow()).lastError).toContain('expired');
    publish([{ guid: 'u', title: '未签名' }], meta(5), '"u"');
    server.routes.delete('/feed.xml.sig');
    expect((await sync.syncNow()).lastError).toContain('unsigned content refused');
    expect(texts(sync)).toEqual(['签名内容一']);

    publishSigned('签名内容二', 3);
    expect((await sync.syncNow()).lastError).toBeNull();
    expect(texts(sync)).toEqual(['签名内容二']);
  });

  it('a signed manifest with media hashes is accepted; a tampered one is not', async () => {
    const manifest = JSON.stringify({
      version: 7, expires: '2025-03-10T00:00:00Z', title: '反诈中心',
      items: [{ key: 'm1', kind: 'video', title: '清单视频', media: [{ url: `${server.origin}/v.webm`, type: 'video/webm', sha256: VIDEO_SHA }] }],
    });
    const envelope = { format: 'kiosk-signed-manifest/1', manifest, signature: sign(manifest) };
    server.routes.set('/feed.xml', send(JSON.stringify(envelope), { 'content-type': 'application/json' }));
    const sync = await open({ publicKey: pair.publicKeyPem });
    expect((await sync.syncNow()).lastError).toBeNull();
    expect(sync.items()).toEqual([expect.objectContaining({ kind: 'video', title: '清单视频', file: `media/cache/${VIDEO_SHA}` })]);
    const tampered = { ...envelope, manifest: manifest.replace('清单视频', '篡改视频') };
    server.routes.set('/feed.xml', send(JSON.stringify(tampered), { 'content-type': 'application/json' }));
    expect((await sync.syncNow()).lastError).toContain('manifest signature does not match');
    expect(sync.items()).toEqual([expect.objectContaining({ title: '清单视频' })]);
  });
});
