import { describe, expect, it } from 'vitest';
import { caseOutcome } from '../../src/core/content/case-outcome';
import { forRegion, hotlinesFor, regionPhones, withHelpQr, withRegionPhones } from '../../src/core/content/hotlines';
import { inSeason, inWindow, seasonsOn } from '../../src/core/content/seasons';
import { casePool, playableItems } from '../../src/core/content/selection';
import type { CaseItem, ContentItem, SloganItem } from '../../src/core/model/content';
import { DeviceConfig } from '../../src/core/model/config';
import { Playlist } from '../../src/core/model/playlist';
import type { Audience } from '../../src/core/model/region';
import {
  caseOfTheDay,
  charsPerSecondAt,
  compileLoop,
  coreAndRotated,
  tickerPxPerSecond,
  tickerRound,
  tickerSegments,
  wholePixelSpeed,
} from '../../src/core/schedule';

const kase = (id: string, audiences?: Audience[]): CaseItem => ({
  kind: 'case', id, locale: 'zh-CN', title: id, fraudType: 'online-loan', story: 's', amountLost: 1, currency: 'CNY',
  lesson: 'l', source: '根据公安机关公布案例改编', ...(audiences ? { audiences } : {}),
});
const slogan = (id: string, extra: Partial<SloganItem> = {}): SloganItem => ({ kind: 'slogan', id, locale: 'zh-CN', text: id, ...extra });

describe('region profiles', () => {
  it('send each region to its own hotlines and never to another region’s', () => {
    expect(hotlinesFor('cn').map((h) => h.number)).toEqual(['110', '96110']);
    expect(hotlinesFor('tw').map((h) => h.number)).toEqual(['165', '110']);
    expect(hotlinesFor('hk').map((h) => h.number)).toEqual(['18222', '999']);
    expect(regionPhones('hk', { number: '2860 2000', label: '中區警署' })).toEqual(['18222', '999', '2860 2000']);
  });

  it('defaults to the mainland and refuses an unknown region or a plain-http help page', () => {
    expect(DeviceConfig.parse({}).region).toBe('cn');
    expect(DeviceConfig.safeParse({ region: 'mo' }).success).toBe(false);
    expect(DeviceConfig.safeParse({ helpQr: 'http://example.org/help' }).success).toBe(false);
    expect(DeviceConfig.parse({ region: 'tw', helpQr: 'https://165.npa.gov.tw/' }).helpQr).toBe('https://165.npa.gov.tw/');
  });

  it('drops items meant for other regions and gives help slides the configured QR only', () => {
    const items: ContentItem[] = [
      slogan('a', { regions: ['cn'] }),
      slogan('b'),
      { kind: 'notice', id: 'h', locale: 'zh-TW', variant: 'help', title: 't', text: 'x' },
    ];
    expect(forRegion(items, 'tw').map((i) => i.id)).toEqual(['b', 'h']);
    const help = (list: ContentItem[]) => list.find((i) => i.kind === 'notice');
    expect(help(withHelpQr(items, undefined))).not.toHaveProperty('qr');
    expect(help(withHelpQr(items, 'https://165.npa.gov.tw/'))).toMatchObject({ qr: 'https://165.npa.gov.tw/' });
  });
});

describe('season windows', () => {
  it('cross New Year: a December-to-February window holds 31 Dec and 1 Jan, not 1 Mar', () => {
    const w = { from: '12-15', to: '02-28' };
    expect(inWindow('2026-12-31', w)).toBe(true);
    expect(inWindow('2027-01-01', w)).toBe(true);
    expect(inWindow('2027-02-28', w)).toBe(true);
    expect(inWindow('2027-03-01', w)).toBe(false);
    expect(inWindow('2026-12-14', w)).toBe(false);
  });

  it('name the campaign seasons of a date', () => {
    expect(seasonsOn('2026-11-11')).toContain('shopping-festival');
    expect(seasonsOn('2026-09-01')).toContain('school-start');
    expect(seasonsOn('2027-01-20')).toEqual(expect.arrayContaining(['spring-festival', 'school-holidays']));
    expect(seasonsOn('2026-06-07')).toContain('exams-graduation');
    expect(seasonsOn('2026-04-15')).toEqual([]);
    expect(inSeason(undefined, '2026-04-15')).toBe(true);
  });

  it('show a Spring Festival slogan on the ticker on 2 January and not in April', () => {
    const playlist = Playlist.parse({ name: 'p', pack: ['x'] });
    const items = [slogan('always'), slogan('spring', { seasons: ['spring-festival'] })];
    expect(tickerSegments({ items, playlist, locale: 'zh-CN', date: '2027-01-02' })).toEqual(['always', 'spring']);
    expect(tickerSegments({ items, playlist, locale: 'zh-CN', date: '2027-04-02' })).toEqual(['always']);
  });
});

