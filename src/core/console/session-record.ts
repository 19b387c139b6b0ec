import { z } from 'zod';
import { Username } from './formats';

/**
 * A console session as `sessions.json` keeps it. The cookie's token is never stored: only
 * its SHA-256 (hex), so a copy of the data folder signs nobody in. The CSRF token is derived
 * from the cookie token on the Node side, so it is not stored either.
 */
export const SessionRecord = z.strictObject({
  tokenHash: z.string().regex(/^[0-9a-f]{64}$/),
  username: Username,
  /** Epoch milliseconds. */
  createdAt: z.number().int().nonnegative(),
  lastSeenAt: z.number().int().nonnegative(),
});
export type SessionRecord = z.infer<typeof SessionRecord>;

export const SessionFile = z.strictObject({ version: z.literal(1), sessions: z.array(SessionRecord).max(100_000) });
export type SessionFile = z.infer<typeof SessionFile>;

/** Idle for this long (no request), a session ends. */
export const SESSION_IDLE_MS = 8 * 3600_000;
/** However busy, a session ends this long after sign-in. */
export const SESSION_MAX_MS = 7 * 24 * 3600_000;
/** A request moves `lastSeenAt` on in memory; the file is rewritten only when it moved this much. */
export const SESSION_TOUCH_SAVE_MS = 60_000;

export type SessionState = 'live' | 'idle-expired' | 'absolute-expired';

export function sessionState(record: SessionRecord, now: number): SessionState {
  if (now >= record.createdAt + SESSION_MAX_MS) return 'absolute-expired';
  if (now >= record.lastSeenAt + SESSION_IDLE_MS) return 'idle-expired';
  return 'live';
}

/** When the session ends if no request comes: the earlier of idle and absolute expiry. */
export const sessionExpiresAt = (record: SessionRecord): number =>
  Math.min(record.lastSeenAt + SESSION_IDLE_MS, record.createdAt + SESSION_MAX_MS);

/** The record after a request at `now`, and whether that change is worth a write. */
export function touchSession(record: SessionRecord, now: number): { readonly record: SessionRecord; readonly save: boolean } {
  if (now <= record.lastSeenAt) return { record, save: false };
  return { record: { ...record, lastSeenAt: now }, save: now - record.lastSeenAt >= SESSION_TOUCH_SAVE_MS };
}

/** The sessions still live at `now`: what a start keeps and what a save writes. */
export const liveSessions = (records: readonly SessionRecord[], now: number): SessionRecord[] =>
  records.filter((r) => sessionState(r, now) === 'live');
