import { z } from 'zod';
import { AlertItem, AlertLevel, ContentItem, ContentKind, Locale } from '../model/content';
import { Layout, Playlist } from '../model/playlist';
import { RegionProfile } from '../model/region';

/** Feed sync status, shown in the operator overlay and by `kiosk feed check`. */
export const SyncStatus = z.object({
  lastSuccess: z.string().nullable(),
  lastAttempt: z.string().nullable(),
  lastError: z.string().nullable(),
  nextAttempt: z.string().nullable(),
  accepted: z.number().int().nonnegative(),
  quarantined: z.array(z.object({ id: z.string(), reason: z.string() })),
  cacheBytes: z.number().nonnegative(),
  cacheQuotaBytes: z.number().nonnegative(),
  source: z.enum(['feed', 'snapshot', 'pack']),
});
export type SyncStatus = z.infer<typeof SyncStatus>;

/**
 * Everything the renderer needs to play. Media fields of `items` are paths the same
 * server answers (`media/pack/…`, `media/cache/<sha256>`), never remote URLs.
 */
/** What the fleet asked of this screen (docs/fleet.md): show its id, hold motion, reload the page. */
export const Directives = z.object({
  /** Show the screen id, large, until this instant (`identify`). */
  identifyUntil: z.string().nullable(),
  /** Ticker and video motion stopped (`pause-motion`, WCAG 2.2.2). */
  motionPaused: z.boolean(),
  /** Grows with each `reload`: a renderer that sees it grow reloads itself. */
  reload: z.number().int().nonnegative(),
});
export type Directives = z.infer<typeof Directives>;

export const PlayerState = z.object({
  version: z.number().int().nonnegative(),
  screenId: z.string(),
  organisation: z.string(),
  layout: Layout,
  /** The region's hotlines and help page. */
  region: RegionProfile,
  locales: z.array(Locale).min(1),
  playlist: Playlist,
  items: z.array(ContentItem),
  alerts: z.array(AlertItem),
  sync: SyncStatus.nullable(),
  /**
   * Problems with config, playlist or pack files, for the operator: empty unless the
   * request carries the local token (the PIN shows them through operatorExit's details).
   */
  warnings: z.array(z.string()),
  /** True when the playlist could not be used and the built-in fallback plays. */
  fallback: z.boolean(),
  appVersion: z.string(),
  startedAt: z.string(),
  directives: Directives.optional(),
  /** A USB stick problem (write-protected, full), shown until `until` while playback goes on. */
  stickNotice: z.object({ text: z.string(), until: z.string() }).optional(),
});
export type PlayerState = z.infer<typeof PlayerState>;

/**
 * One NTP-style time exchange (docs/sync.md): the answering clock's readings, in Unix ms,
 * when the request arrived and when the answer left. Screens of a sync group read their
 * shared time base from it (the local server from the console, the page from the local server).
 */
export const TimeReply = z.strictObject({ received: z.number(), sent: z.number() });
export type TimeReply = z.infer<typeof TimeReply>;

export const PlayEvent = z.object({
  itemId: z.string().max(200),
  kind: z.enum([...ContentKind.options, 'fallback', 'standby']),
  title: z.string().max(300),
  start: z.iso.datetime({ offset: true }),
  durationMs: z.number().nonnegative().max(86_400_000),
  /** For videos: whether it played to its end (false when skipped as broken or stalled). */
  completed: z.boolean(),
});
export type PlayEvent = z.infer<typeof PlayEvent>;

export const AlertRequest = z.object({
  text: z.string().min(1).max(300),
  level: AlertLevel.default('critical'),
  minutes: z.number().positive().max(7 * 24 * 60).default(30),
});
export type AlertRequest = z.infer<typeof AlertRequest>;

export const Ack = z.object({ ok: z.literal(true) });

/** What only the operator (token or PIN) sees: the public state leaves these out. */
export const OperatorDetails = z.object({
  warnings: z.array(z.string()),
  quarantined: SyncStatus.shape.quarantined,
});
export type OperatorDetails = z.infer<typeof OperatorDetails>;

export const OperatorExitReply = z.object({
  ok: z.boolean(),
  error: z.string().optional(),
  /** Sent with a PIN that matched, for the overlay to show. */
  details: OperatorDetails.optional(),
});

/**
 * Every HTTP route, declared once. The server registers handlers by these names and the
 * renderer's client derives request and response types from the same objects.
 */
export const routes = {
  state: { method: 'GET', path: '/api/state', response: PlayerState },
  plays: { method: 'POST', path: '/api/plays', body: PlayEvent, response: Ack },
  /** The shared time base for synced stages; no secret needed (it tells the time only). */
  time: { method: 'GET', path: '/api/time', response: TimeReply },
  heartbeat: { method: 'POST', path: '/api/heartbeat', body: z.object({}), response: Ack },
  alerts: { method: 'POST', path: '/api/alerts', body: AlertRequest, response: AlertItem },
  clearAlerts: { method: 'DELETE', path: '/api/alerts', body: z.object({}), response: Ack },
  /** The operator overlay asks to leave kiosk mode; only the config's PIN opens it. */
  operatorExit: {
    method: 'POST',
    path: '/api/operator/exit',
    body: z.object({ pin: z.string().max(32) }),
    response: OperatorExitReply,
  },
} as const;

export type Routes = typeof routes;
export type RouteName = keyof Routes;
export type RouteResponse<N extends RouteName> = z.infer<Routes[N]['response']>;
export type RouteBody<N extends RouteName> = Routes[N] extends { body: z.ZodType }
  ? z.input<Routes[N]['body']>
  : never;

/** The server-sent events stream, declared once: a `change` event whose data is the new state version. */
export const stateEvents = { path: '/api/events', event: 'change' } as const;
export const EVENTS_PATH = stateEvents.path;
export const STATE_CHANGE_EVENT = stateEvents.event;
/** Media served from the pack folder and from the feed cache. */
export const MEDIA_PACK_PREFIX = 'media/pack/';
export const MEDIA_CACHE_PREFIX = 'media/cache/';
/** Header a local CLI must send for write routes (alerts); the token is in a 0600 file. */
export const LOCAL_TOKEN_HEADER = 'x-kiosk-token';
/**
 * The per-launch secret the page carries in `<meta name="kiosk-session">` and the renderer
 * sends back with every write; a page from another origin can neither read nor send it.
 */
export const SESSION_META = 'kiosk-session';
/** The origin of the Electron shell's page (a privileged standard scheme). */
export const APP_ORIGIN = 'app://kiosk';
export const SESSION_HEADER = 'x-kiosk-session';
