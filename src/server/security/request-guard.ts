import type { Context, MiddlewareHandler } from 'hono';
import { bodyLimit as honoBodyLimit } from 'hono/body-limit';
import { fullBucket, takeToken, type BucketLimits } from '../../core/rate/token-bucket';

/**
 * Request guards shared by every server of the project (the player, the console): which
 * origins may talk to it, what a write must prove, how much it may send.
 * An origin here is `scheme://host[:port]` as a browser writes it: `http://127.0.0.1:8787`,
 * `app://kiosk`.
 */
export type Origins = () => ReadonlySet<string>;

const UNSAFE = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/** `scheme://host:port` of the request, with the host lower-cased and default ports dropped. */
export function requestOrigin(url: string): string | undefined {
  try {
    const u = new URL(url);
    return `${u.protocol}//${u.host}`.toLowerCase();
  } catch {
    return undefined;
  }
}

/**
 * Refuses a request whose Host is not one of ours with 421, before any route runs: a
 * DNS-rebinding page reaches the right socket under its own name, and is turned away here.
 */
export function hostGuard(opts: { readonly origins: Origins }): MiddlewareHandler {
  return async (c, next) => {
    const origin = requestOrigin(c.req.url);
    if (!origin || !opts.origins().has(origin)) return c.json({ ok: false, error: 'unknown host' }, 421);
    return next();
  };
}

/**
 * Writes from a browser must come from one of our own pages: an Origin header naming
 * another origin (or `null`), or Fetch Metadata saying cross-site, is refused. Tools that
 * send no Origin (curl, the CLI) pass here and prove themselves with a secret instead.
 */
export function originGuard(opts: { readonly origins: Origins }): MiddlewareHandler {
  return async (c, next) => {
    if (UNSAFE.has(c.req.method)) {
      const origin = c.req.header('origin');
      const site = c.req.header('sec-fetch-site');
      if (origin !== undefined && !opts.origins().has(origin.toLowerCase())) return forbidden(c, 'foreign origin');
      if (site !== undefined && site !== 'same-origin' && site !== 'none') return forbidden(c, 'cross-site request');
    }
    return next();
  };
}

/** Compares without an early exit, so timing does not reveal how much of a secret matched. */
export function sameSecret(a: string, b: string): boolean {
  let diff = a.length ^ b.length;
  for (let i = 0; i < Math.max(a.length, b.length); i++) diff |= (a.charCodeAt(i) || 0) ^ (b.charCodeAt(i) || 0);
  return diff === 0 && a.length > 0;
}

/** True when header `name` carries one of `secrets`. */
export function hasSecret(c: Context, name: string, secrets: readonly string[]): boolean {
  const sent = c.req.header(name) ?? '';
  return secrets.map((s) => sameSecret(sent, s)).includes(true);
}

/** A route guard: 403 unless one of the headers carries its secret. */
export function requireSecret(...pairs: readonly (readonly [header: string, secret: string])[]): (c: Context) => Response | undefined {
  return (c) => (pairs.some(([header, secret]) => hasSecret(c, header, [secret])) ? undefined : forbidden(c, 'forbidden'));
}

/**
 * Caps a request body while it streams in: a declared length above the cap is refused
 * before a byte is read, and a chunked body is cut off at the cap. The connection is
 * closed, so the rest of a 20 MB upload is never read.
 */
export function bodyLimit(maxBytes: number): MiddlewareHandler {
  return honoBodyLimit({
    maxSize: maxBytes,
    onError: (c) => {
      c.header('connection', 'close');
      return c.json({ ok: false, error: `request body larger than ${maxBytes} bytes` }, 413);
    },
  });
}

/** One bucket for the route it guards: beyond the rate, 429 with Retry-After. */
export function rateLimit(limits: BucketLimits, now: () => number): MiddlewareHandler {
  let bucket = fullBucket(limits, now());
  return async (c, next) => {
    const decision = takeToken(bucket, limits, now());
    bucket = decision.bucket;
    if (!decision.ok) {
      c.header('retry-after', String(decision.retryAfterSeconds));
      return c.json({ ok: false, error: 'too many requests' }, 429);
    }
    return next();
  };
}

/** A fixed number of slots for long-lived responses (event streams). */
export function createSlots(max: number): { tryAcquire(): (() => void) | undefined; readonly inUse: () => number } {
  let used = 0;
  return {
    tryAcquire() {
      if (used >= max) return undefined;
      used++;
      let released = false;
      return () => {
        if (!released) used--;
        released = true;
      };
    },
    inUse: () => used,
  };
}

function forbidden(c: Context, error: string): Response {
  return c.json({ ok: false, error }, 403);
}
