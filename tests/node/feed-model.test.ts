import { createHash } from 'node:crypto';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { FeedSettings } from '../../src/core/model/feed-config';
import { decodeSnapshot } from '../../src/node/snapshot/snapshot-store';
import { createFeedSync, type FeedSync } from '../../src/node/sync/feed-sync';
import { rss, send, startFeedServer, type FeedServer } from '../fixtures/feeds/server';

const VIDEO = Buffer.from('not-really-a-video '.repeat(50));
const VIDEO_SHA = createHash('sha256').update(VIDEO).digest('hex');
const now = new Date('2025-03-01T08:00:00Z');
let server: FeedServer;
let dataDir: string;
const syncs: FeedSync[] = [];

beforeEach(async () => {
  server = await startFeedServer();
  dataDir = await mkdtemp(join(tmpdir(), 'kiosk-feed-model-'));
  server.routes.set('/v.webm', send(VIDEO, { 'content-type': 'video/webm' }));
});
afterEach(async () => {
  for (const s of syncs.splice(0)) await s.stop();
  await server.close();
  await rm(dataDir, { recursive: true, force: true });
});

async function open(): Promise<FeedSync> {
  const settings = FeedSettings.parse({ sources: [{ url: `${server.origin}/feed.xml`, allowHttp: true }], privateHosts: ['127.0.0.1'] });
  const sync = await createFeedSync({ settings, dataDir, now: () => now, log: () => {} });
  syncs.push(sync);
  return sync;
}

/** Serves `body` with ETag `etag`, answering 304 to a request that already has it. */
function publish(body: string, etag: string): void {
  server.routes.set('/feed.xml', (req, res) => {
    if (req.headers['if-none-match'] === etag) res.writeHead(304, { etag }).end();
    else res.writeHead(200, { 'content-type': 'application/rss+xml; charset=utf-8', etag }).end(body);
  });
}

describe('the feed-item model', () => {
  it('renderers are told only when what they show changed: a 304 or the same content again is silent', async () => {
    publish(rss([{ guid: 's', title: '陌生来电要核实' }]), '"e1"');
    const sync = await open();
    let changes = 0;
    sync.onChange(() => changes++);
    await sync.syncNow();
    expect(changes).toBe(1);
    for (let i = 0; i < 3; i++) await sync.syncNow();
    expect(server.requests.filter((r) => r.path === '/feed.xml')).toHaveLength(4);
    expect(changes).toBe(1);
    publish(rss([{ guid: 's', title: '陌生来电要核实' }]), '"e2"');
    await sync.syncNow();
    expect(changes).toBe(1);
    publish(rss([{ guid: 's', title: '个人信息不透露' }]), '"e3"');
    await sync.syncNow();
    expect(changes).toBe(2);
  });

  it('alerts come apart from items; a video is stored without a placeholder file, its media need beside it', async () => {
    publish(rss([
      { guid: 's', title: '陌生来电要核实' },
      { guid: 'v', title: '防骗视频', categories: ['视频'], enclosure: { url: `${server.origin}/v.webm`, type: 'video/webm' } },
      { guid: 'a', title: '紧急预警：冒充公安', categories: ['预警'] },
    ]), '"e1"');
    const sync = await open();
    await sync.syncNow();
    expect(sync.items().map((i) => i.kind)).toEqual(['slogan', 'video']);
    expect(sync.items()[1]).toMatchObject({ kind: 'video', file: `media/cache/${VIDEO_SHA}` });
    expect(sync.alerts()).toEqual([expect.objectContaining({ kind: 'alert', text: '紧急预警：冒充公安' })]);
    const saved = await readFile(join(dataDir, 'feed/snapshot.json'), 'utf8');
    expect(saved).not.toContain('media/pending');
    const snapshot = JSON.parse(saved.slice(65)) as { sources: { entries: { item: Record<string, unknown>; media: unknown[] }[]; alerts: unknown[] }[] };
    const video = snapshot.sources[0]?.entries.find((e) => e.item.kind === 'video');
    expect(video?.item).not.toHaveProperty('file');
    expect(video?.media).toEqual([{ field: 'file', url: `${server.origin}/v.webm` }]);
    expect(snapshot.sources[0]?.alerts).toHaveLength(1);
  });
});

describe('snapshot format 1', () => {
  it('still loads after an upgrade: alerts moved out of the entries, placeholder files dropped', () => {
    const body = JSON.stringify({
      format: 'kiosk-feed-snapshot/1', savedAt: '2025-03-01T00:00:00.000Z', lastSuccess: null, media: {},
      sources: [{ url: 'https://feed.example/rss', fetchedAt: '2025-03-01T00:00:00Z', quarantined: [], entries: [
        { item: { kind: 'video', id: 'v', locale: 'zh-CN', title: '视频', file: 'media/pending' }, media: [{ field: 'file', url: 'https://cdn.example/v.webm' }] },
        { item: { kind: 'alert', id: 'a', text: '预警', level: 'warning', starts: '2025-03-01T00:00:00.000Z', expires: '2025-03-02T00:00:00.000Z' }, media: [] },
      ] }],
    });
    const decoded = decodeSnapshot(`${createHash('sha256').update(body).digest('hex')}\n${body}`);
    if (!decoded.ok) throw new Error(decoded.error);
    const [source] = decoded.value.sources;
    expect(source?.entries.map((e) => e.item)).toEqual([{ kind: 'video', id: 'v', locale: 'zh-CN', title: '视频' }]);
    expect(source?.alerts.map((a) => a.id)).toEqual(['a']);
  });
});
