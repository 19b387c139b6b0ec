import { describe, expect, it } from 'vitest';
import { decideNightlyReload, nightlyStartDate } from '../../src/core/recovery/nightly-reload';
import { localClock } from '../../src/core/recovery/local-clock';

const SH = 'Asia/Shanghai';
/** A UTC instant from a Shanghai wall-clock time (UTC+8, no DST). */
const shanghai = (date: string, time: string): number => Date.parse(`${date}T${time}:00+08:00`);

describe('nightly reload', () => {
  it('is off without a time, and with a malformed one', () => {
    expect(decideNightlyReload({ now: shanghai('2025-05-01', '03:30'), at: null, timeZone: SH, lastDate: null }).kind).toBe('off');
    expect(decideNightlyReload({ now: shanghai('2025-05-01', '03:30'), at: '3:30', timeZone: SH, lastDate: null }).kind).toBe('off');
  });

  it('is due once per local night, at the set time', () => {
    const before = decideNightlyReload({ now: shanghai('2025-05-01', '03:29'), at: '03:30', timeZone: SH, lastDate: '2025-04-30' });
    expect(before).toEqual({ kind: 'wait', date: '2025-05-01' });
    const at = decideNightlyReload({ now: shanghai('2025-05-01', '03:30'), at: '03:30', timeZone: SH, lastDate: '2025-04-30' });
    expect(at).toEqual({ kind: 'due', date: '2025-05-01', reason: 'nightly reload at 03:30 (Asia/Shanghai)' });
    const again = decideNightlyReload({ now: shanghai('2025-05-01', '03:31'), at: '03:30', timeZone: SH, lastDate: '2025-05-01' });
    expect(again.kind).toBe('wait');
  });

  it('does not fire hours late when the kiosk was off at the set time', () => {
    const noon = decideNightlyReload({ now: shanghai('2025-05-01', '12:00'), at: '03:30', timeZone: SH, lastDate: '2025-04-29' });
    expect(noon.kind).toBe('wait');
  });

  it('uses the local date of the screen, not UTC', () => {
    // 03:30 in Shanghai is 19:30 UTC the day before.
    expect(localClock(shanghai('2025-05-01', '03:30'), SH)).toEqual({ date: '2025-05-01', minutes: 210 });
  });

  it('still happens on the night a DST jump skips the set time', () => {
    // Berlin, 2025-03-30: 02:00 jumps to 03:00, so 02:30 never exists.
    const berlin = 'Europe/Berlin';
    const justAfterJump = Date.parse('2025-03-30T01:00:00Z'); // 03:00 CEST
    const verdict = decideNightlyReload({ now: justAfterJump, at: '02:30', timeZone: berlin, lastDate: '2025-03-29' });
    expect(verdict).toMatchObject({ kind: 'due', date: '2025-03-30' });
  });

  it('counts a start after the set time as that night’s reload, but not a start before it', () => {
    expect(nightlyStartDate(shanghai('2025-05-01', '09:00'), '03:30', SH)).toBe('2025-05-01');
    expect(nightlyStartDate(shanghai('2025-05-01', '01:00'), '03:30', SH)).toBeNull();
    expect(nightlyStartDate(shanghai('2025-05-01', '01:00'), null, SH)).toBeNull();
  });
});
