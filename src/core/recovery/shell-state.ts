import { z } from 'zod';

/**
 * What the Electron shell remembers across its own restarts: GPU crashes and whether
 * hardware acceleration is off, and when it last restarted itself (the crash-loop budget).
 * A small JSON file in the user-data folder; a bad file means a fresh state, never a crash.
 */
export const ShellState = z.object({
  gpu: z
    .object({
      crashes: z.array(z.number()).default([]),
      /** Once set, the next start calls `app.disableHardwareAcceleration()`. */
      disabled: z.boolean().default(false),
      disabledAt: z.string().nullable().default(null),
      reason: z.string().nullable().default(null),
      /** The app version that turned it off: an update gets to try the GPU again. */
      appVersion: z.string().nullable().default(null),
    })
    .prefault({}),
  relaunches: z.array(z.number()).default([]),
});
export type ShellState = z.infer<typeof ShellState>;

export const initialShellState: ShellState = ShellState.parse({});

export function parseShellState(raw: unknown): { readonly state: ShellState; readonly error: string | null } {
  const parsed = ShellState.safeParse(raw);
  if (parsed.success) return { state: parsed.data, error: null };
  const first = parsed.error.issues[0];
  const where = first && first.path.length > 0 ? first.path.join('.') : '(root)';
  return { state: initialShellState, error: `shell state ${where}: ${first?.message ?? 'invalid'}; starting fresh` };
}
