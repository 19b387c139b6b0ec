import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { FeedSettings, FeedSource } from '../../src/core/model/feed-config';
import { fetchFeed } from '../../src/node/feed/fetch-feed';
import { createHttpClient, type HttpClient } from '../../src/node/feed/http-client';
import { rss, send, startFeedServer, type FeedServer } from '../fixtures/feeds/server';

const settings = FeedSettings.parse({ privateHosts: ['127.0.0.1'], maxFeedBytes: 50_000, maxRedirects: 3, timeouts: { connectMs: 1000, feedMs: 800 } });
const FEED = rss([{ guid: '1', title: '转账汇款多核实' }]);
let server: FeedServer;
let client: HttpClient;
const source = (path: string, extra: Partial<FeedSource> = {}): FeedSource =>
  FeedSource.parse({ url: `${server.origin}${path}`, allowHttp: true, ...extra });

beforeAll(async () => {
  server = await startFeedServer();
  client = createHttpClient({ connectTimeoutMs: 1000, privateHosts: ['127.0.0.1'] });
});
afterAll(async () => {
  await client.close();
  await server.close();
});
afterEach(() => server.routes.clear());

describe('feed HTTP client faults', () => {
  it('fetches a feed and reports its validators', async () => {
    server.routes.set('/ok', send(FEED, { 'content-type': 'application/rss+xml', etag: '"v1"', 'last-modified': 'Sat, 01 Mar 2025 00:00:00 GMT' }));
    const r = await fetchFeed(client, settings, source('/ok'), undefined);
    expect(r).toEqual({ ok: true, value: expect.objectContaining({ kind: 'body', validators: { etag: '"v1"', lastModified: 'Sat, 01 Mar 2025 00:00:00 GMT' } }) });
  });

  it('sends the validators and understands 304', async () => {
    server.routes.set('/cond', (req, res) => {
      if (req.headers['if-none-match'] === '"v1"') res.writeHead(304).end();
      else res.writeHead(200, { etag: '"v1"' }).end(FEED);
    });
    const r = await fetchFeed(client, settings, source('/cond'), { etag: '"v1"' });
    expect(r).toEqual({ ok: true, value: { kind: 'not-modified' } });
    expect(server.requests.at(-1)?.headers['if-none-match']).toBe('"v1"');
  });

  it('gives up on a server that hangs, by its own timeout', async () => {
    // The server never answers: only the client's timeout can end this, and its message says which.
    server.routes.set('/hang', () => undefined);
    expect(await fetchFeed(client, settings, source('/hang'), undefined)).toEqual({ ok: false, error: 'timed out after 800 ms' });
  });

  it('gives up on a slow drip that would take longer than the whole-body timeout', async () => {
    server.routes.set('/drip', (_req, res) => {
      res.writeHead(200, { 'content-type': 'application/rss+xml' });
      const timer = setInterval(() => (res.destroyed ? clearInterval(timer) : res.write(' ')), 50);
      res.on('close', () => clearInterval(timer));
    });
    expect(await fetchFeed(client, settings, source('/drip'), undefined)).toEqual({ ok: false, error: 'timed out after 800 ms' });
  });

  it('reports a connection reset in the middle of the body', async () => {
    server.routes.set('/reset', (_req, res) => {
      res.writeHead(200, { 'content-length': String(FEED.length * 2) });
      res.write(FEED.slice(0, 50), () => res.socket?.destroy());
    });
    const r = await fetchFeed(client, settings, source('/reset'), undefined);
    expect(r.ok).toBe(false);
    expect(r.ok ? '' : r.error).toMatch(/reset|ended|closed|terminated|socket/i);
  });

  it.each([500, 404, 403])('reports HTTP %i', async (status) => {
    server.routes.set('/status', send('<html>error</html>', { 'content-type': 'text/html' }, status));
    expect(await fetchFeed(client, settings, source('/status'), undefined)).toEqual({ ok: false, error: `HTTP ${status}` });
  });

  it('stops a redirect loop after maxRedirects', async () => {
    server.routes.set('/loop', send('', { location: '/loop' }, 302));
    expect(await fetchFeed(client, settings, source('/loop'), undefined)).toEqual({ ok: false, error: 'more than 3 redirects' });
    expect(server.requests.filter((r) => r.path === '/loop')).toHaveLength(4);
  });

  it('follows a redirect to an allowed place', async () => {
    server.routes.set('/old', send('', { location: '/ok' }, 301));
    server.routes.set('/ok', send(FEED));
    expect((await fetchFeed(client, settings, source('/old'), undefined)).ok).toBe(true);
  });

  it('refuses a redirect to a host outside the allowlist, and plain http without allowHttp', async () => {
    server.routes.set('/away', send('', { location: 'http://localhost:1/feed' }, 302));
    const allow = { ...settings, allowedHosts: ['127.0.0.1'] };
    expect(await fetchFeed(client, allow, source('/away'), undefined)).toEqual({ ok: false, error: 'host localhost is not in allowedHosts' });
    const before = server.requests.length;
    expect(await fetchFeed(client, settings, source('/ok', { allowHttp: false }), undefined)).toEqual({
      ok: false, error: expect.stringContaining('plain http is not allowed'),
    });
    expect(server.requests.length).toBe(before);
  });

  it('aborts a body over the cap, declared or not', async () => {
    const big = 'x'.repeat(60_000);
    server.routes.set('/declared', send(big, { 'content-length': String(big.length) }));
    server.routes.set('/chunked', (_req, res) => {
      res.writeHead(200, { 'content-type': 'application/rss+xml' });
      for (let i = 0; i < 60; i++) res.write('y'.repeat(1000));
      res.end();
    });
    expect(await fetchFeed(client, settings, source('/declared'), undefined)).toEqual({ ok: false, error: 'body of 60000 bytes is over the cap of 50000 bytes' });
    expect(await fetchFeed(client, settings, source('/chunked'), undefined)).toEqual({ ok: false, error: 'body is over the cap of 50000 bytes' });
  });

  it('goes through HTTP_PROXY when set', async () => {
    const proxy = await startFeedServer();
    const seen: string[] = [];
    const saved = { HTTP_PROXY: process.env.HTTP_PROXY, NO_PROXY: process.env.NO_PROXY, http_proxy: process.env.http_proxy, no_proxy: process.env.no_proxy };
    for (const k of Object.keys(saved)) delete process.env[k];
    process.env.HTTP_PROXY = proxy.origin;
    const proxied = createHttpClient({ connectTimeoutMs: 1000, privateHosts: ['127.0.0.1'] });
    try {
      proxy.routes.set('http://school-intranet.invalid/rss', (req, res) => {
        seen.push(req.url ?? '');
        res.writeHead(200, { 'content-type': 'application/rss+xml' }).end(FEED);
      });
      const r = await fetchFeed(proxied, settings, FeedSource.parse({ url: 'http://school-intranet.invalid/rss', allowHttp: true }), undefined);
      expect(r.ok).toBe(true);
      expect(seen).toEqual(['http://school-intranet.invalid/rss']);
    } finally {
      await proxied.close();
      await proxy.close();
      delete process.env.HTTP_PROXY;
      for (const [k, v] of Object.entries(saved)) if (v !== undefined) process.env[k] = v;
    }
  });
});
