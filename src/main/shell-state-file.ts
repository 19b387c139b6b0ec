import { closeSync, fsyncSync, openSync, readFileSync, renameSync, writeSync } from 'node:fs';
import { initialShellState, parseShellState, type ShellState } from '../core/recovery/shell-state';

/**
 * The shell's own memory across restarts (GPU fallback, restart budget). Read before the
 * app is ready, synchronously, and written atomically so a power cut leaves the old file.
 */
export const SHELL_STATE_FILE = 'shell-state.json';

export function readShellState(path: string): { readonly state: ShellState; readonly warning: string | null } {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch {
    return { state: initialShellState, warning: null };
  }
  try {
    const { state, error } = parseShellState(JSON.parse(text));
    return { state, warning: error === null ? null : `${path}: ${error}` };
  } catch {
    return { state: initialShellState, warning: `${path}: not valid JSON; starting fresh` };
  }
}

export function writeShellState(path: string, state: ShellState): void {
  const tmp = `${path}.tmp`;
  const fd = openSync(tmp, 'w', 0o644);
  try {
    writeSync(fd, `${JSON.stringify(state, null, 2)}\n`);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  renameSync(tmp, path);
}
