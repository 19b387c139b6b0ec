import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { listSlides, OFFICIAL_LIST_TAG, SITES_PER_PAGE } from '../../src/core/import/list-slides';
import { normaliseHost, readOfficialList, rocMonth, type ListFormat, type OfficialList } from '../../src/core/import/official-list';
import { hostToUnicode } from '../../src/core/import/punycode';
import type { NoticeItem } from '../../src/core/model/content';
import { checkItem, policyConfig } from '../../src/core/policy/content-policy';

const fixture = (name: string): Uint8Array => readFileSync(`tests/fixtures/official-lists/${name}`);
const policy = policyConfig({ blockedTerms: [], allowedPhones: ['165', '18222', '999'], allowedLinkHosts: [] });

function read(name: string, format: ListFormat): OfficialList {
  const r = readOfficialList(fixture(name), format);
  if (!r.ok) throw new Error(r.error);
  return r.value;
}

describe('official list import', () => {
  it('reads the 165 weekly list in its two-header layout: normalised, deduplicated, www. kept, IDN both ways', () => {
    const list = read('tw-165-sites.csv', 'tw-165-sites');
    expect(list.sites.map((s) => s.host)).toEqual([
      'www.starriver-invest.com', 'goldrise-pro.vip', 'a1.fake-yield.top', 'b2.fake-yield.top', 'xn--sosv7er85dunh.com',
    ]);
    expect(list.sites.at(-1)?.shown).toBe('財富增長.com');
    expect(list.duplicates).toBe(1);
    expect(list.skipped).toBe(2); // the "-" placeholder and "not a host"
    expect(list.date).toBe('2026-11-30');
    expect(list.source).toContain('165');
  });

  it('reads the HKMA list: several addresses per cell, defanged and hxxps input, newest issue date', () => {
    const list = read('hkma-websites.csv', 'hkma-websites');
    expect(list.sites.map((s) => s.host)).toEqual(['examp1e-bank-hk.com', 'www.examp1e-bank-hk.net', 'sample-savings-secure.com']);
    expect(list.duplicates).toBe(1);
    expect(list.date).toBe('2026-11-28');
  });

  it('reads a generic CSV with a leading byte-order mark; punycode and Unicode spellings are one site', () => {
    const list = read('generic.csv', 'generic-csv');
    expect(list.sites.map((s) => [s.host, s.shown])).toEqual([
      ['www.refund-help.shop', 'www.refund-help.shop'],
      ['xn--bcher-kva.com', 'bücher.com'],
    ]);
    expect(list.duplicates).toBe(1);
  });

  it('reads 165 scam LINE IDs: case and full-width folded, duplicates dropped, phone-like IDs skipped', () => {
    const list = read('tw-165-line-ids.csv', 'tw-165-line-ids');
    expect(list.sites.map((s) => s.shown)).toEqual(['scam.teacher88', '@vip-invest', 'lucky_draw_tw', 'fast.loan']);
    expect(list.duplicates).toBe(1);
    expect(list.skipped).toBe(1); // 0912345678 reads as a phone number
    expect(list.date).toBe('2026-11-29');
    const [slide] = listSlides(list, { today: '2026-12-04' });
    expect(slide?.title).toBe('165 公布的詐騙 LINE ID');
    expect(slide?.text.split('\n')).toEqual([
      '1. scam[.]teacher88', '2. @vip-invest', '3. lucky_draw_tw', '4. fast[.]loan',
      '資料來源：內政部警政署 165 反詐騙諮詢專線（2026-11-29）。這些帳號找你投資、借錢、買賣，都別加好友、別匯款。',
    ]);
    expect(slide && checkItem(slide, policy)).toEqual({ ok: true, value: slide });
    // "@" and a name is an official account's ID there; "@" with anything a formula needs is still refused.
    const hostile = readOfficialList(new TextEncoder().encode('帳號,通報日期\n@SUM(1+1)*cmd|x,2026/11/28\n'), 'tw-165-line-ids');
    expect(hostile.ok ? '' : hostile.error).toMatch(/^row 2, column 1 starts like a spreadsheet formula/);
  });

  it('reads 165 stopped-resolution scam domains: only the newest 民國年月, wildcard and "?" prefixes dropped', () => {
    const list = read('tw-165-scam-domains.csv', 'tw-165-scam-domains');
    expect(list.sites.map((s) => s.host)).toEqual(['lucky-casino88.vip', 'fake-exchange.top', 'shop-refund.xyz']);
    expect(list.date).toBe('2025-11');
    expect(list.duplicates).toBe(1);
    expect(list.skipped).toBe(1);
    const [slide] = listSlides(list, { today: '2026-12-04' });
    expect(slide?.id).toBe('list-tw-165-scam-domains-2025-11-1');
    expect(slide?.text).toContain('1. lucky-casino88[.]vip\n2. fake-exchange[.]top\n3. shop-refund[.]xyz\n資料來源：內政部警政署 165 反詐騙諮詢專線，遭停止解析涉詐網站（2025-11）');
    expect(slide && checkItem(slide, policy)).toEqual({ ok: true, value: slide });
    expect(['11411', '114/11', '114-11', '114年11月', '1141'].map(rocMonth)).toEqual(['2025-11', '2025-11', '2025-11', '2025-11', '2025-01']);
    expect(['11413', '2025-11', ''].map(rocMonth)).toEqual([undefined, undefined, undefined]);
  });

  it('normalises hosts and decodes punycode', () => {
    expect(normaliseHost('HTTPS://WWW.Example.COM:8443/path?q=1')).toBe('www.example.com');
    expect(normaliseHost('example[.]com')).toBe('example.com');
    expect(normaliseHost('localhost')).toBeUndefined();
    expect(normaliseHost('bad_host.com')).toBeUndefined();
    expect(hostToUnicode('xn--fiqs8s.xn--j6w193g')).toBe('中国.香港');
  });

  it.each([
    ['formula.csv', 'generic-csv', /formula/],
    ['wrong-columns.csv', 'generic-csv', /no "domain" column.*site, comment/],
    ['big5.csv', 'tw-165-sites', /not UTF-8.*Big5/],
    ['bom-middle.csv', 'generic-csv', /byte-order mark.*middle/],
    ['generic.csv', 'tw-165-sites', /no "網址" or "WEBURL" column/],
  ] as const)('refuses %s as %s with a clear message', (name, format, message) => {
    const r = readOfficialList(fixture(name), format);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error).toMatch(message);
  });

  it('refuses 100,000 rows without reading them all into slides', () => {
    const big = new TextEncoder().encode(`domain\n${Array.from({ length: 100_000 }, (_, i) => `site${i}.com`).join('\n')}\n`);
    const r = readOfficialList(big, 'generic-csv');
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error).toMatch(/more than 20000 rows/);
  });
});

