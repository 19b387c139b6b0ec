import { describe, expect, it } from 'vitest';
import {
  decidePin,
  INITIAL_PIN_STATE,
  lockAfter,
  lockRemaining,
  PIN_BASE_LOCK_MS,
  PIN_FREE_FAILURES,
  PIN_MAX_LOCK_MS,
  type PinGuardState,
} from '../../src/core/operator/pin-guard';
import { DeviceConfig } from '../../src/core/model/config';

describe('operator PIN lockout', () => {
  it('lets a few typos pass, then doubles the lock with each wrong PIN, up to an hour', () => {
    let state: PinGuardState = INITIAL_PIN_STATE;
    const locks: number[] = [];
    for (let i = 0; i < 12; i++) {
      const at = 1_000_000 + i;
      state = decidePin(state, false, at).state;
      locks.push(lockRemaining(state, at));
    }
    expect(locks.slice(0, PIN_FREE_FAILURES - 1)).toEqual([0, 0]);
    const locked = locks.slice(PIN_FREE_FAILURES - 1);
    for (let i = 1; i < locked.length; i++) expect(locked[i]).toBe(Math.min(PIN_MAX_LOCK_MS, 2 * (locked[i - 1] ?? 0)));
    expect(locked[0]).toBe(PIN_BASE_LOCK_MS);
    expect(locks.at(-1)).toBe(PIN_MAX_LOCK_MS);
    expect(decidePin(state, false, 0)).toMatchObject({ ok: false, error: 'too many wrong PINs; try again later' });
  });

  it('the right PIN clears the count; a clock set back cannot lock longer than the cap', () => {
    const state = { failures: 9, lockedUntil: 10 * PIN_MAX_LOCK_MS };
    expect(decidePin(state, true, 0)).toEqual({ ok: true, state: INITIAL_PIN_STATE });
    expect(lockRemaining(state, 0)).toBe(PIN_MAX_LOCK_MS);
    expect(lockAfter(PIN_FREE_FAILURES + 1)).toBe(PIN_BASE_LOCK_MS * 2);
  });

  it('a PIN needs at least 6 digits', () => {
    expect(DeviceConfig.safeParse({ operatorPin: '24681' }).success).toBe(false);
    expect(DeviceConfig.safeParse({ operatorPin: '246813' }).success).toBe(true);
  });
});
