import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { FeedSettings } from '../../src/core/model/feed-config';
import { policyConfig } from '../../src/core/policy/content-policy';
import { createFeedParser, type FeedParser } from '../../src/node/feed/parse-pool';
import { createFeedSync, type FeedSync } from '../../src/node/sync/feed-sync';
import { rss, send, startFeedServer, type FeedServer } from '../fixtures/feeds/server';

const now = new Date('2025-03-01T08:00:00Z');
let server: FeedServer;
let dataDir: string;
const closing: { close(): Promise<void> }[] = [];

beforeEach(async () => {
  server = await startFeedServer();
  dataDir = await mkdtemp(join(tmpdir(), 'kiosk-feed-worker-'));
});
afterEach(async () => {
  for (const c of closing.splice(0)) await c.close();
  await server.close();
  await rm(dataDir, { recursive: true, force: true });
});

const many = (n: number, prefix: string) => rss(Array.from({ length: n }, (_, i) => ({ guid: `${prefix}${i}`, title: `${prefix}条目${i}` })));
const settings = (parseMs: number) =>
  FeedSettings.parse({ sources: [{ url: `${server.origin}/feed.xml`, allowHttp: true }], privateHosts: ['127.0.0.1'], maxItemsPerFeed: 5000, timeouts: { parseMs } });

async function open(parseMs: number): Promise<FeedSync> {
  const sync = await createFeedSync({ settings: settings(parseMs), dataDir, now: () => now, log: () => {}, random: () => 0.5 });
  closing.push({ close: () => sync.stop() });
  return sync;
}

describe('the feed parser thread', () => {
  it('a parse over its deadline is stopped; the last good content stays and lastError says why', async () => {
    server.routes.set('/feed.xml', send(many(3, 'good')));
    const first = await open(15_000);
    expect((await first.syncNow()).lastError).toBeNull();
    await first.stop();
    // 20,000 items and a 10 ms deadline (the least allowed): the parse's own work, not this
    // machine's speed, puts it past the deadline; a slower machine only makes it surer.
    server.routes.set('/feed.xml', send(many(20_000, 'slow')));
    const second = await open(10);
    const status = await second.syncNow();
    expect(status.lastError).toContain('parsing took longer than 10 ms and was stopped');
    expect(second.items().map((i) => (i.kind === 'slogan' ? i.text : ''))).toEqual(['good条目0', 'good条目1', 'good条目2']);
    expect(status.source).toBe('snapshot');
  });

  it('a worker that runs out of memory fails that parse only; the next parse gets a new worker', async () => {
    // The deadline and the test's time are far beyond need: on a loaded machine the worker
    // must run out of memory before either, or the test would measure speed, not the heap cap.
    const parser: FeedParser = createFeedParser({ deadlineMs: 300_000, maxHeapMb: 48 });
    closing.push(parser);
    const map = {
      sourceUrl: 'https://feed.example/rss', defaultKind: 'slogan' as const, sourceTags: [], maxAgeDays: 30, maxItems: 5000,
      policy: policyConfig({ blockedTerms: [], allowedPhones: [], allowedLinkHosts: [] }), now,
    };
    const huge = await parser.parse({ bytes: Buffer.from(many(60_000, "big")), contentType: undefined, map });
    expect(huge).toEqual({ ok: false, error: expect.stringMatching(/the feed parser (failed|stopped)/) });
    const small = await parser.parse({ bytes: Buffer.from(many(2, 'ok')), contentType: undefined, map });
    expect(small.ok && small.value.mapped.entries.length).toBe(2);
  }, 360_000);
});
