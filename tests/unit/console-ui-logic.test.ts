import { describe, expect, it } from 'vitest';
import { checkCandidate, newId, toCandidate, toTargeting, toValues, targetingValues } from '../../src/console-ui/item-form';
import { filterRows, indexRows, visibleWindow, type LibraryRow } from '../../src/console-ui/library-query';
import { policyText } from '../../src/console-ui/policy-text';
import { parseRoute } from '../../src/console-ui/router';
import { formatBytes, formatDuration, secondsLeft, splitList } from '../../src/console-ui/format';
import { checkVtt } from '../../src/console-ui/vtt';
import { strings } from '../../src/console-ui/i18n';
import { en } from '../../src/console-ui/i18n/en';
import { zhCN } from '../../src/console-ui/i18n/zh-CN';
import { zhTW } from '../../src/console-ui/i18n/zh-TW';
import { checkItem, policyConfig } from '../../src/core/policy/content-policy';

const row = (id: string, over: Partial<LibraryRow> = {}): LibraryRow => ({
  id, kind: 'slogan', locale: 'zh-CN', title: id, tags: [], status: 'draft', rev: 1, updatedBy: 'ed', updatedAt: '2026-11-29T08:00:00Z', live: false, ...over,
});

describe('library search and filters', () => {
  const rows = Array.from({ length: 5000 }, (_, i) =>
    row(`item-${i}`, {
      kind: (['slogan', 'case', 'video', 'notice'] as const)[i % 4],
      status: i % 7 === 0 ? 'submitted' : 'draft',
      title: i === 4321 ? '冒充公检法 电话 要求转账' : `标语 ${i}`,
      tags: i % 5 === 0 ? ['school'] : ['bank'],
    }),
  );
  const index = indexRows(rows);

  it('finds rows by every word typed, in any case and script, keeping the list order', () => {
    expect(filterRows(index, { text: '公检法 转账', kind: '', status: '', tag: '' }).map((r) => r.id)).toEqual(['item-4321']);
    expect(filterRows(index, { text: 'ITEM-432', kind: '', status: '', tag: '' }).map((r) => r.id)).toEqual([
      'item-432', 'item-4320', 'item-4321', 'item-4322', 'item-4323', 'item-4324', 'item-4325', 'item-4326', 'item-4327', 'item-4328', 'item-4329',
    ]);
  });

  it('combines kind, status and tag filters and lists the tags in use', () => {
    const shown = filterRows(index, { text: '', kind: 'case', status: 'submitted', tag: 'school' });
    expect(shown.length).toBeGreaterThan(0);
    expect(shown.every((r) => r.kind === 'case' && r.status === 'submitted' && r.tags.includes('school'))).toBe(true);
    expect(shown.length).toBe(rows.filter((_, i) => i % 4 === 1 && i % 7 === 0 && i % 5 === 0).length);
    expect(index.tags).toEqual(['bank', 'school']);
  });

  // How fast a keystroke filters 5,000 rows is measured by the bench (console-list section).
  it('filters 5,000 rows on every keystroke to exactly the rows that contain the text', () => {
    for (const text of ['标', '标语', '标语 4', '标语 43', 'item-9']) {
      const words = text.toLowerCase().split(' ');
      const naive = rows.filter((r) => words.every((w) => `${r.title} ${r.id}`.toLowerCase().includes(w))).map((r) => r.id);
      expect(filterRows(index, { text, kind: '', status: '', tag: '' }).map((r) => r.id), text).toEqual(naive);
    }
  });

  it('draws only the rows in view, with spare rows either side and never past the ends', () => {
    expect(visibleWindow(0, 400, 40, 5000)).toEqual({ start: 0, end: 17 });
    expect(visibleWindow(40 * 1000, 400, 40, 5000)).toEqual({ start: 994, end: 1017 });
    expect(visibleWindow(40 * 4995, 400, 40, 5000)).toEqual({ start: 4989, end: 5000 });
    expect(visibleWindow(0, 400, 40, 0)).toEqual({ start: 0, end: 0 });
  });
});

describe('item editor form', () => {
  it('turns typed fields into an item the screens accept, and back', () => {
    const values = { id: 'slogan-1', locale: 'zh-TW', tags: '學校，銀行', text: '陌生來電要轉賬，一律掛斷' };
    const check = checkCandidate(toCandidate('slogan', values));
    expect(check).toEqual({ ok: true, item: { kind: 'slogan', id: 'slogan-1', locale: 'zh-TW', tags: ['學校', '銀行'], text: '陌生來電要轉賬，一律掛斷' } });
    if (check.ok) expect(toValues(check.item)).toMatchObject({ id: 'slogan-1', tags: '學校, 銀行', text: values.text });
  });

  it('names the field that the schema refuses', () => {
    const check = checkCandidate(toCandidate('case', { id: 'Bad ID', locale: 'en', title: 'x', fraudType: 'atm-trick', amountLost: '-5', story: 's', lesson: 'l', date: '2026-13', source: 'src' }));
    expect(check.ok).toBe(false);
    if (!check.ok) expect(Object.keys(check.fields).sort()).toEqual(['amountLost', 'date', 'id']);
  });

  it('keeps a validity window, a season and pins through the round trip', () => {
    const targeting = { audience: ['students'], regions: ['haidian'], validity: { type: 'season' as const, from: '12-01', until: '02-28' }, pins: ['2026-12-02'] };
    expect(toTargeting(targetingValues(targeting))).toEqual(targeting);
    expect(toTargeting({ validity: 'window', validUntil: '2027-01-01' }).validity).toEqual({ type: 'window', until: '2027-01-01' });
  });

  it('makes new ids the schema accepts', () => {
    const id = newId('notice', new Date('2026-11-29T10:00:00Z'), () => 0.999999);
    expect(id).toMatch(/^notice-20261129-[a-z0-9]{4}$/);
    expect(checkCandidate({ kind: 'slogan', id, locale: 'en', text: 'x' }).ok).toBe(true);
  });
});

