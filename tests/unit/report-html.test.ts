import { describe, expect, it } from 'vitest';
import { aggregate } from '../../src/core/report/aggregate';
import { formatDuration, renderReportHtml } from '../../src/core/report/html';
import type { PlayLogRecord } from '../../src/core/report/record';
import { niceScale } from '../../src/core/report/svg-charts';

const H = 'b'.repeat(64);
const hostile = '<script>alert(1)</script><img src=x onerror=alert(2)> & "quoted" \'single\'';

function records(): PlayLogRecord[] {
  return [
    { type: 'play', seq: 0, at: '2025-05-06T00:31:00Z', screenId: 'lobby<1>', prev: H, hash: H, itemId: 'case-x', kind: 'case', title: hostile, start: '2025-05-06T00:30:00Z', durationMs: 20_000, completed: true },
    { type: 'recovery', seq: 1, at: '2025-05-06T03:00:00Z', screenId: 'lobby<1>', prev: H, hash: H, reason: `crash ${hostile}` },
    { type: 'play', seq: 2, at: '2025-05-06T03:00:10Z', screenId: 'lobby<1>', prev: H, hash: H, itemId: 'v', kind: 'video', title: '网贷诈骗警示片', start: '2025-05-06T03:00:00Z', durationMs: 60_000, completed: true },
  ];
}

const range = { from: '2025-05-01', to: '2025-05-31', timeZone: 'Asia/Shanghai' };

describe('HTML report', () => {
  const html = renderReportHtml(aggregate(records(), range), { generatedAt: '2025-06-01T02:00:00Z', organisation: `Xinghe ${hostile}`, integrity: { ok: true, records: 3 } });

  it('escapes every text that came from the log or the command line', () => {
    expect(html).not.toContain('<script');
    expect(html).not.toContain('<img');
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(html).toContain('lobby&lt;1&gt;');
    expect(html).toContain('&quot;quoted&quot; &#39;single&#39;');
  });

  it('loads nothing from outside the file', () => {
    expect(html).not.toMatch(/<[^>]*\s(src|href)=/i);
    expect(html).not.toMatch(/@import|url\(/i);
    expect(html).toContain(`content="default-src 'none'; style-src 'unsafe-inline'; img-src data:"`);
  });

  it('has every chart and the summary numbers', () => {
    for (const chart of ['plays-per-day', 'hours-per-day', 'plays-per-kind', 'top-cases', 'timeline']) expect(html).toContain(`data-chart="${chart}"`);
    expect(html).toMatch(/data-stat="plays"><div class="label">播放次数<span>Plays<\/span><\/div><div class="value">2</);
    expect(html).toContain('Period: <b data-field="period">2025-05-01 – 2025-05-31</b>');
    expect(html).toContain('Generated: 2025-06-01 10:00');
  });

  it('says so when the chain is broken', () => {
    const broken = renderReportHtml(aggregate(records(), range), { generatedAt: '2025-06-01T02:00:00Z', integrity: { ok: false, message: 'record seq 4 at plays-000001.jsonl line 5 was edited' } });
    expect(broken).toContain('data-integrity="bad"');
    expect(broken).toContain('record seq 4 at plays-000001.jsonl line 5 was edited');
  });
});

describe('chart helpers', () => {
  it('rounds axes to 1, 2 or 5 steps', () => {
    expect(niceScale(1354)).toEqual({ max: 1500, step: 500 });
    expect(niceScale(10)).toEqual({ max: 10, step: 5 });
    expect(niceScale(0)).toEqual({ max: 1, step: 1 });
  });

  it('formats durations for people', () => {
    expect(formatDuration(258 * 60_000)).toBe('4 h 18 min');
    expect(formatDuration(12 * 60_000)).toBe('12 min');
  });
});
