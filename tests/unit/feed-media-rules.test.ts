import { describe, expect, it } from 'vitest';
import { mapFeed, type MapOptions } from '../../src/core/feed/map-items';
import { RawItem, type RawItemInput } from '../../src/core/feed/raw-item';
import { policyConfig } from '../../src/core/policy/content-policy';

const now = new Date('2025-03-01T08:00:00Z');
const SHA = 'ab'.repeat(32);
const options: MapOptions = {
  sourceUrl: 'https://feed.example.org/rss', defaultKind: 'notice', sourceTags: [], maxAgeDays: 30, maxItems: 100,
  policy: policyConfig({ blockedTerms: [], allowedPhones: [], allowedLinkHosts: [] }), now,
  media: { allowHttp: false, requireSha256: false },
};
const map = (items: RawItemInput[], extra: Partial<MapOptions> = {}) =>
  mapFeed({ format: 'rss', items: items.map((i) => RawItem.parse(i)), rejected: [] }, { ...options, ...extra });
const notice = (key: string, url: string, sha256?: string): RawItemInput =>
  ({ key, title: '社区讲座', text: '周六上午九点举办反诈讲座。', media: [{ url, type: 'image/png', ...(sha256 ? { sha256 } : {}) }] });

describe('media rules at mapping', () => {
  it('quarantines an item whose medium has a forbidden scheme instead of queueing it for download', () => {
    const urls = ['javascript:alert(1)', 'data:image/png;base64,AAAA', 'file:///etc/passwd', 'ftp://cdn.example.org/a.png', 'http://cdn.example.org/a.png', 'cdn/a.png'];
    const result = map(urls.map((u, i) => notice(`n${i}`, u)));
    expect(result.entries).toEqual([]);
    expect(result.quarantined.map((q) => q.reason)).toEqual([
      'medium "javascript:alert(1)" is refused: scheme javascript: is not allowed',
      'medium "data:image/png;base64,AAAA" is refused: scheme data: is not allowed',
      'medium "file:///etc/passwd" is refused: scheme file: is not allowed',
      'medium "ftp://cdn.example.org/a.png" is refused: scheme ftp: is not allowed',
      'medium "http://cdn.example.org/a.png" is refused: plain http is not allowed for this feed (https only)',
      'medium "cdn/a.png" is refused: not an absolute URL',
    ]);
  });

  it('accepts https media, and http media when the feed allows http', () => {
    expect(map([notice('a', 'https://cdn.example.org/a.png')]).entries).toHaveLength(1);
    expect(map([notice('a', 'http://cdn.example.org/a.png')], { media: { allowHttp: true, requireSha256: false } }).entries).toHaveLength(1);
  });

  it('with a publicKey, every medium needs its SHA-256', () => {
    const signed = { media: { allowHttp: false, requireSha256: true } };
    const result = map([notice('with', 'https://cdn.example.org/a.png', SHA), notice('without', 'https://cdn.example.org/b.png')], signed);
    expect(result.entries.map((e) => e.media)).toEqual([[{ field: 'image', url: 'https://cdn.example.org/a.png', sha256: SHA }]]);
    expect(result.quarantined.map((q) => q.reason)).toEqual(['medium "https://cdn.example.org/b.png" is refused: a signed feed must give every medium its SHA-256']);
  });
});