describe('policy reasons in the page language', () => {
  const config = policyConfig({ blockedTerms: [], allowedPhones: [], allowedLinkHosts: [] });
  const reason = (text: string): string => {
    const result = checkItem({ kind: 'slogan', id: 's', locale: 'zh-CN', text }, config);
    if (result.ok) throw new Error(`policy accepted ${text}`);
    return result.error;
  };

  it('says which phone number and which link the screens would refuse, in every locale', () => {
    const phone = reason('有问题请拨打 13800138000 咨询');
    expect(policyText(phone, strings('zh-CN'))).toBe('电话号码 13800138000 不在允许的号码名单中');
    expect(policyText(phone, strings('en'))).toContain('13800138000');
    const link = reason('详情见 https://evil.example.com/x');
    expect(policyText(link, strings('zh-TW'))).toContain('evil.example.com');
    expect(policyText(link, strings('zh-TW'))).not.toBe(link);
  });

  it('shows a reason it does not know as the server wrote it', () => {
    expect(policyText('something new', strings('zh-CN'))).toBe('something new');
  });
});

describe('console pieces', () => {
  it('has every text in all three languages, none left empty', () => {
    for (const table of [zhTW, en]) expect(Object.keys(table).sort()).toEqual(Object.keys(zhCN).sort());
    for (const table of [zhCN, zhTW, en]) expect(Object.values(table).filter((v) => v.trim() === '')).toEqual([]);
  });

  it('reads the set-up token from a printed /setup?token= link and from the hash', () => {
    expect(parseRoute('', '?token=abc', '/console/setup')).toEqual({ page: 'setup', token: 'abc' });
    expect(parseRoute('#/setup?token=xyz', '', '/console/')).toEqual({ page: 'setup', token: 'xyz' });
    expect(parseRoute('#/items/slogan%20x', '', '/')).toEqual({ page: 'item', id: 'slogan x' });
    expect(parseRoute('#/nowhere', '', '/')).toEqual({ page: 'library' });
  });

  it('checks WebVTT captions and points at the line', () => {
    expect(checkVtt('WEBVTT\n\n00:00:00.000 --> 00:00:03.500\n陌生来电\n')).toBeNull();
    expect(checkVtt('00:00.000 --> 00:01.000\nx')).toMatch(/^line 1/);
    expect(checkVtt('WEBVTT\n\n00:00:05.000 --> 00:00:03.000\nx')).toMatch(/^line 3: the cue ends before it starts/);
    expect(checkVtt('WEBVTT\n\n00:00:01.000 --> 00:00:03.000\n')).toMatch(/^line 4/);
    expect(checkVtt('WEBVTT\n')).toMatch(/no cues/);
  });

  it('reports upload size and time left', () => {
    expect(formatBytes(1536)).toBe('1.5 KB');
    expect(formatBytes(3 * 1024 * 1024)).toBe('3.0 MB');
    expect(secondsLeft(0, 100, 1000)).toBeNull();
    expect(secondsLeft(25, 100, 1000)).toBe(3);
    expect(formatDuration(75)).toBe('1:15');
    expect(formatDuration(3725)).toBe('1:02:05');
    expect(splitList('学校，银行、 bank ,,x')).toEqual(['学校', '银行', 'bank', 'x']);
  });
});

describe('preview time picker', () => {
  it('reads the picked wall time in the screen group\u2019s zone, across a daylight-saving change', async () => {
    const { zonedToIso, isoToZoned } = await import('../../src/console-ui/zoned-time');
    expect(zonedToIso('2026-12-01T08:00', 'Asia/Shanghai')).toBe('2026-12-01T08:00:00+08:00');
    expect(zonedToIso('2026-07-01T08:00', 'Europe/London')).toBe('2026-07-01T08:00:00+01:00');
    expect(zonedToIso('2026-01-01T08:00', 'Europe/London')).toBe('2026-01-01T08:00:00+00:00');
    expect(zonedToIso('2026-01-01T08:00', 'America/New_York')).toBe('2026-01-01T08:00:00-05:00');
    expect(zonedToIso('not a time', 'Asia/Shanghai')).toBeNull();
    expect(isoToZoned(Date.parse('2026-12-01T00:00:00Z'), 'Asia/Shanghai')).toBe('2026-12-01T08:00');
  });
});
