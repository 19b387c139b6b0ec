import { err, ok, type Result } from '../../core/result';
import type { FeedSettings, FeedSource } from '../../core/model/feed-config';
import { readCapped, type GetOptions, type HttpClient } from './http-client';

export interface Validators {
  readonly etag?: string;
  readonly lastModified?: string;
}

export type Fetched =
  | { readonly kind: 'not-modified' }
  | {
      readonly kind: 'body';
      readonly bytes: Buffer;
      readonly contentType: string | undefined;
      readonly validators: Validators;
    };

export const feedGetOptions = (settings: FeedSettings, source: FeedSource, headers?: Record<string, string>): GetOptions => ({
  rules: { allowHttp: source.allowHttp, allowedHosts: settings.allowedHosts },
  maxRedirects: settings.maxRedirects,
  timeoutMs: settings.timeouts.feedMs,
  ...(headers ? { headers } : {}),
});

/** Conditional GET of a feed: a 304 costs nothing, a 200 brings the bytes (capped). */
export function fetchFeed(
  client: HttpClient, settings: FeedSettings, source: FeedSource, validators: Validators | undefined,
): Promise<Result<Fetched>> {
  const headers: Record<string, string> = {
    accept: 'application/rss+xml, application/atom+xml, application/feed+json, application/json, application/xml;q=0.9, text/xml;q=0.9, */*;q=0.5',
  };
  if (validators?.etag) headers['if-none-match'] = validators.etag;
  if (validators?.lastModified) headers['if-modified-since'] = validators.lastModified;
  return client.get<Fetched>(source.url, feedGetOptions(settings, source, headers), async (res) => {
    if (res.status === 304) return validators ? ok({ kind: 'not-modified' }) : err('HTTP 304 without a cached copy');
    if (res.status !== 200) return err(`HTTP ${res.status}`);
    const body = await readCapped(res, settings.maxFeedBytes);
    if (!body.ok) return body;
    const etag = res.header('etag');
    const lastModified = res.header('last-modified');
    return ok({
      kind: 'body',
      bytes: body.value,
      contentType: res.header('content-type'),
      validators: { ...(etag ? { etag } : {}), ...(lastModified ? { lastModified } : {}) },
    });
  });
}

/** The detached signature `<feed-url>.sig`: base64 text, a few hundred bytes at most. */
export function fetchSignature(client: HttpClient, settings: FeedSettings, source: FeedSource): Promise<Result<string>> {
  const url = new URL(source.url);
  url.pathname = `${url.pathname}.sig`;
  return client.get(url.href, feedGetOptions(settings, source), async (res) => {
    if (res.status !== 200) return err(`no signature at ${url.pathname} (HTTP ${res.status})`);
    const body = await readCapped(res, 4096);
    return body.ok ? ok(body.value.toString('utf8').trim()) : body;
  });
}
