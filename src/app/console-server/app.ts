import { Hono, type Context } from 'hono';
import { join } from 'node:path';
import { readFile } from 'node:fs/promises';
import { consoleRoutes, FEED_PREFIX, PREVIEW_PREFIX, SESSION_COOKIE } from '../../core/console/contract';
import { previewState, type PreviewSource } from '../../core/console/preview';
import { MEDIA_PACK_PREFIX } from '../../core/api/contract';
import { groupDocuments } from '../../node/console/group-documents';
import type { ConsoleData } from '../../node/console/console-data';
import { createLoginLimiter, createSessions, type Sessions } from '../../node/console/sessions';
import { CHUNK_BYTES } from '../../node/console/uploads';
import { fileResponse, safeJoin } from '../../server/static-file';
import { foreignHost, readCookie } from '../../server/security/console-guards';
import type { ConsoleFleet } from '../console-fleet';
import { adminRoutes } from './routes-admin';
import { fleetRoutes } from './routes-fleet';
import { joinRoutes } from './routes-join';
import { pairRoutes } from './routes-pair';
import { CONSOLE_CONTENT_SECURITY_POLICY, SECURITY_HEADERS } from '../../server/security/headers';
import { bodyLimit } from '../../server/security/request-guard';
import { serial } from '../../node/console/serial';
import { usbRoutes } from './routes-usb';
import { itemRoutes } from './routes-items';
import { listRoutes } from './routes-lists';
import { importRoutes } from './routes-import';

/** JSON bodies: a whole library item with its text is far below this. */
export const MAX_JSON_BYTES = 2_000_000;

export interface ConsoleAppOptions {
  readonly data: ConsoleData;
  readonly now: () => Date;
  /** `host:port` names this console answers to. */
  readonly hosts: readonly string[];
  /** The built console UI (out/console) and player (out/renderer). */
  readonly uiRoot: string;
  readonly rendererRoot: string;
  readonly appVersion: string;
  readonly setup: { token(): string | undefined; consume(): Promise<void> };
  readonly secureCookie?: boolean;
  readonly sessions?: Sessions;
  /** The fleet channel, when the console runs one (docs/fleet.md). */
  readonly fleet?: ConsoleFleet;
  /** Where "Write to USB" looks for sticks: removable-media roots, and folders that are sticks themselves. */
  readonly usb?: { readonly removable: readonly string[]; readonly explicit: readonly string[] };
}

/** The shared security headers, except framing: the console frames its own player preview. */
const CONSOLE_HEADERS: Readonly<Record<string, string>> = {
  ...Object.fromEntries(Object.entries(SECURITY_HEADERS).filter(([name]) => name !== 'cross-origin-resource-policy')),
  'content-security-policy': CONSOLE_CONTENT_SECURITY_POLICY,
  'x-frame-options': 'SAMEORIGIN',
};

/** The byte routes (upload chunks) of the contract, as patterns: they may send a chunk, every other route small JSON. */
const RAW_ROUTES = Object.values(consoleRoutes).flatMap((r) =>
  'raw' in r ? [{ method: r.method as string, path: new RegExp(`^${r.path.replace(/:[a-zA-Z]+/g, '[^/]+')}$`) }] : []);

/** One body limit in front of every route, counted while the bytes stream in, whatever the headers say. */
function limitBodies(app: Hono, jsonBytes: number, rawBytes: number): void {
  const json = bodyLimit(jsonBytes);
  const raw = bodyLimit(rawBytes);
  app.use('*', (c, next) => (RAW_ROUTES.some((r) => r.method === c.req.method && r.path.test(c.req.path)) ? raw : json)(c, next));
}

/** The published folder at /feed/…: what screens poll. Public by design: it is signed, not secret. */
function serveFeed(app: Hono, data: ConsoleData): void {
  app.get(`${FEED_PREFIX}/*`, async (c) => {
    const file = safeJoin(data.paths.published, c.req.path.slice(FEED_PREFIX.length));
    if (!file) return c.text('Not found', 404);
    const response = await fileResponse(file, c.req.raw, file.endsWith('.sig') ? 'text/plain; charset=utf-8' : undefined);
    if (file.endsWith('.json')) response.headers.set('content-type', 'application/feed+json; charset=utf-8');
    if (file.endsWith('.xml')) response.headers.set('content-type', 'application/rss+xml; charset=utf-8');
    return response;
  });
}

/** The `?now=` of the preview page that asks, so content valid on that date is what plays. */
function pageNow(referer: string | undefined): Date | undefined {
  if (!referer) return undefined;
  try {
    const text = new URL(referer).searchParams.get('now');
    const at = text ? new Date(text) : undefined;
    return at && !Number.isNaN(at.getTime()) ? at : undefined;
  } catch {
    return undefined;
  }
}

/**
 * The real player bundle under /console/preview/<group>/<draft|published>/, with its
 * `api/state` compiled from library content by the same core model. The renderer asks
 * relative URLs, so its own code needs nothing preview-specific; `?now=` sets its clock.
 */
