import { describe, expect, it } from 'vitest';
import { checkPin, INITIAL_PIN_STATE, PIN_LOCK_MS, type PinGuardState } from '../../src/core/operator/pin-guard';

describe('operator PIN', () => {
  it('opens only with the configured PIN, and never without one', () => {
    expect(checkPin('2468', '2468', INITIAL_PIN_STATE, 0).ok).toBe(true);
    expect(checkPin('2468', '2469', INITIAL_PIN_STATE, 0)).toMatchObject({ ok: false, error: 'wrong PIN' });
    expect(checkPin(undefined, '', INITIAL_PIN_STATE, 0)).toMatchObject({ ok: false, error: 'no operator PIN is set in the config' });
    expect(checkPin('2468', '24680', INITIAL_PIN_STATE, 0).ok).toBe(false);
  });

  it('locks for five minutes after five wrong PINs, even against the right one', () => {
    let state: PinGuardState = INITIAL_PIN_STATE;
    for (let i = 0; i < 5; i++) state = checkPin('2468', '0000', state, 1000).state;
    expect(checkPin('2468', '2468', state, 1000 + PIN_LOCK_MS - 1)).toMatchObject({ ok: false, error: 'too many wrong PINs; try again later' });
    expect(checkPin('2468', '2468', state, 1000 + PIN_LOCK_MS).ok).toBe(true);
  });
});
