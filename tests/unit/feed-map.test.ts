import { describe, expect, it } from 'vitest';
import { mapFeed, type MapOptions } from '../../src/core/feed/map-items';
import { RawItem, type RawFeed, type RawItemInput } from '../../src/core/feed/raw-item';
import { resolveItems, unexpired } from '../../src/core/feed/entry';
import { policyConfig } from '../../src/core/policy/content-policy';
import { checkRedirect, checkUrl } from '../../src/core/feed/url-policy';
import { backoffMs } from '../../src/core/feed/backoff';
import { planEviction } from '../../src/core/feed/cache-plan';
import { guardXml } from '../../src/core/feed/xml-guard';
import { checkFreshness } from '../../src/core/feed/manifest';

const now = new Date('2025-03-01T08:00:00Z');
const options: MapOptions = {
  sourceUrl: 'https://feed.example.org/rss', defaultKind: 'slogan', sourceTags: ['lobby'], maxAgeDays: 30, maxItems: 100,
  policy: policyConfig({ blockedTerms: [], allowedPhones: [], allowedLinkHosts: [] }), now,
};
const feed = (items: RawItemInput[], extra: Partial<RawFeed> = {}): RawFeed => ({
  format: 'rss', title: '市反诈中心', items: items.map((i) => RawItem.parse(i)), rejected: [], ...extra,
});

