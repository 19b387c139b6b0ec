import type { Context } from 'hono';

/**
 * Host and Origin checks for the console (the lead unifies these with the shared guards
 * in src/server/security/). A foreign Host is DNS rebinding; a foreign Origin on a write
 * is a cross-site request.
 */
export interface GuardOptions {
  /** `host:port` names this console answers to (loopback names and the bound address). */
  readonly hosts: readonly string[];
}

export const hostsFor = (host: string, port: number): string[] => {
  const names = new Set([`127.0.0.1:${port}`, `localhost:${port}`, `[::1]:${port}`]);
  if (host !== '0.0.0.0' && host !== '::') names.add(`${host.includes(':') ? `[${host}]` : host}:${port}`);
  return [...names];
};

export function foreignHost(c: Context, options: GuardOptions): string | undefined {
  const host = (c.req.header('host') ?? '').toLowerCase();
  return options.hosts.includes(host) ? undefined : `Host "${host.slice(0, 100)}" is not this console`;
}

/** Writes must come from a page of this console: Origin, when sent, must be one of ours. */
export function foreignOrigin(c: Context, options: GuardOptions): string | undefined {
  const origin = c.req.header('origin');
  if (origin === undefined) {
    const site = c.req.header('sec-fetch-site');
    return site === undefined || site === 'same-origin' || site === 'none' ? undefined : `cross-site request (${site})`;
  }
  const allowed = options.hosts.flatMap((h) => [`http://${h}`, `https://${h}`]);
  return allowed.includes(origin.toLowerCase()) ? undefined : `Origin "${origin.slice(0, 100)}" is not this console`;
}

export function readCookie(c: Context, name: string): string | undefined {
  const header = c.req.header('cookie') ?? '';
  for (const part of header.split(';')) {
    const [key, ...rest] = part.trim().split('=');
    if (key === name) return rest.join('=');
  }
  return undefined;
}

export const sessionCookie = (name: string, token: string, secure: boolean): string =>
  `${name}=${token}; Path=/; HttpOnly; SameSite=Strict${secure ? '; Secure' : ''}; Max-Age=28800`;

export const clearedCookie = (name: string): string => `${name}=; Path=/; HttpOnly; SameSite=Strict; Max-Age=0`;
