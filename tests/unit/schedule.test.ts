import { describe, expect, it } from 'vitest';
import type { AlertItem, CaseItem, ContentItem } from '../../src/core/model/content';
import { Playlist } from '../../src/core/model/playlist';
import {
  activeAlerts,
  caseOfTheDay,
  compileLoop,
  isOnAir,
  localDate,
  screenMode,
  tickerDurationMs,
  tickerSegments,
  wholePixelSpeed,
} from '../../src/core/schedule';

const makeCase = (n: number, extra: Partial<CaseItem> = {}): CaseItem => ({
  kind: 'case',
  id: `case-${String(n).padStart(2, '0')}-en`,
  locale: 'en',
  title: `Case ${n}`,
  fraudType: 'sms-fake-prize-or-bill',
  story: 'story',
  amountLost: 100,
  currency: 'CNY',
  lesson: 'lesson',
  date: '2023-01-01',
  source: 'test',
  ...extra,
});

const addDays = (date: string, days: number): string =>
  new Date(Date.parse(`${date}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);

describe('case of the day', () => {
  const pool = Array.from({ length: 7 }, (_, i) => makeCase(i + 1));

  it('shows every case once before any repeats, cycle after cycle', () => {
    // Walk 70 days from an arbitrary start: each aligned block of 7 days is a permutation.
    const start = '2026-01-01';
    const ids = Array.from({ length: 70 }, (_, d) => caseOfTheDay(pool, addDays(start, d))?.id);
    const firstAligned = ids.findIndex((_, d) => {
      const day = Math.floor(Date.parse(`${addDays(start, d)}T00:00:00Z`) / 86_400_000);
      return day % 7 === 0;
    });
    for (let b = firstAligned; b + 7 <= ids.length; b += 7) {
      expect(new Set(ids.slice(b, b + 7)).size).toBe(7);
    }
  });

  it('never shows the same case two days running', () => {
    const ids = Array.from({ length: 400 }, (_, d) => caseOfTheDay(pool, addDays('2025-03-01', d))?.id);
    for (let d = 1; d < ids.length; d++) expect(ids[d]).not.toBe(ids[d - 1]);
  });

  it('is the same on every screen: depends on date and ids, not on item order', () => {
    const reversed = [...pool].reverse();
    for (let d = 0; d < 30; d++) {
      const date = addDays('2026-05-01', d);
      expect(caseOfTheDay(reversed, date)?.id).toBe(caseOfTheDay(pool, date)?.id);
    }
  });

  it('a pinned case wins on its date only', () => {
    const pinned = makeCase(99, { pinnedDates: ['2026-11-22'] });
    expect(caseOfTheDay([...pool, pinned], '2026-11-22')?.id).toBe(pinned.id);
    expect(caseOfTheDay([pinned], '2026-11-23')?.id).toBe(pinned.id); // only case in the pool
    expect(caseOfTheDay([], '2026-11-22')).toBeUndefined();
  });

  it('changes at local midnight in the screen’s time zone, not UTC', () => {
    // 23:30 UTC on the 21st is already the 22nd in Shanghai.
    const now = new Date('2026-11-21T23:30:00Z');
    expect(localDate(now, 'Asia/Shanghai')).toBe('2026-11-22');
    expect(localDate(now, 'Europe/London')).toBe('2026-11-21');
  });
});

const playlist = (over: Record<string, unknown> = {}): Playlist =>
  Playlist.parse({ name: 'test', pack: ['x.json'], ...over });

describe('on-hours', () => {
  const weekdays = ['mon', 'tue', 'wed', 'thu', 'fri'] as const;
  const school = playlist({
    timeZone: 'Asia/Shanghai',
    onHours: { rules: [{ days: weekdays, from: '07:00', to: '18:30' }], outside: 'standby' },
  }).onHours;

  it('is on during school hours and off at night and at weekends', () => {
    // 2026-11-23 is a Monday.
    expect(isOnAir(school, new Date('2026-11-23T08:00:00+08:00'), 'Asia/Shanghai')).toBe(true);
    expect(isOnAir(school, new Date('2026-11-23T06:59:00+08:00'), 'Asia/Shanghai')).toBe(false);
    expect(isOnAir(school, new Date('2026-11-23T18:30:00+08:00'), 'Asia/Shanghai')).toBe(false);
    expect(isOnAir(school, new Date('2026-11-22T10:00:00+08:00'), 'Asia/Shanghai')).toBe(false);
  });

  it('handles periods that cross midnight, including into the next week', () => {
    const night = playlist({ onHours: { rules: [{ days: ['fri', 'sun'], from: '22:00', to: '02:00' }] } })
      .onHours;
    const tz = 'Asia/Shanghai';
    expect(isOnAir(night, new Date('2026-11-27T23:00:00+08:00'), tz)).toBe(true); // Fri 23:00
    expect(isOnAir(night, new Date('2026-11-28T01:59:00+08:00'), tz)).toBe(true); // Sat 01:59
    expect(isOnAir(night, new Date('2026-11-28T02:00:00+08:00'), tz)).toBe(false);
    expect(isOnAir(night, new Date('2026-11-30T01:00:00+08:00'), tz)).toBe(true); // Sun→Mon
    expect(isOnAir(night, new Date('2026-11-26T23:00:00+08:00'), tz)).toBe(false); // Thu
  });

  it('follows local wall-clock time across a DST change', () => {
    const rules = playlist({ onHours: { rules: [{ days: ['sun'], from: '08:00', to: '09:00' }] } }).onHours;
    // Europe/Berlin switches to summer time on 2026-03-29: 08:30 local is 06:30 UTC that day.
    expect(isOnAir(rules, new Date('2026-03-29T06:30:00Z'), 'Europe/Berlin')).toBe(true);
    expect(isOnAir(rules, new Date('2026-03-29T07:30:00Z'), 'Europe/Berlin')).toBe(false);
    // A week before, still winter time: 08:30 local is 07:30 UTC.
    expect(isOnAir(rules, new Date('2026-03-22T07:30:00Z'), 'Europe/Berlin')).toBe(true);
  });

  it('is always on without rules', () => {
    expect(isOnAir(playlist().onHours, new Date('2026-11-22T03:00:00Z'), 'UTC')).toBe(true);
  });
});

const alert = (id: string, level: AlertItem['level'], starts: string, expires: string): AlertItem => ({
  kind: 'alert',
  id,
  text: id,
  level,
  starts,
  expires,
});

describe('alerts and screen mode', () => {
  const now = new Date('2026-11-22T10:00:00Z');
  const alerts = [
    alert('old', 'critical', '2026-11-21T00:00:00Z', '2026-11-22T09:00:00Z'),
    alert('info', 'info', '2026-11-22T09:00:00Z', '2026-11-22T11:00:00Z'),
    alert('crit', 'critical', '2026-11-22T09:30:00Z', '2026-11-22T10:30:00Z'),
    alert('future', 'critical', '2026-11-22T12:00:00Z', '2026-11-22T13:00:00Z'),
  ];

  it('lists only alerts in force, most severe first', () => {
    expect(activeAlerts(alerts, now).map((a) => a.id)).toEqual(['crit', 'info']);
  });

  it('an alert pre-empts the loop until it expires, even outside on-hours', () => {
    const offHours = playlist({ onHours: { rules: [{ days: ['mon'], from: '01:00', to: '02:00' }], outside: 'black' } });
    expect(screenMode({ playlist: offHours, alerts, now })).toMatchObject({ mode: 'alert', alert: { id: 'crit' } });
    const later = new Date('2026-11-22T11:00:00Z');
    expect(screenMode({ playlist: offHours, alerts, now: later })).toEqual({ mode: 'black' });
    expect(screenMode({ playlist: playlist(), alerts, now: later })).toEqual({ mode: 'loop' });
  });
});

describe('stage loop', () => {
  const items: ContentItem[] = [
    { kind: 'video', id: 'v1', locale: 'en', title: 'V1', file: 'media/v1.webm' },
    { kind: 'video', id: 'v2', locale: 'en', title: 'V2', file: 'media/v2.webm' },
    { kind: 'notice', id: 'help-en', locale: 'en', variant: 'help', title: 'Help', text: 'Call 110' },
    { kind: 'notice', id: 'n1', locale: 'en', variant: 'notice', title: 'N1', text: 'n1' },
    { kind: 'notice', id: 'n2', locale: 'zh-CN', variant: 'notice', title: 'N2', text: 'n2' },
    makeCase(1),
    makeCase(2),
  ];
  const list = playlist({
    locales: ['en'],
    stage: [
      { type: 'next-video' },
      { type: 'case-of-the-day', seconds: 15 },
      { type: 'next-video' },
      { type: 'notice', id: 'help-en' },
    ],
  });

  it('rotates videos across passes and keeps cases and slides in order', () => {
    const pass0 = compileLoop({ items, playlist: list, locale: 'en', date: '2026-11-22', pass: 0 });
    const pass1 = compileLoop({ items, playlist: list, locale: 'en', date: '2026-11-22', pass: 1 });
    expect(pass0.map((s) => `${s.type}:${s.item.id}`)).toEqual([
      'video:v1',
      `case:${caseOfTheDay([makeCase(1), makeCase(2)], '2026-11-22')?.id}`,
      'video:v2',
      'notice:help-en',
    ]);
    expect(pass1[0]?.item.id).toBe('v1');
    expect(pass0[1]).toMatchObject({ seconds: 15 });
    expect(new Set([...pass0, ...pass1].map((s) => s.key)).size).toBe(8);
  });

  it('skips entries whose items are missing; nothing playable gives an empty loop', () => {
    const broken = playlist({ stage: [{ type: 'video', id: 'nope' }, { type: 'next-video' }] });
    expect(compileLoop({ items: [], playlist: broken, locale: 'en', date: '2026-11-22', pass: 0 })).toEqual([]);
  });

  it('uses the playlist’s other locales when the screen’s locale has no items of a kind', () => {
    const zh = playlist({ locales: ['zh-CN', 'en'], stage: [{ type: 'next-video' }, { type: 'next-notice', variant: 'notice' }] });
    const steps = compileLoop({ items, playlist: zh, locale: 'zh-CN', date: '2026-11-22', pass: 0 });
    expect(steps.map((s) => s.item.id)).toEqual(['v1', 'n2']);
  });
});

describe('ticker', () => {
  const items: ContentItem[] = [
    { kind: 'slogan', id: 's1', locale: 'zh-CN', text: '未知链接不点击' },
    { kind: 'slogan', id: 's2', locale: 'zh-CN', text: '转账汇款多核实', tags: ['bank'] },
    { kind: 'slogan', id: 'e1', locale: 'en', text: 'Unknown links: don’t click' },
  ];

  it('alternates the playlist’s locales and honours tag filters', () => {
    const list = playlist({ locales: ['zh-CN', 'en'] });
    expect(tickerSegments({ items, playlist: list, locale: 'zh-CN' })).toEqual([
      '未知链接不点击',
      'Unknown links: don’t click',
      '转账汇款多核实',
    ]);
    const bank = playlist({ locales: ['zh-CN'], ticker: { sources: [{ type: 'slogans', tags: ['bank'] }] } });
    expect(tickerSegments({ items, playlist: bank, locale: 'zh-CN' })).toEqual(['转账汇款多核实']);
  });

  it('moves at the set speed whatever the text length', () => {
    expect(tickerDurationMs(2400, 120)).toBe(20_000);
    expect(tickerDurationMs(240, 120)).toBe(2_000);
    expect(tickerDurationMs(0, 120)).toBe(0);
  });

  it('offers whole-pixel speeds for LED strips', () => {
    expect(wholePixelSpeed(100, 60)).toBe(120); // 2 px per frame
    expect(wholePixelSpeed(20, 60)).toBe(60); // never below 1 px per frame
    expect(wholePixelSpeed(180, 60)).toBe(180);
  });
});
