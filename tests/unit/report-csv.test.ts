import { describe, expect, it } from 'vitest';
import { csvCell, toCsv } from '../../src/core/report/csv';
import type { PlayLogRecord } from '../../src/core/report/record';

const H = 'a'.repeat(64);

describe('CSV for the activity summary', () => {
  it('starts with a BOM and bilingual headers, one row per record, in local time', () => {
    const records: PlayLogRecord[] = [
      { type: 'play', seq: 0, at: '2025-05-06T00:31:00Z', screenId: 'lobby-1', prev: H, hash: H, itemId: 'case-1', kind: 'video', title: '刷单, "返利"', start: '2025-05-06T00:30:00Z', durationMs: 45_250, completed: false },
      { type: 'recovery', seq: 1, at: '2025-05-06T02:00:00Z', screenId: 'lobby-1', prev: H, hash: H, reason: 'renderer crashed' },
    ];
    const text = toCsv(records, 'Asia/Shanghai');
    expect(text.startsWith('\uFEFF日期 date,时间 time,类型 type')).toBe(true);
    const rows = text.slice(1).split('\r\n');
    expect(rows[1]).toBe(`2025-05-06,08:30,play,lobby-1,case-1,video,"刷单, ""返利""",45.3,false,,2025-05-06T00:30:00Z,0,${H}`);
    expect(rows[2]).toBe(`2025-05-06,10:00,recovery,lobby-1,,,,,,renderer crashed,2025-05-06T02:00:00Z,1,${H}`);
    expect(rows[3]).toBe('');
  });

  it('defuses cells a spreadsheet would run as formulas', () => {
    expect(csvCell('=HYPERLINK("http://x")')).toBe(`"'=HYPERLINK(""http://x"")"`);
    expect(csvCell('+86 110')).toBe("'+86 110");
    expect(csvCell('@cmd')).toBe("'@cmd");
    expect(csvCell(12.5)).toBe('12.5');
  });
});