describe('audiences', () => {
  const cases = [kase('c-bank', ['bank']), kase('c-school', ['school']), kase('c-all')];

  it('draw the case of the day from the playlist’s audiences on every day', () => {
    const playlist = Playlist.parse({ name: 'bank', pack: ['x'], audiences: ['bank'], stage: [{ type: 'case-of-the-day' }] });
    for (let d = 1; d <= 28; d++) {
      const date = `2026-02-${String(d).padStart(2, '0')}`;
      const step = compileLoop({ items: cases, playlist, locale: 'zh-CN', date, pass: 0 })[0];
      expect(step?.type === 'case' && step.item.id, date).toBe('c-bank');
    }
  });

  it('fall back to every case when no case carries the playlist’s audience, and keep general items', () => {
    const pool = casePool(cases, { audiences: ['elderly'] });
    expect(pool.map((c) => c.id)).toEqual(['c-bank', 'c-school', 'c-all']);
    expect(playableItems(cases, { audiences: ['school'] }, '2026-04-01').map((c) => c.id)).toEqual(['c-school', 'c-all']);
    expect(playableItems(cases, {}, '2026-04-01')).toHaveLength(3);
    expect(caseOfTheDay(casePool(cases, { audiences: ['school'] }), '2026-04-01')?.id).toBe('c-school');
  });
});

describe('ticker reading speed', () => {
  it('turns characters per second into pixels per second from the glyph size', () => {
    expect(tickerPxPerSecond({ charsPerSecond: 6 }, 56)).toBe(336); // a 1080p TV ticker
    expect(tickerPxPerSecond({ charsPerSecond: 6 }, 32)).toBe(192); // a 32-px LED strip
    expect(tickerPxPerSecond({ speed: 120, charsPerSecond: 6 }, 56)).toBe(120);
    expect(charsPerSecondAt(120, 56)).toBeCloseTo(2.14, 2); // the old fixed 120 px/s on a TV
    expect(charsPerSecondAt(120, 16)).toBe(7.5);
  });

  it('keeps whole-pixel steps at strip sizes within a fraction of a character per second', () => {
    const px = tickerPxPerSecond({ charsPerSecond: 6 }, 32);
    const whole = wholePixelSpeed(px, 60);
    expect(whole % 60).toBe(0);
    expect(Math.abs(charsPerSecondAt(whole, 32) - 6)).toBeLessThan(1);
  });

  it('the playlist defaults to 6 characters per second, no fixed speed', () => {
    const t = Playlist.parse({ name: 'p', pack: ['x'] }).ticker;
    expect(t.charsPerSecond).toBe(6);
    expect(t.speed).toBeUndefined();
    expect(t.mode).toBe('scroll');
  });
});

describe('ticker core set', () => {
  it('shows every core line each round and rotates all the others through', () => {
    const core = Array.from({ length: 30 }, (_, i) => `core${i}`);
    const rest = Array.from({ length: 25 }, (_, i) => `rest${i}`);
    const seen = new Set<string>();
    for (let round = 0; round < 4; round++) {
      const lines = coreAndRotated(core, rest, 8, round);
      expect(lines.filter((l) => l.startsWith('core'))).toEqual(core);
      expect(lines.filter((l) => l.startsWith('rest'))).toHaveLength(8);
      lines.forEach((l) => seen.add(l));
    }
    expect(rest.every((l) => seen.has(l))).toBe(true);
    expect(coreAndRotated([], rest, 8, 3)).toEqual(rest); // no core tag: everything, as before
  });

  it('picks the core set by tag and changes round every few minutes', () => {
    const playlist = Playlist.parse({ name: 'p', pack: ['x'], ticker: { rotateIn: 1 } });
    const items = [slogan('k1', { tags: ['core'] }), slogan('k2', { tags: ['core'] }), slogan('r1'), slogan('r2')];
    expect(tickerSegments({ items, playlist, locale: 'zh-CN', round: 0 })).toEqual(['k1', 'k2', 'r1']);
    expect(tickerSegments({ items, playlist, locale: 'zh-CN', round: 1 })).toEqual(['k1', 'k2', 'r2']);
    expect(tickerRound(Date.UTC(2026, 0, 1, 0, 2, 59)) - tickerRound(Date.UTC(2026, 0, 1, 0, 0, 0))).toBe(0);
    expect(tickerRound(Date.UTC(2026, 0, 1, 0, 3, 0)) - tickerRound(Date.UTC(2026, 0, 1, 0, 0, 0))).toBe(1);
  });
});

describe('case outcome', () => {
  it('shows the loss, else the money saved, and never a zero loss', () => {
    expect(caseOutcome({ amountLost: 5800 })).toEqual({ kind: 'lost', amount: 5800 });
    expect(caseOutcome({ amountLost: 0, amountSaved: 50000 })).toEqual({ kind: 'saved', amount: 50000 });
    expect(caseOutcome({ amountLost: 0 })).toEqual({ kind: 'none' });
  });
});

describe('region numbers in the feed policy', () => {
  it('allow the region’s hotlines and the local station, and still refuse other numbers', async () => {
    const { FeedSettings } = await import('../../src/core/model/feed-config');
    const { policyConfig } = await import('../../src/core/policy/content-policy');
    const config = DeviceConfig.parse({ region: 'tw', localPolice: { number: '02-2321-5500' } });
    const allowed = policyConfig(withRegionPhones(FeedSettings.parse({}), config)).allowedPhones;
    expect(allowed).toEqual(expect.arrayContaining(['165', '110', '02-2321-5500']));
    expect(allowed).not.toContain('18222');
  });
});
