import { z } from 'zod';

/**
 * Decides whether a PIN attempt may be checked and what a wrong one costs. Pure: the
 * caller keeps the state (on disk, so a restart does not reset it) and passes the clock.
 * The first few wrong PINs are free (typos); each one after that doubles the lockout, up
 * to an hour, so trying a million 6-digit PINs takes longer than the screen's lifetime.
 */
export const PinGuardState = z.strictObject({
  failures: z.number().int().nonnegative(),
  lockedUntil: z.number().nonnegative(),
});
export type PinGuardState = z.infer<typeof PinGuardState>;

/** The stored form of the operator PIN: a salted scrypt hash, never the PIN itself. */
export const PinHashFile = z.strictObject({
  algorithm: z.literal('scrypt'),
  salt: z.string().regex(/^[0-9a-f]{32}$/),
  hash: z.string().regex(/^[0-9a-f]{64}$/),
  cost: z.number().int().min(1024).max(1_048_576),
});
export type PinHashFile = z.infer<typeof PinHashFile>;

export const PIN_MIN_DIGITS = 6;
export const PIN_FREE_FAILURES = 3;
export const PIN_BASE_LOCK_MS = 30_000;
export const PIN_MAX_LOCK_MS = 60 * 60_000;
export const INITIAL_PIN_STATE: PinGuardState = { failures: 0, lockedUntil: 0 };
export const PIN_LOCKED_MESSAGE = 'too many wrong PINs; try again later';

/** How long the `failures`-th wrong PIN in a row locks the overlay. */
export function lockAfter(failures: number): number {
  if (failures < PIN_FREE_FAILURES) return 0;
  return Math.min(PIN_MAX_LOCK_MS, PIN_BASE_LOCK_MS * 2 ** (failures - PIN_FREE_FAILURES));
}

/**
 * Milliseconds before another attempt is checked. Capped, so a clock set back by a day
 * cannot lock the operator out for that day.
 */
export function lockRemaining(state: PinGuardState, nowMs: number): number {
  return Math.min(PIN_MAX_LOCK_MS, Math.max(0, state.lockedUntil - nowMs));
}

export type PinDecision =
  | { readonly ok: true; readonly state: PinGuardState }
  | { readonly ok: false; readonly error: string; readonly state: PinGuardState };

/** The outcome of an attempt whose PIN was compared (`matches`) while no lock was running. */
export function decidePin(state: PinGuardState, matches: boolean, nowMs: number): PinDecision {
  if (matches) return { ok: true, state: INITIAL_PIN_STATE };
  const failures = state.failures + 1;
  const lock = lockAfter(failures);
  return lock > 0
    ? { ok: false, error: PIN_LOCKED_MESSAGE, state: { failures, lockedUntil: nowMs + lock } }
    : { ok: false, error: 'wrong PIN', state: { failures, lockedUntil: 0 } };
}
