/**
 * The renderer posts a heartbeat every few seconds; silence for longer than the timeout
 * means its main thread is stuck (an endless loop, a wedged decoder) even when Chromium
 * has not noticed. The watchdog arms only once a beat has ever arrived, so a renderer
 * build without heartbeats is not reloaded forever.
 */
export type HeartbeatVerdict =
  | { readonly kind: 'unarmed' }
  | { readonly kind: 'alive'; readonly silentMs: number }
  | { readonly kind: 'hung'; readonly silentMs: number };

export interface HeartbeatInput {
  readonly now: number;
  /** Time of the last beat, 0 when none has arrived since the app started. */
  readonly lastBeatAt: number;
  /** When the page was last (re)loaded: a fresh page gets a full timeout to send its first beat. */
  readonly loadedAt: number;
  readonly timeoutMs: number;
}

export function judgeHeartbeat(input: HeartbeatInput): HeartbeatVerdict {
  if (input.lastBeatAt <= 0) return { kind: 'unarmed' };
  const silentMs = Math.max(0, input.now - Math.max(input.lastBeatAt, input.loadedAt));
  return silentMs > input.timeoutMs ? { kind: 'hung', silentMs } : { kind: 'alive', silentMs };
}
