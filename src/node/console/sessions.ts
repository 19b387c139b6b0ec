import { randomBytes } from 'node:crypto';

export interface Session {
  readonly token: string;
  readonly username: string;
  readonly csrf: string;
  expiresAt: number;
}

/** Sessions live in memory: a restart signs everyone out, which is the safe direction. */
export interface Sessions {
  create(username: string): Session;
  get(token: string | undefined): Session | undefined;
  drop(token: string | undefined): void;
  dropUser(username: string): void;
}

const IDLE_MS = 8 * 3600_000;

export function createSessions(now: () => Date): Sessions {
  const all = new Map<string, Session>();
  return {
    create(username) {
      const session = {
        token: randomBytes(32).toString('base64url'),
        username,
        csrf: randomBytes(24).toString('base64url'),
        expiresAt: now().getTime() + IDLE_MS,
      };
      all.set(session.token, session);
      return session;
    },
    get(token) {
      const session = token ? all.get(token) : undefined;
      if (!session) return undefined;
      if (session.expiresAt <= now().getTime()) {
        all.delete(session.token);
        return undefined;
      }
      session.expiresAt = now().getTime() + IDLE_MS;
      return session;
    },
    drop: (token) => void (token && all.delete(token)),
    dropUser(username) {
      for (const [token, s] of all) if (s.username === username) all.delete(token);
    },
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