describe('mapping feed items to content kinds', () => {
  it('maps English and Chinese category words, with the per-feed default for the rest', () => {
    const result = mapFeed(feed([
      { key: '1', title: '转账汇款多核实', categories: ['标语'] },
      { key: '2', title: '冒充客服退款骗局', text: '张女士接到自称客服的电话，被骗 3.5万元。', categories: ['案例'] },
      { key: '3', title: '防骗视频', categories: ['视频'], media: [{ url: 'https://cdn.example.org/v.webm', type: 'video/webm' }] },
      { key: '4', title: '本周出现冒充公安的新骗局', categories: ['预警'] },
      { key: '5', title: '社区讲座', text: '周六上午九点在社区中心举办反诈讲座。', categories: ['通知'] },
      { key: '6', title: 'Never share verification codes', categories: ['news'] },
      { key: '7', title: 'Alert in English', categories: ['ALERT'] },
    ]), options);
    expect(result.quarantined).toEqual([]);
    // Alerts go to the alert bar, apart from the playlist items, from the start.
    expect(result.entries.map((e) => e.item.kind)).toEqual(['slogan', 'case', 'video', 'notice', 'slogan']);
    expect(result.alerts.map((a) => a.text)).toEqual(['本周出现冒充公安的新骗局', 'Alert in English']);
    const [, caseEntry, video] = result.entries.map((e) => e.item);
    const [alert] = result.alerts;
    expect(caseEntry).toMatchObject({ kind: 'case', fraudType: 'fake-customer-service-refund', amountLost: 35000, source: '市反诈中心', locale: 'zh-CN' });
    expect(video).toMatchObject({ kind: 'video', title: '防骗视频' });
    expect(alert).toMatchObject({ kind: 'alert', level: 'warning', starts: now.toISOString(), expires: '2025-03-02T08:00:00.000Z' });
    expect(result.entries[4]?.item).toMatchObject({ tags: ['lobby', 'news'], locale: 'en' });
  });

  it('uses the default kind of the feed', () => {
    const result = mapFeed(feed([{ key: 'a', title: '通知标题', text: '通知正文' }]), { ...options, defaultKind: 'notice' });
    expect(result.entries[0]?.item).toMatchObject({ kind: 'notice', title: '通知标题', text: '通知正文' });
  });

  it('de-duplicates by key, orders newest first and drops items older than maxAgeDays', () => {
    const result = mapFeed(feed([
      { key: 'old', title: '旧', published: '2024-01-01T00:00:00Z' },
      { key: 'b', title: '二月', published: '2025-02-10T00:00:00Z' },
      { key: 'c', title: '三月', published: '2025-02-28T00:00:00Z' },
      { key: 'b', title: '二月重复', published: '2025-02-11T00:00:00Z' },
    ]), options);
    expect(result.entries.map((e) => e.item.kind === 'slogan' && e.item.text)).toEqual(['三月', '二月']);
    expect(result.dropped).toBe(2);
  });

  it('takes alert times and level from the kiosk fields and drops expired alerts', () => {
    const result = mapFeed(feed([
      { key: 'x', title: '紧急预警', kind: 'alert', level: 'critical', starts: '2025-03-01T07:00:00Z', expires: '2025-03-01T20:00:00Z' },
      { key: 'y', title: '过期预警', kind: 'alert', starts: '2025-02-01T07:00:00Z', expires: '2025-02-02T00:00:00Z' },
    ]), options);
    expect(result.alerts).toEqual([
      expect.objectContaining({ kind: 'alert', text: '紧急预警', level: 'critical', expires: '2025-03-01T20:00:00.000Z' }),
    ]);
    expect(result.quarantined).toEqual([]);
    expect(unexpired(result.alerts, new Date('2025-03-02T00:00:00Z'))).toEqual([]);
  });

  it('quarantines over-long slogans, empty items, spam and videos without a video', () => {
    const result = mapFeed(feed([
      { key: 'long', title: '长'.repeat(201) },
      { key: 'empty', title: '<p> </p>' },
      { key: 'spam', title: 'bet365 online live casino 反诈宣传' },
      { key: 'novideo', title: '视频', categories: ['video'], media: [{ url: 'javascript:alert(1)', type: 'text/html' }] },
    ]), options);
    expect(result.entries).toEqual([]);
    expect(result.quarantined.map((q) => q.reason)).toEqual([
      'slogan is longer than 200 characters',
      'slogan is empty',
      expect.stringContaining('blocked term "online live casino"'),
      'video item has no video enclosure',
    ]);
  });

  it('turns markup in every field into plain text', () => {
    const xss = '<img src=x onerror=alert(1)><script>alert(2)</script>注意<b>安全</b>';
    const result = mapFeed(feed([
      { key: 'c', title: xss, text: xss, categories: ['案例', '<script>x</script>'], lesson: xss, fraudType: 'atm-trick' },
      { key: 'n', title: xss, text: xss, categories: ['notice'] },
    ]), options);
    const json = JSON.stringify(result.entries);
    expect(json).not.toMatch(/<|onerror|alert\(/);
    expect(result.entries[0]?.item).toMatchObject({ kind: 'case', title: '注意安全', story: '注意安全', lesson: '注意安全' });
  });

  it('media reach items only as verified cache paths; an uncached video is left out', () => {
    const sha = 'a'.repeat(64);
    const result = mapFeed(feed([
      { key: 'v1', title: 'v1', kind: 'video', media: [{ url: 'https://cdn/v1.webm', type: 'video/webm', sha256: sha }, { url: 'https://cdn/p.jpg', type: 'image/jpeg' }] },
      { key: 'v2', title: 'v2', kind: 'video', media: [{ url: 'https://cdn/v2.webm', type: 'video/webm' }] },
    ]), options);
    const items = resolveItems(result.entries, (need) => (need.sha256 === sha ? sha : undefined));
    expect(items).toEqual([expect.objectContaining({ title: 'v1', file: `media/cache/${sha}` })]);
    expect(items[0]).not.toHaveProperty('poster');
  });
});

describe('url policy, backoff, eviction, xml guard, freshness', () => {
  const rules = { allowHttp: false, allowedHosts: [] };
  it('https only unless allowed; allowlist; never https to http', () => {
    expect(checkUrl('http://a.example/feed', rules).ok).toBe(false);
    expect(checkUrl('http://a.example/feed', { ...rules, allowHttp: true }).ok).toBe(true);
    expect(checkUrl('file:///etc/passwd', rules).ok).toBe(false);
    expect(checkUrl('https://evil.example/', { ...rules, allowedHosts: ['*.gov.cn'] })).toEqual({ ok: false, error: 'host evil.example is not in allowedHosts' });
    expect(checkUrl('https://www.mps.gov.cn/', { ...rules, allowedHosts: ['*.gov.cn'] }).ok).toBe(true);
    const from = new URL('https://a.example/feed');
    expect(checkRedirect(from, 'http://a.example/feed', { ...rules, allowHttp: true })).toEqual({ ok: false, error: 'redirect from https to http refused (a.example)' });
    expect(checkRedirect(from, '/other', rules)).toEqual({ ok: true, value: new URL('https://a.example/other') });
  });

  it('backs off exponentially with jitter up to the poll interval', () => {
    expect(backoffMs(1, 5000, 300_000, 0)).toBe(2500);
    expect(backoffMs(3, 5000, 300_000, 0.999)).toBeGreaterThan(19_900);
    expect(backoffMs(20, 5000, 300_000, 1)).toBe(300_000);
  });

  it('evicts least recently used first, never what is needed', () => {
    const entries = [
      { sha256: 'a', bytes: 50, usedAt: 1 },
      { sha256: 'b', bytes: 50, usedAt: 2 },
      { sha256: 'c', bytes: 50, usedAt: 3 },
    ];
    expect(planEviction(entries, new Set(['a']), 100)).toEqual(['b']);
    expect(planEviction(entries, new Set(['a', 'b', 'c']), 10)).toEqual([]);
  });

  it('refuses entity declarations and internal subsets, strips a harmless DOCTYPE', () => {
    expect(guardXml('<?xml version="1.0"?><!DOCTYPE r [<!ENTITY a "aaaa">]><rss/>').ok).toBe(false);
    expect(guardXml('<!DOCTYPE rss SYSTEM "file:///etc/passwd" [ ]><rss/>').ok).toBe(false);
    expect(guardXml('<?xml version="1.0"?>\n<!DOCTYPE rss PUBLIC "-//Netscape//DTD RSS 0.91//EN" "http://x/rss.dtd">\n<rss/>')).toEqual({ ok: true, value: '<?xml version="1.0"?>\n\n<rss/>' });
  });

  it('signed content must carry a fresh, not older version', () => {
    const base = { version: 3, expires: '2025-03-02T00:00:00Z', lastVersion: 3, now };
    expect(checkFreshness(base)).toBeUndefined();
    expect(checkFreshness({ ...base, version: 2 })).toMatch(/older/);
    expect(checkFreshness({ ...base, expires: '2025-02-01T00:00:00Z' })).toMatch(/expired/);
    expect(checkFreshness({ ...base, version: undefined })).toMatch(/no version/);
  });
});
