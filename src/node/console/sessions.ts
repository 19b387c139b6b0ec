import { createHash, createHmac, randomBytes } from 'node:crypto';
import { liveSessions, sessionExpiresAt, sessionState, touchSession, type SessionRecord } from '../../core/console/session-record';

export interface Session {
  readonly token: string;
  readonly username: string;
  readonly csrf: string;
  /** Epoch milliseconds: idle or absolute expiry, whichever comes first. */
  readonly expiresAt: number;
}

/**
 * Console sessions. Decisions (idle 8 h, absolute 7 days) are core's (session-record.ts);
 * this keeps them by the SHA-256 of the cookie token and hands every change to `persist`
 * (sessions.json, see session-file.ts), one write at a time, the latest state winning.
 */
export interface Sessions {
  create(username: string): Session;
  get(token: string | undefined): Session | undefined;
  drop(token: string | undefined): void;
  /** Ends every session of an account ("sign out everywhere"); how many there were. */
  dropUser(username: string): number;
  /** Resolves once what changed so far is on disk. */
  flush(): Promise<void>;
}

export interface SessionOptions {
  readonly initial?: readonly SessionRecord[];
  readonly persist?: (records: SessionRecord[]) => Promise<void>;
  readonly onError?: (error: unknown) => void;
}

export const tokenHash = (token: string): string => createHash('sha256').update(token).digest('hex');
/** The CSRF token is derived from the cookie's, so nothing but the hash needs storing. */
const csrfOf = (token: string): string => createHmac('sha256', token).update('kiosk console csrf').digest('base64url');

const sessionOf = (token: string, r: SessionRecord): Session =>
  ({ token, username: r.username, csrf: csrfOf(token), expiresAt: sessionExpiresAt(r) });

/** Runs `persist` whenever marked dirty, never two at once; `flush` waits for the last. */
function saver(o: SessionOptions, snapshot: () => SessionRecord[]): { mark(): void; flush(): Promise<void> } {
  let dirty = false;
  let running: Promise<void> = Promise.resolve();
  let active = false;
  const loop = async (): Promise<void> => {
    active = true;
    while (dirty) {
      dirty = false;
      await o.persist?.(snapshot()).catch((e: unknown) => o.onError?.(e));
    }
    active = false;
  };
  return {
    mark() {
      if (!o.persist) return;
      dirty = true;
      if (!active) running = loop();
    },
    flush: () => running,
  };
}

export function createSessions(now: () => Date, o: SessionOptions = {}): Sessions {
  const all = new Map<string, SessionRecord>(liveSessions(o.initial ?? [], now().getTime()).map((r) => [r.tokenHash, r]));
  const save = saver(o, () => liveSessions([...all.values()], now().getTime()));
  return {
    create(username) {
      const token = randomBytes(32).toString('base64url');
      const t = now().getTime();
      const record: SessionRecord = { tokenHash: tokenHash(token), username, createdAt: t, lastSeenAt: t };
      all.set(record.tokenHash, record);
      save.mark();
      return sessionOf(token, record);
    },
    get(token) {
      const hash = token ? tokenHash(token) : undefined;
      const record = hash ? all.get(hash) : undefined;
      if (!token || !hash || !record) return undefined;
      const t = now().getTime();
      if (sessionState(record, t) !== 'live') {
        all.delete(hash);
        save.mark();
        return undefined;
      }
      const touched = touchSession(record, t);
      all.set(hash, touched.record);
      if (touched.save) save.mark();
      return sessionOf(token, touched.record);
    },
    drop(token) {
      if (token && all.delete(tokenHash(token))) save.mark();
    },
    dropUser(username) {
      let count = 0;
      for (const [hash, r] of all) if (r.username === username && all.delete(hash)) count += 1;
      if (count > 0) save.mark();
      return count;
    },
    flush: () => save.flush(),
  };
}

/**
 * Failed sign-ins, counted per client address and per account. An attempt is reserved
 * (counted as failed) before the slow password check, so guesses sent at once are counted
 * at once; a right password gives the reservation back.
 * - An address gets `perAddress` failures in `windowMs`, then waits out the window.
 * - An account gets `freePerAccount` failures, then each further try waits a delay that
 *   doubles per failure (1 s, 2 s, 4 s … at most `maxDelayMs`) from the last one: guessing
 *   slows to a crawl, yet the real user signs in from their own address after a short wait.
 */
export interface LoginLimiter {
  /** A ticket to settle with the password check's outcome, or the milliseconds to wait. */
  reserve(address: string, username: string): { readonly ticket: LoginTicket } | { readonly waitMs: number };
}

export interface LoginTicket {
  succeeded(): void;
}

export interface LimiterOptions {
  readonly perAddress: number;
  readonly windowMs: number;
  readonly freePerAccount: number;
  readonly baseDelayMs: number;
  readonly maxDelayMs: number;
}

export const LOGIN_LIMITS: LimiterOptions = { perAddress: 10, windowMs: 15 * 60_000, freePerAccount: 5, baseDelayMs: 1000, maxDelayMs: 15 * 60_000 };

/** The wait an account's next try owes after `failures` failures, the last at `last`. */
export function accountWait(failures: number, last: number, now: number, o: LimiterOptions): number {
  if (failures < o.freePerAccount) return 0;
  const delay = Math.min(o.maxDelayMs, o.baseDelayMs * 2 ** Math.min(30, failures - o.freePerAccount));
  return Math.max(0, last + delay - now);
}

export function createLoginLimiter(now: () => Date, o: LimiterOptions = LOGIN_LIMITS): LoginLimiter {
  const byAddress = new Map<string, number[]>();
  const byAccount = new Map<string, { failures: number; last: number }>();
  const recent = (address: string, t: number): number[] => {
    const kept = (byAddress.get(address) ?? []).filter((at) => at > t - o.windowMs);
    if (kept.length > 0) byAddress.set(address, kept);
    else byAddress.delete(address);
    return kept;
  };
  // An account's count is forgotten once it has been quiet for the longest delay.
  const current = (username: string, t: number): { failures: number; last: number } => {
    if (byAccount.size > 10_000) for (const [name, a] of byAccount) if (a.last < t - o.maxDelayMs) byAccount.delete(name);
    const account = byAccount.get(username);
    return account && account.last >= t - o.maxDelayMs ? account : { failures: 0, last: 0 };
  };
  return {
    reserve(address, username) {
      const t = now().getTime();
      const list = recent(address, t);
      if (list.length >= o.perAddress) return { waitMs: (list[0] ?? t) + o.windowMs - t };
      const account = current(username, t);
      const wait = accountWait(account.failures, account.last, t, o);
      if (wait > 0) return { waitMs: wait };
      list.push(t);
      byAddress.set(address, list);
      byAccount.set(username, { failures: account.failures + 1, last: t });
      return {
        ticket: {
          succeeded() {
            byAccount.delete(username);
            const kept = byAddress.get(address) ?? [];
            kept.splice(kept.indexOf(t), 1);
          },
        },
      };
    },
  };
}
