import { describe, expect, it } from 'vitest';
import { formatAmount, formatBytes, formatDate, formatDuration, formatTime, splitSteps, textSizeClass } from '../../src/renderer/format';

const instant = new Date('2025-03-14T17:05:00Z');

describe('renderer formatting', () => {
  it('shows the date and time in the playlist time zone, not the machine one', () => {
    expect(formatTime(instant, 'Asia/Shanghai')).toBe('01:05');
    expect(formatDate(instant, 'zh-CN', 'Asia/Shanghai')).toBe('2025年3月15日星期六');
    expect(formatDate(instant, 'zh-TW', 'Asia/Taipei')).toBe('2025年3月15日星期六');
    expect(formatTime(instant, 'Europe/London')).toBe('17:05');
    expect(formatDate(instant, 'en', 'Europe/London')).toBe('Fri, Mar 14, 2025');
  });

  it('shows money lost as whole grouped units with a sign no region misreads (never a bare "$")', () => {
    expect(formatAmount(700000, 'CNY', 'zh-CN')).toBe('¥700,000');
    expect(formatAmount(9900.4, 'CNY', 'en')).toBe('CN¥9,900');
    expect(formatAmount(1250, 'TWD', 'zh-TW')).toBe('NT$1,250');
    expect(formatAmount(1250, 'TWD', 'en')).toBe('NT$1,250');
    expect(formatAmount(38000, 'HKD', 'en')).toBe('HK$38,000');
    expect(formatAmount(500, 'EUR', 'en')).toBe('500 EUR');
  });

  it('formats cache sizes and uptimes for the operator', () => {
    expect(formatBytes(512)).toBe('512 B');
    expect(formatBytes(3 * 1024 * 1024)).toBe('3.0 MB');
    expect(formatDuration(3_725_000)).toBe('01:02:05');
    expect(formatDuration(2 * 86_400_000 + 5000)).toBe('2d 00:00:05');
  });

  it('steps long texts down in size so a long story still fits its card', () => {
    expect(textSizeClass('短'.repeat(100))).toBe('text-l');
    expect(textSizeClass('短'.repeat(200))).toBe('text-m');
    expect(textSizeClass('短'.repeat(350))).toBe('text-s');
    expect(textSizeClass('短'.repeat(600))).toBe('text-xs');
    expect(textSizeClass('a'.repeat(400))).toBe('text-m');
  });

  it('puts each numbered step of a help text on its own line', () => {
    expect(splitSteps('1. 立即停止转账。2. 马上拨打110报警，9:30到12.5号窗口。 3. 96110来电请接听。')).toEqual([
      '1. 立即停止转账。',
      '2. 马上拨打110报警，9:30到12.5号窗口。',
      '3. 96110来电请接听。',
    ]);
    expect(splitSteps('1. Stop transfers. 2. Call 110. 3. Answer 96110.')).toEqual([
      '1. Stop transfers.',
      '2. Call 110.',
      '3. Answer 96110.',
    ]);
    expect(splitSteps('Call 110 now. 96110 is the warning line.')).toEqual(['Call 110 now. 96110 is the warning line.']);
  });

  it('starts a new paragraph at every line break the author wrote (a list’s source after its last site)', () => {
    expect(splitSteps('1. examp1e-bank-hk[.]com\n2. sample[.]com\n資料來源：香港金融管理局（2026-11-28）。')).toEqual([
      '1. examp1e-bank-hk[.]com',
      '2. sample[.]com',
      '資料來源：香港金融管理局（2026-11-28）。',
    ]);
    expect(splitSteps('第一段。\n\n第二段 1. 不转账 2. 挂断')).toEqual(['第一段。', '第二段 1. 不转账 2. 挂断']);
  });
});
