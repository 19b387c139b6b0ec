import { randomBytes, timingSafeEqual } from 'node:crypto';

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

export const sameSecret = (a: string, b: string): boolean => {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
};

/** Failed logins per key (user name and address): 5 in 15 minutes, then wait. */
export interface LoginLimiter {
  /** Milliseconds to wait before the next try, 0 when allowed. */
  wait(key: string): number;
  fail(key: string): void;
  succeed(key: string): void;
}

export function createLoginLimiter(now: () => Date, max = 5, windowMs = 15 * 60_000): LoginLimiter {
  const failures = new Map<string, number[]>();
  const recent = (key: string): number[] => {
    const t = now().getTime();
    const kept = (failures.get(key) ?? []).filter((at) => at > t - windowMs);
    failures.set(key, kept);
    return kept;
  };
  return {
    wait(key) {
      const list = recent(key);
      return list.length < max ? 0 : (list[0] ?? 0) + windowMs - now().getTime();
    },
    fail: (key) => void recent(key).push(now().getTime()),
    succeed: (key) => void failures.delete(key),
  };
}
