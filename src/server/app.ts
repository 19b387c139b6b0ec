import { Hono } from 'hono';
import type { Context } from 'hono';
import type { AlertItem } from '../core/model/content';
import type { AlertRequest, OperatorDetails, PlayEvent, PlayerState, RouteResponse } from '../core/api/contract';
import { LOCAL_TOKEN_HEADER, MEDIA_CACHE_PREFIX, MEDIA_PACK_PREFIX, routes, SESSION_HEADER } from '../core/api/contract';
import type { Result } from '../core/result';
import { mountEvents } from './events';
import { pageResponse } from './page';
import { securityHeaders } from './security/headers';
import { bodyLimit, hasSecret, hostGuard, originGuard, rateLimit, requireSecret, type Origins } from './security/request-guard';
import { fileResponse, safeJoin } from './static-file';
import { handle } from './typed-route';

export { CONTENT_SECURITY_POLICY } from './security/headers';

export interface ServerDeps {
  /** The full state, operator details included; the public gets it redacted. */
  readonly state: () => PlayerState;
  /** Calls back with the new version whenever the state changes; returns an unsubscribe. */
  readonly subscribe: (listener: (version: number) => void) => () => void;
  readonly rendererDir: string;
  /** The file behind a `media/pack/` path, only if a loaded item uses it and it is safe to serve. */
  readonly packFile: (relPath: string) => Promise<string | undefined>;
  readonly cacheFile: (sha256: string) => string | undefined;
  readonly onPlay: (event: PlayEvent) => void | Promise<void>;
  readonly onHeartbeat: () => void;
  readonly raiseAlert: (request: AlertRequest) => Promise<Result<AlertItem>>;
  readonly clearAlerts: () => void | Promise<void>;
  readonly operatorExit: (pin: string) => Promise<RouteResponse<'operatorExit'>>;
  /** Secret shared with local operator tools through a file only the owner can read. */
  readonly localToken: string;
  /** Secret of this launch, handed to the page in a meta tag; the renderer's writes carry it. */
  readonly sessionSecret: string;
  /** The origins (`http://127.0.0.1:8787`, `app://kiosk`) this server answers. */
  readonly origins: Origins;
  /** Milliseconds since the epoch, for the rate limits. */
  readonly now: () => number;
  /** The sync groups' shared time (docs/sync.md), for `/api/time`; this machine's clock when absent. */
  readonly sharedNow?: () => number;
}

/** Bodies of every route are small JSON; anything larger is refused while it streams in. */
export const MAX_BODY_BYTES = 16 * 1024;
/** A renderer keeps one event stream; a few more allow previews in other tabs. */
export const MAX_EVENT_STREAMS = 16;
/**
 * A screen changes item every few seconds; a burst of 60 covers a reload, and one a second
 * on average means a flood needs days to rotate the log's months of genuine records away.
 */
export const PLAY_RATE = { capacity: 60, perSecond: 1 } as const;

/** What the public sees: no operator warnings, no quarantine details. */
export function publicState(state: PlayerState): PlayerState {
  return { ...state, warnings: [], sync: state.sync ? { ...state.sync, quarantined: [] } : null };
}

export function operatorDetails(state: PlayerState): OperatorDetails {
  return { warnings: state.warnings, quarantined: state.sync?.quarantined ?? [] };
}

function mountMedia(app: Hono, deps: ServerDeps): void {
  app.get(`/${MEDIA_PACK_PREFIX}*`, async (c) => {
    const file = await deps.packFile(c.req.path.slice(MEDIA_PACK_PREFIX.length + 1));
    return file ? fileResponse(file, c.req.raw) : c.text('Not found', 404);
  });
  app.get(`/${MEDIA_CACHE_PREFIX}:sha`, async (c) => {
    const sha = c.req.param('sha');
    const file = /^[0-9a-f]{64}$/.test(sha) ? deps.cacheFile(sha) : undefined;
    return file ? fileResponse(file, c.req.raw) : c.text('Not found', 404);
  });
}

function mountRoutes(app: Hono, deps: ServerDeps): void {
  const byRenderer = requireSecret([SESSION_HEADER, deps.sessionSecret], [LOCAL_TOKEN_HEADER, deps.localToken]);
  const byTool = requireSecret([LOCAL_TOKEN_HEADER, deps.localToken]);
  handle(app, 'state', (_body, c: Context) =>
    hasSecret(c, LOCAL_TOKEN_HEADER, [deps.localToken]) ? deps.state() : publicState(deps.state()),
  );
  const sharedNow = deps.sharedNow ?? (() => performance.timeOrigin + performance.now());
  handle(app, 'time', () => {
    const received = sharedNow();
    return { received, sent: sharedNow() };
  });
  app.use(routes.plays.path, rateLimit(PLAY_RATE, deps.now));
  handle(app, 'plays', async (event) => {
    await deps.onPlay(event);
    return { ok: true as const };
  }, byRenderer);
  handle(app, 'heartbeat', () => {
    deps.onHeartbeat();
    return { ok: true as const };
  }, byRenderer);
  handle(app, 'alerts', async (request, c) => {
    const raised = await deps.raiseAlert(request);
    return raised.ok ? raised.value : c.json({ ok: false, error: raised.error }, 422);
  }, byTool);
  handle(app, 'clearAlerts', async () => {
    await deps.clearAlerts();
    return { ok: true as const };
  }, byTool);
  handle(app, 'operatorExit', ({ pin }) => deps.operatorExit(pin), byRenderer);
}

/** The one request handler behind both the Electron `app://` protocol and the browser player. */
export function createApp(deps: ServerDeps): Hono {
  const app = new Hono();
  app.use('*', securityHeaders());
  app.use('*', hostGuard({ origins: deps.origins }));
  app.use('*', originGuard({ origins: deps.origins }));
  app.use('*', bodyLimit(MAX_BODY_BYTES));
  mountRoutes(app, deps);
  mountEvents(app, { subscribe: deps.subscribe, version: () => deps.state().version, maxStreams: MAX_EVENT_STREAMS });
  mountMedia(app, deps);
  app.get('*', async (c) => {
    if (c.req.path === '/' || c.req.path === '/index.html') return pageResponse(deps.rendererDir, deps.sessionSecret);
    // The build has no dotfiles to serve; refusing them keeps stray ones (.env, .git) private.
    const hidden = c.req.path.split('/').some((part) => part.startsWith('.'));
    const file = hidden ? undefined : safeJoin(deps.rendererDir, c.req.path);
    const res = file ? await fileResponse(file, c.req.raw) : new Response('Not found', { status: 404 });
    // Unknown paths get the player page, so a stale bookmark still shows content.
    return res.status === 404 && !c.req.path.startsWith('/api/') && !c.req.path.startsWith('/media/')
      ? pageResponse(deps.rendererDir, deps.sessionSecret)
      : res;
  });
  return app;
}
