/**
 * The operator overlay opens with Ctrl+Shift+O or by pressing "o" five times within a
 * few seconds (for a keyboard without easy chords). Pure: the caller keeps the state.
 */
export interface ChordState {
  /** Times (ms) of the recent plain "o" presses, oldest first. */
  readonly presses: readonly number[];
}

export interface KeyInput {
  readonly key: string;
  readonly ctrlKey: boolean;
  readonly shiftKey: boolean;
  readonly altKey: boolean;
  readonly metaKey: boolean;
  /** Milliseconds, monotonic. */
  readonly at: number;
}

export const PRESSES_NEEDED = 5;
export const PRESS_WINDOW_MS = 3000;

export const initialChord: ChordState = { presses: [] };

export function onKey(state: ChordState, key: KeyInput): { state: ChordState; toggle: boolean } {
  const isO = key.key.toLowerCase() === 'o';
  if (isO && key.ctrlKey && key.shiftKey && !key.altKey && !key.metaKey) {
    return { state: initialChord, toggle: true };
  }
  if (!isO || key.ctrlKey || key.altKey || key.metaKey) return { state: initialChord, toggle: false };
  const presses = [...state.presses.filter((t) => key.at - t < PRESS_WINDOW_MS), key.at];
  if (presses.length >= PRESSES_NEEDED) return { state: initialChord, toggle: true };
  return { state: { presses }, toggle: false };
}
