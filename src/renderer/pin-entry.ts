/**
 * Typing a PIN into the operator overlay: digits append (up to 12, the config's maximum),
 * Backspace deletes, Enter submits. Pure so the overlay's keyboard rules are unit tested.
 */
export const PIN_MAX_LENGTH = 12;

export type PinKeyResult =
  | { readonly kind: 'edit'; readonly pin: string }
  | { readonly kind: 'submit'; readonly pin: string }
  | { readonly kind: 'ignore' };

export function onPinKey(pin: string, key: string): PinKeyResult {
  if (/^[0-9]$/.test(key)) return pin.length < PIN_MAX_LENGTH ? { kind: 'edit', pin: pin + key } : { kind: 'ignore' };
  if (key === 'Backspace') return { kind: 'edit', pin: pin.slice(0, -1) };
  if (key === 'Escape') return { kind: 'edit', pin: '' };
  if (key === 'Enter') return pin.length > 0 ? { kind: 'submit', pin } : { kind: 'ignore' };
  return { kind: 'ignore' };
}
