import { Hono } from 'hono';
import type { Context } from 'hono';
import { streamSSE } from 'hono/streaming';
import { join } from 'node:path';
import type { AlertItem } from '../core/model/content';
import type { AlertRequest, PlayEvent, PlayerState } from '../core/api/contract';
import { EVENTS_PATH, LOCAL_TOKEN_HEADER, MEDIA_CACHE_PREFIX, MEDIA_PACK_PREFIX, STATE_CHANGE_EVENT } from '../core/api/contract';
import { fileResponse, safeJoin } from './static-file';
import { handle } from './typed-route';

export interface ServerDeps {
  readonly state: () => PlayerState;
  /** Calls back with the new version whenever the state changes; returns an unsubscribe. */
  readonly subscribe: (listener: (version: number) => void) => () => void;
  readonly rendererDir: string;
  readonly packRoot: () => string | undefined;
  readonly cacheFile: (sha256: string) => string | undefined;
  readonly onPlay: (event: PlayEvent) => void | Promise<void>;
  readonly onHeartbeat: () => void;
  readonly raiseAlert: (request: AlertRequest) => AlertItem | Promise<AlertItem>;
  readonly clearAlerts: () => void | Promise<void>;
  readonly operatorExit: (pin: string) => { ok: boolean; error?: string };
  /** Secret shared with local operator tools through a file only the owner can read. */
  readonly localToken: string;
}

export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "img-src 'self' data:",
  "media-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "font-src 'self'",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "frame-ancestors 'none'",
  "form-action 'none'",
].join('; ');

function requireToken(token: string): (c: Context) => Response | undefined {
  return (c) => (c.req.header(LOCAL_TOKEN_HEADER) === token ? undefined : c.json({ ok: false, error: 'forbidden' }, 403));
}

function mountMedia(app: Hono, deps: ServerDeps): void {
  app.get(`/${MEDIA_PACK_PREFIX}*`, async (c) => {
    const root = deps.packRoot();
    const file = root ? safeJoin(root, c.req.path.slice(MEDIA_PACK_PREFIX.length + 1)) : undefined;
    return file ? fileResponse(file, c.req.raw) : c.text('Not found', 404);
  });
  app.get(`/${MEDIA_CACHE_PREFIX}:sha`, async (c) => {
    const sha = c.req.param('sha');
    const file = /^[0-9a-f]{64}$/.test(sha) ? deps.cacheFile(sha) : undefined;
    return file ? fileResponse(file, c.req.raw) : c.text('Not found', 404);
  });
}

function mountEvents(app: Hono, deps: ServerDeps): void {
  app.get(EVENTS_PATH, (c) =>
    streamSSE(c, async (stream) => {
      let wake: (() => void) | undefined;
      const pending: number[] = [];
      const unsubscribe = deps.subscribe((version) => {
        pending.push(version);
        wake?.();
      });
      stream.onAbort(() => {
        unsubscribe();
        wake?.();
      });
      await stream.writeSSE({ event: STATE_CHANGE_EVENT, data: String(deps.state().version) });
      while (!stream.aborted) {
        // A comment line every 15 s keeps proxies and the renderer's watchdog content.
        await new Promise<void>((r) => {
          wake = r;
          setTimeout(r, 15_000);
        });
        const version = pending.splice(0).pop();
        if (stream.aborted) break;
        if (version === undefined) await stream.write(': keep-alive\n\n');
        else await stream.writeSSE({ event: STATE_CHANGE_EVENT, data: String(version) });
      }
      unsubscribe();
    }),
  );
}

/** The one request handler behind both the Electron `app://` protocol and the browser player. */
export function createApp(deps: ServerDeps): Hono {
  const app = new Hono();
  app.use('*', async (c, next) => {
    await next();
    c.header('content-security-policy', CONTENT_SECURITY_POLICY);
    c.header('x-content-type-options', 'nosniff');
    c.header('referrer-policy', 'no-referrer');
  });
  handle(app, 'state', () => deps.state());
  handle(app, 'plays', async (event) => {
    await deps.onPlay(event);
    return { ok: true as const };
  });
  handle(app, 'heartbeat', () => {
    deps.onHeartbeat();
    return { ok: true as const };
  });
  handle(app, 'alerts', (request) => deps.raiseAlert(request), requireToken(deps.localToken));
  handle(
    app,
    'clearAlerts',
    async () => {
      await deps.clearAlerts();
      return { ok: true as const };
    },
    requireToken(deps.localToken),
  );
  handle(app, 'operatorExit', ({ pin }) => deps.operatorExit(pin));
  mountEvents(app, deps);
  mountMedia(app, deps);
  app.get('*', async (c) => {
    const path = c.req.path === '/' ? '/index.html' : c.req.path;
    const file = safeJoin(deps.rendererDir, path);
    if (!file) return c.text('Not found', 404);
    const res = await fileResponse(file, c.req.raw);
    // Unknown paths get the player page, so a stale bookmark still shows content.
    return res.status === 404 && !path.startsWith('/api/') ? fileResponse(join(deps.rendererDir, 'index.html'), c.req.raw) : res;
  });
  return app;
}