function servePreview(app: Hono, o: ConsoleAppOptions, sessions: Sessions): void {
  const signedIn = (c: Context): boolean => sessions.get(readCookie(c, SESSION_COOKIE)) !== undefined;
  app.all(`${PREVIEW_PREFIX}/:group/:source/*`, async (c) => {
    if (!signedIn(c)) return c.text('sign in first', 401);
    const source: PreviewSource = c.req.param('source') === 'published' ? 'published' : 'draft';
    const rest = c.req.path.split('/').slice(5).join('/');
    // The player asks relative URLs: its page must end in "/" for them to land here.
    if (rest === '' && !c.req.path.endsWith('/')) return c.redirect(`${c.req.path}/${new URL(c.req.url).search}`);
    if (rest === 'api/state') {
      const group = o.data.settings.groups().find((g) => g.id === c.req.param('group'));
      if (!group) return c.json({ ok: false, error: 'no such screen group' }, 404);
      const now = pageNow(c.req.header('referer')) ?? o.now();
      const docs = await groupDocuments(o.data, group, source, now);
      if (!docs) return c.json({ ok: false, error: `screen group "${group.id}" has not been published yet` }, 404);
      return c.json(previewState({ docs, policy: o.data.policy(), group, now, appVersion: o.appVersion, organisation: group.name }));
    }
    if (rest === 'api/events') {
      // Nothing changes under a preview; keep the stream open so the player does not reconnect in a loop.
      const body = new ReadableStream<Uint8Array>({ start: (ctl) => ctl.enqueue(new TextEncoder().encode(': preview\n\n')) });
      return new Response(body, { headers: { 'content-type': 'text/event-stream', 'cache-control': 'no-store' } });
    }
    if (rest.startsWith('api/')) return c.json({ ok: true });
    if (rest.startsWith(MEDIA_PACK_PREFIX)) {
      const file = o.data.media.fileOf(rest.slice(MEDIA_PACK_PREFIX.length));
      return file ? fileResponse(file, c.req.raw) : c.text('Not found', 404);
    }
    const file = safeJoin(o.rendererRoot, rest === '' ? 'index.html' : rest);
    if (!file) return c.text('Not found', 404);
    const response = await fileResponse(file, c.req.raw);
    // The page's own requests carry its URL (and so its ?now=) back to api/state; never to another site.
    response.headers.set('referrer-policy', 'same-origin');
    return response;
  });
}

/** The console UI: files from out/console, and index.html for any page path (client-side routes). */
function serveUi(app: Hono, uiRoot: string): void {
  app.get('/', (c) => c.redirect('/console/'));
  app.get('/console/*', async (c) => {
    const rel = c.req.path.slice('/console/'.length);
    const file = rel && !rel.startsWith('api/') ? safeJoin(uiRoot, rel) : undefined;
    if (file) {
      const response = await fileResponse(file, c.req.raw);
      if (response.status !== 404) return response;
    }
    if (rel.startsWith('api/')) return c.json({ ok: false, error: 'no such route' }, 404);
    const index = await readFile(join(uiRoot, 'index.html'), 'utf8').catch(() => undefined);
    return index === undefined
      ? c.text('The console UI is not built: run npm run build:web', 503)
      : c.html(index, 200, { 'cache-control': 'no-cache' });
  });
}

export function createConsoleApp(o: ConsoleAppOptions): Hono {
  const app = new Hono();
  const sessions = o.sessions ?? createSessions(o.now);
  // Read on every request: the port (and so the host names) is known only once the server listens.
  const guard = { get hosts() { return o.hosts; } };
  app.use('*', async (c, next) => {
    const host = foreignHost(c, guard);
    if (host) return c.json({ ok: false, error: host }, 421);
    await next();
    for (const [k, v] of Object.entries(CONSOLE_HEADERS)) if (!c.res.headers.has(k)) c.res.headers.set(k, v);
    return undefined;
  });
  const deps = {
    data: o.data, sessions, now: o.now, guard, secureCookie: o.secureCookie ?? false, setup: o.setup, once: serial(),
    limiter: createLoginLimiter(o.now), account: (u: string) => o.data.accounts.get(u),
    maxJsonBytes: MAX_JSON_BYTES, maxRawBytes: CHUNK_BYTES, appVersion: o.appVersion, fleet: o.fleet,
    usb: o.usb ?? { removable: [], explicit: [] },
  };
  limitBodies(app, deps.maxJsonBytes, deps.maxRawBytes);
  itemRoutes(app, deps);
  importRoutes(app, deps);
  adminRoutes(app, deps);
  fleetRoutes(app, deps);
  usbRoutes(app, deps);
  joinRoutes(app, deps);
  pairRoutes(app, deps);
  listRoutes(app, deps);
  serveFeed(app, o.data);
  servePreview(app, o, sessions);
  serveUi(app, o.uiRoot);
  return app;
}
