/** What the dashboard shows for a screen, decided from its last status and the clock. */
export type Presence = 'online' | 'offline' | 'stale';

export interface PresenceInput {
  /** The retained status's `online` flag (the broker's last will sets it to false). */
  readonly online: boolean;
  readonly lastSeenMs: number;
  readonly nowMs: number;
  /** The heartbeat interval; a screen silent for 2.5 of them is shown as stale. */
  readonly heartbeatMs: number;
}

export function presenceOf(input: PresenceInput): Presence {
  if (!input.online) return 'offline';
  return input.nowMs - input.lastSeenMs > input.heartbeatMs * 2.5 ? 'stale' : 'online';
}
