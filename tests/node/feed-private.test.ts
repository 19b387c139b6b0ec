import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { FeedSettings } from '../../src/core/model/feed-config';
import { createFeedSync, type FeedSync } from '../../src/node/sync/feed-sync';
import { generateEd25519, parsePrivateKey, signBytes } from '../../src/node/signing/ed25519';
import { rss, send, startFeedServer, type FeedServer } from '../fixtures/feeds/server';

let server: FeedServer;
let dataDir: string;
const syncs: FeedSync[] = [];
const now = new Date('2025-03-01T08:00:00Z');

beforeEach(async () => {
  server = await startFeedServer();
  dataDir = await mkdtemp(join(tmpdir(), 'kiosk-feed-private-'));
  server.routes.set('/v.webm', send(Buffer.from('video-bytes'), { 'content-type': 'video/webm' }));
});
afterEach(async () => {
  for (const s of syncs.splice(0)) await s.stop();
  await server.close();
  await rm(dataDir, { recursive: true, force: true });
});

async function sync(url: string, extra: Record<string, unknown> = {}) {
  const settings = FeedSettings.parse({ sources: [{ url, allowHttp: true }], timeouts: { connectMs: 1000, feedMs: 2000, mediaMs: 2000 }, ...extra });
  const s = await createFeedSync({ settings, dataDir, now: () => now, log: () => {} });
  syncs.push(s);
  return { feed: s, status: await s.syncNow() };
}

const port = (): string => new URL(server.origin).port;

describe('feeds and media on private addresses', () => {
  it('refuses a feed on a loopback address by default, before any request is made', async () => {
    server.routes.set('/feed.xml', send(rss([{ guid: 'a', title: '陌生来电要核实' }])));
    const { status } = await sync(`${server.origin}/feed.xml`);
    expect(status.lastError).toContain('127.0.0.1 is a loopback address: refused unless 127.0.0.1 is listed in privateHosts');
    expect(server.requests).toEqual([]);
  });

  it('refuses a host name that resolves to loopback, judged on the resolved address', async () => {
    server.routes.set('/feed.xml', send(rss([{ guid: 'a', title: '陌生来电要核实' }])));
    const { status } = await sync(`http://localhost:${port()}/feed.xml`);
    expect(status.lastError).toMatch(/localhost resolves to (127\.0\.0\.1|::1), which is a loopback address: refused unless localhost is listed in privateHosts/);
    expect(server.requests).toEqual([]);
  });

  it('accepts a private host the operator lists, and still refuses media from another private host', async () => {
    server.routes.set('/feed.xml', send(rss([
      { guid: 'v', title: '防骗视频', categories: ['视频'], enclosure: { url: `http://localhost:${port()}/v.webm`, type: 'video/webm' } },
      { guid: 's', title: '陌生来电要核实' },
    ])));
    const { feed, status } = await sync(`${server.origin}/feed.xml`, { privateHosts: ['127.0.0.1'] });
    expect(feed.items().map((i) => i.kind)).toEqual(['slogan']);
    expect(status.lastError).toMatch(/media http:\/\/localhost:\d+\/v\.webm: localhost resolves to .* loopback address/);
    expect(server.requests.map((r) => r.path)).toEqual(['/feed.xml']);
  });

  it('refuses every spelling of an internal address in a URL', async () => {
    for (const host of ['2130706433', '0x7f.0.0.1', '[::1]', '[::ffff:127.0.0.1]', '169.254.169.254', '10.0.0.1', '100.64.1.1', '[fd00::1]', '[fe80::1]', '0.0.0.0']) {
      const { status } = await sync(`http://${host}:${port()}/feed.xml`);
      expect(status.lastError, host).toMatch(/is a (loopback|link-local|private|shared \(CGNAT\)|unique-local \(ULA\)|unspecified) address/);
    }
  });
});

describe('signed feeds and media hashes', () => {
  it('with a publicKey, an item whose medium has no SHA-256 is quarantined and never downloaded', async () => {
    const pair = generateEd25519();
    const key = parsePrivateKey(pair.privateKeyPem);
    const meta = '<kiosk:version>1</kiosk:version><kiosk:expires>2025-03-10T00:00:00Z</kiosk:expires>';
    const body = rss([
      { guid: 'v', title: '防骗视频', categories: ['视频'], enclosure: { url: `${server.origin}/v.webm`, type: 'video/webm' } },
      { guid: 's', title: '陌生来电要核实' },
    ], meta);
    server.routes.set('/feed.xml', send(body));
    server.routes.set('/feed.xml.sig', send(key.ok ? signBytes(Buffer.from(body), key.value) : '', { 'content-type': 'text/plain' }));
    const { feed, status } = await sync(`${server.origin}/feed.xml`, { privateHosts: ['127.0.0.1'], publicKey: pair.publicKeyBase64 });
    expect(status.lastError).toBeNull();
    expect(feed.items().map((i) => i.kind)).toEqual(['slogan']);
    expect(status.quarantined.map((q) => q.reason)).toEqual([expect.stringContaining('a signed feed must give every medium its SHA-256')]);
    expect(server.requests.map((r) => r.path)).not.toContain('/v.webm');
  });
});