describe('official list slides', () => {
  const list = read('tw-165-sites.csv', 'tw-165-sites');

  it('show the domains defanged, with date and source, tagged so policy knows them', () => {
    const [slide] = listSlides(list, { today: '2026-12-04' });
    expect(slide?.title).toBe('本週 165 公告的假投資（博弈）網站');
    expect(slide?.text).toContain('www[.]starriver-invest[.]com');
    expect(slide?.text).toContain('xn--sosv7er85dunh[.]com（財富增長[.]com）');
    expect(slide?.text).toMatch(/165 全民防騙網（2026-11-30）/);
    expect(slide?.text).not.toMatch(/[a-z0-9]\.[a-z]/i);
    expect(slide).toMatchObject({ tags: [OFFICIAL_LIST_TAG], regions: ['tw'], locale: 'zh-TW' });
  });

  it('pages a long list', () => {
    const long: OfficialList = { ...list, sites: Array.from({ length: 25 }, (_, i) => ({ host: `s${i}.example.com`, shown: `s${i}.example.com` })) };
    const slides = listSlides(long, { today: '2026-12-04' });
    expect(slides.length).toBe(Math.ceil(25 / SITES_PER_PAGE));
    expect(slides[2]?.title).toMatch(/（3\/3）$/);
    expect(new Set(slides.map((s) => s.id)).size).toBe(3);
  });

  it('passes the content policy only as a tagged list slide, and a real link on it is still refused', () => {
    const [slide] = listSlides(list, { today: '2026-12-04' }) as [NoticeItem];
    expect(checkItem(slide, policy).ok).toBe(true);
    expect(checkItem({ ...slide, tags: [] }, policy).ok).toBe(false);
    expect(checkItem({ ...slide, text: `${slide.text}\nwww.starriver-invest.com` }, policy).ok).toBe(false);
  });
});
