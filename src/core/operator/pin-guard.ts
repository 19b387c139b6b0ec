/**
 * Decides whether a PIN attempt opens kiosk mode. Pure: the caller keeps the state and
 * passes the clock. After five wrong PINs, attempts are refused for five minutes, so a
 * passer-by cannot try all 10,000 four-digit PINs.
 */
export interface PinGuardState {
  readonly failures: number;
  readonly lockedUntil: number;
}

export type PinDecision =
  | { readonly ok: true; readonly state: PinGuardState }
  | { readonly ok: false; readonly error: string; readonly state: PinGuardState };

export const PIN_MAX_FAILURES = 5;
export const PIN_LOCK_MS = 5 * 60_000;
export const INITIAL_PIN_STATE: PinGuardState = { failures: 0, lockedUntil: 0 };

/** Compares without an early exit, so timing does not reveal how many digits matched. */
function sameText(a: string, b: string): boolean {
  let diff = a.length ^ b.length;
  for (let i = 0; i < Math.max(a.length, b.length); i++) diff |= (a.charCodeAt(i) || 0) ^ (b.charCodeAt(i) || 0);
  return diff === 0;
}

export function checkPin(
  configured: string | undefined,
  attempt: string,
  state: PinGuardState,
  nowMs: number,
): PinDecision {
  if (!configured) return { ok: false, error: 'no operator PIN is set in the config', state };
  if (nowMs < state.lockedUntil) return { ok: false, error: 'too many wrong PINs; try again later', state };
  if (sameText(configured, attempt)) return { ok: true, state: INITIAL_PIN_STATE };
  const failures = state.failures + 1;
  return failures >= PIN_MAX_FAILURES
    ? { ok: false, error: 'too many wrong PINs; try again later', state: { failures: 0, lockedUntil: nowMs + PIN_LOCK_MS } }
    : { ok: false, error: 'wrong PIN', state: { failures, lockedUntil: 0 } };
}
