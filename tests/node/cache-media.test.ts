import { createHash } from 'node:crypto';
import { mkdir, mkdtemp, readdir, readFile, rm, utimes, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { stableHash } from '../../src/core/feed/stable-id';
import { createMediaCache, type MediaCache } from '../../src/node/cache/media-cache';
import { createHttpClient, type HttpClient } from '../../src/node/feed/http-client';
import { startFeedServer, type FeedServer } from '../fixtures/feeds/server';

const BODY = Buffer.from(Array.from({ length: 50_000 }, (_, i) => i % 251));
const SHA = createHash('sha256').update(BODY).digest('hex');
const options = { rules: { allowHttp: true, allowedHosts: [] }, maxRedirects: 2, timeoutMs: 2000 };
let server: FeedServer;
let client: HttpClient;
let dir: string;
let cache: MediaCache;

beforeAll(async () => {
  server = await startFeedServer();
  client = createHttpClient({ connectTimeoutMs: 1000, privateHosts: ['127.0.0.1'] });
  server.routes.set('/video.webm', (req, res) => {
    const m = /^bytes=(\d+)-$/.exec(req.headers.range ?? '');
    const from = m ? Number(m[1]) : 0;
    if (from > 0) res.writeHead(206, { 'content-range': `bytes ${from}-${BODY.length - 1}/${BODY.length}` }).end(BODY.subarray(from));
    else res.writeHead(200, { 'content-length': String(BODY.length) }).end(BODY);
  });
});
afterAll(async () => {
  await client.close();
  await server.close();
});
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'cache-'));
  cache = createMediaCache(dir, client);
});
afterEach(() => rm(dir, { recursive: true, force: true }));

describe('media cache', () => {
  it('stores a download under its SHA-256 and verifies it', async () => {
    const url = `${server.origin}/video.webm`;
    expect(await cache.download(url, undefined, options, 1_000_000)).toEqual({ ok: true, value: SHA });
    expect(await readFile(cache.verifiedPath(SHA) ?? '')).toEqual(BODY);
    expect((await readdir(dir)).sort()).toEqual([SHA, 'partial']);
    expect(await readdir(join(dir, 'partial'))).toEqual([]);
  });

  it('resumes a partial download with a Range request', async () => {
    const url = `${server.origin}/video.webm`;
    await mkdir(join(dir, 'partial'), { recursive: true });
    await writeFile(join(dir, 'partial', `${stableHash(url)}-${SHA.slice(0, 16)}.part`), BODY.subarray(0, 20_000));
    expect(await cache.download(url, SHA, options, 1_000_000)).toEqual({ ok: true, value: SHA });
    expect(server.requests.at(-1)?.headers.range).toBe('bytes=20000-');
    expect(await readFile(join(dir, SHA))).toEqual(BODY);
  });

  it('a damaged partial file fails the published hash, is discarded and fetched in full next time', async () => {
    const url = `${server.origin}/video.webm`;
    await mkdir(join(dir, 'partial'), { recursive: true });
    await writeFile(join(dir, 'partial', `${stableHash(url)}-${SHA.slice(0, 16)}.part`), Buffer.alloc(20_000, 7));
    const first = await cache.download(url, SHA, options, 1_000_000);
    expect(first).toEqual({ ok: false, error: expect.stringContaining('does not match its published SHA-256') });
    expect(cache.verifiedPath(SHA)).toBeUndefined();
    expect(await cache.download(url, SHA, options, 1_000_000)).toEqual({ ok: true, value: SHA });
  });

  it('refuses a file over the media cap', async () => {
    const r = await cache.download(`${server.origin}/video.webm`, undefined, options, 10_000);
    expect(r).toEqual({ ok: false, error: 'media file is over the cap of 10000 bytes' });
    expect((await readdir(dir)).filter((n) => n.length === 64)).toEqual([]);
  });

  it('evicts least recently used entries over the quota, never the needed ones', async () => {
    const names: string[] = [];
    for (let i = 0; i < 3; i++) {
      const data = Buffer.alloc(1000, i);
      const sha = createHash('sha256').update(data).digest('hex');
      await writeFile(join(dir, sha), data);
      await utimes(join(dir, sha), 1000 + i, 1000 + i);
      names.push(sha);
    }
    const [oldest, middle, newest] = names as [string, string, string];
    expect(await cache.evict(new Set([oldest]), 2000)).toEqual([middle]);
    expect((await readdir(dir)).sort()).toEqual([oldest, newest].sort());
  });

  it('a corrupt entry on disk is not trusted and is deleted', async () => {
    await writeFile(join(dir, SHA), 'not the video');
    expect(await cache.verify(SHA)).toBe(false);
    expect(cache.verifiedPath(SHA)).toBeUndefined();
    expect(await readdir(dir)).toEqual([]);
  });
});
