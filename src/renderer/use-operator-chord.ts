import { useEffect, useLayoutEffect, useRef } from 'react';
import { initialChord, onKey } from './key-chord';

export interface OperatorKeys {
  /** The chord was pressed. */
  readonly toggle: () => void;
  /** Any other key, only while the overlay is open (PIN entry). */
  readonly whileOpen: (key: string) => void;
  readonly open: boolean;
}

/**
 * Listens for the operator chord. Every other key, click, drag and context menu is
 * swallowed: a public screen reacts to nothing else.
 */
export function useOperatorChord(keys: OperatorKeys): void {
  const keysRef = useRef(keys);
  useLayoutEffect(() => {
    keysRef.current = keys;
  });
  useEffect(() => {
    let chord = initialChord;
    const onKeyDown = (event: KeyboardEvent): void => {
      event.preventDefault();
      if (event.repeat) return;
      const result = onKey(chord, { ...pickModifiers(event), key: event.key, at: event.timeStamp });
      chord = result.state;
      if (result.toggle) keysRef.current.toggle();
      else if (keysRef.current.open) keysRef.current.whileOpen(event.key);
    };
    const swallow = (event: Event): void => event.preventDefault();
    const swallowed = ['contextmenu', 'dragstart', 'wheel', 'mousedown', 'auxclick'] as const;
    window.addEventListener('keydown', onKeyDown);
    swallowed.forEach((name) => window.addEventListener(name, swallow, { passive: false }));
    return () => {
      window.removeEventListener('keydown', onKeyDown);
      swallowed.forEach((name) => window.removeEventListener(name, swallow));
    };
  }, []);
}

function pickModifiers(event: KeyboardEvent) {
  return { ctrlKey: event.ctrlKey, shiftKey: event.shiftKey, altKey: event.altKey, metaKey: event.metaKey };
}
