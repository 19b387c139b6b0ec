import { z } from 'zod';
import { PlayerState, TimeReply } from '../api/contract';
import { ContentItem } from '../model/content';
import { ListFormat } from '../import/official-list';
import { EnrolReply, EnrolRequest } from '../fleet/enrolment';
import { PairClaim, PairClaimed, PairRequest, PairStarted, PairState } from '../fleet/pairing';
import {
  Account, AuditEntry, Blocker, ItemKind, ItemSummary, LibraryItem, Password, Progress, PublishResult, Role,
  ScreenGroup, StoredMedia, Targeting, Username, WorkflowStatus,
} from './formats';
import { FleetAlertRequest, FleetCommandRequest, FleetScreenshot, FleetSent, FleetView, UsbImported, UsbStick, UsbTarget, UsbWritten } from './contract-fleet';
import { AuditPage, AuditPageQuery, ItemPage, ItemPageQuery, ScreenPage, ScreenPageQuery } from './list-pages';

/**
 * Every console route, declared once: method, path (Hono style, `:name` parameters),
 * query/body schemas, response schema and the role the server demands. The server
 * registers handlers from it; the UI's client derives its types from the same objects.
 *
 * Access: `public` needs nothing, `session` any signed-in account, a Role that role.
 * Every write (not GET) also needs the CSRF header with the session's token.
 */
export type Access = 'public' | 'session' | Role;

export const CONSOLE_API = '/console/api';
export const CSRF_HEADER = 'x-csrf-token';
export const SESSION_COOKIE = 'kiosk_console';
/** The published folder, served by the console; screens use `<origin>/feed/current/feed.json`. */
export const FEED_PREFIX = '/feed';
/** `/console/preview/<group>/<draft|published>/?now=ISO`: the real player on library content. */
export const PREVIEW_PREFIX = '/console/preview';
/** The first-run page; the link printed by `kiosk console` adds `?token=…`. */
export const SETUP_PAGE = '/console/setup';


export * from './contract-fleet';

/** Every error reply: a sentence for people, and for publish/save the per-item reasons. */
export const ApiError = z.strictObject({
  ok: z.literal(false),
  error: z.string(),
  reasons: z.array(Blocker).optional(),
});
export type ApiError = z.infer<typeof ApiError>;

export const Ack = z.strictObject({ ok: z.literal(true) });

export const SessionInfo = z.strictObject({
  account: Account.nullable(),
  /** Send back in the CSRF header on every write. */
  csrf: z.string().nullable(),
  /** No account exists yet: the set-up link is the way in. */
  setupNeeded: z.boolean(),
});

export const Credentials = z.strictObject({ username: Username, password: z.string().min(1).max(200) });

export const ListQuery = z.strictObject({
  q: z.string().max(200).optional(),
  kind: ItemKind.optional(),
  status: WorkflowStatus.optional(),
  tag: z.string().max(40).optional(),
  offset: z.coerce.number().int().nonnegative().default(0),
  limit: z.coerce.number().int().min(1).max(10_000).default(10_000),
});

export const ItemList = z.strictObject({ total: z.number().int(), items: z.array(ItemSummary) });

/** An item as the editor shows it: the library item plus what the screens' policy says about it. */
export const ItemView = z.strictObject({ entry: LibraryItem, problems: z.array(z.string()) });

export const ItemDraft = z.strictObject({ item: ContentItem, targeting: Targeting });
export const ItemSave = z.strictObject({ item: ContentItem, targeting: Targeting, rev: z.number().int().nonnegative() });

/** Workflow moves; `reject` needs a comment saying what to change. */
export const Transition = z.strictObject({
  action: z.enum(['submit', 'withdraw', 'approve', 'reject']),
  comment: z.string().max(1000).default(''),
  rev: z.number().int().nonnegative(),
});
export type Transition = z.infer<typeof Transition>;

/** A draft to check without saving: the same schema and content policy the screens apply. */
export const CheckRequest = z.strictObject({ item: z.unknown() });
export const CheckReply = z.strictObject({ problems: z.array(z.string()) });

export const UploadStart = z.strictObject({
  name: z.string().min(1).max(200),
  bytes: z.number().int().positive(),
});
export const UploadState = z.strictObject({
  id: z.string(),
  bytes: z.number().int().positive(),
  /** Bytes stored so far: resume by sending the chunk that starts here. */
  received: z.number().int().nonnegative(),
  chunkBytes: z.number().int().positive(),
  maxBytes: z.number().int().positive(),
});
export const CaptionsUpload = z.strictObject({ text: z.string().min(6).max(1_000_000) });

export const NewAccount = z.strictObject({ username: Username, password: Password, roles: z.array(Role).min(1) });
export const AccountChange = z.strictObject({
  roles: z.array(Role).min(1).optional(),
  password: Password.optional(),
  disabled: z.boolean().optional(),
});
export const SetupRequest = z.strictObject({ token: z.string().min(16).max(200), username: Username, password: Password });

export const PublishPlan = z.strictObject({
  items: z.number().int().nonnegative(),
  media: z.number().int().nonnegative(),
  blockers: z.array(Blocker),
});

/** The largest list file the console takes (its base64 fits the JSON body limit); larger ones: `kiosk import-list`. */
export const LIST_IMPORT_MAX_BYTES = 1_400_000;
/** "Import official list": the file's bytes as base64, so a Big5 file or a stray BOM reaches the checks unchanged. */
export const ListImportRequest = z.strictObject({
  format: ListFormat,
  /** The file's name, for the message and the audit log. */
  name: z.string().min(1).max(200),
  base64: z.base64().max(2_000_000),
});
export const ListImported = z.strictObject({
  created: z.array(z.strictObject({ id: z.string(), title: z.string() })),
  sites: z.number().int().nonnegative(),
  skipped: z.number().int().nonnegative(),
  duplicates: z.number().int().nonnegative(),
});

export const KeyInfo = z.strictObject({ publicKey: z.string(), feedUrl: z.string() });

export const DeviceSnippet = z.strictObject({ feedUrl: z.string(), publicKey: z.string(), config: z.unknown() });
export const PreviewQuery = z.strictObject({
  group: z.string().max(40),
  now: z.iso.datetime({ offset: true }).optional(),
  /** `draft`: everything not rejected, as it is now; `published`: what screens show. */
  source: z.enum(['draft', 'published']).default('draft'),
});
export const CaseOfDay = z.strictObject({
  date: z.string(),
  groups: z.array(z.strictObject({ group: z.string(), name: z.string(), caseId: z.string().nullable(), title: z.string().nullable() })),
});
export const Settings = z.strictObject({
  /** Where screens reach the published folder (this console's /feed, or a CDN). */
  publicUrl: z.url(),
  /** Days a published feed stays valid; screens refuse it after that. */
  expiryDays: z.number().int().min(1).max(365),
  maxUploadMb: z.number().int().min(1).max(4096),
  /**
   * Addresses of reverse proxies in front of the console. Only a request from one of these
   * has its `X-Forwarded-For` believed (sign-in limits count per client address); from
   * anyone else the header is ignored. Empty or absent: the socket's address always counts.
   */
  trustedProxies: z.array(z.union([z.ipv4(), z.ipv6()])).max(50).optional(),
  /**
   * The content policy's lists, as in a screen's `feeds` config; the device-config snippet
   * carries them so screens and console judge text alike. First run fills allowedLinkHosts
   * with the hosts the bundled pack links to.
   */
  policy: z.strictObject({
    blockedTerms: z.array(z.string().min(1).max(100)).max(500),
    allowedPhones: z.array(z.string().regex(/^\+?[\d -]{3,20}$/, 'a phone number')).max(100),
    allowedLinkHosts: z.array(z.string().min(1).max(253)).max(100),
  }),
});
export type Settings = z.infer<typeof Settings>;

const Id = z.string();
const p = `${CONSOLE_API}`;

export const consoleRoutes = {
  session: { method: 'GET', path: `${p}/session`, access: 'public', response: SessionInfo },
  setup: { method: 'POST', path: `${p}/setup`, access: 'public', body: SetupRequest, response: SessionInfo },
  login: { method: 'POST', path: `${p}/login`, access: 'public', body: Credentials, response: SessionInfo },
  logout: { method: 'POST', path: `${p}/logout`, access: 'session', body: z.strictObject({}), response: Ack },

  listItems: { method: 'GET', path: `${p}/items`, access: 'session', query: ListQuery, response: ItemList },
  getItem: { method: 'GET', path: `${p}/items/:id`, access: 'session', params: { id: Id }, response: ItemView },
  createItem: { method: 'POST', path: `${p}/items`, access: 'editor', body: ItemDraft, response: ItemView },
  saveItem: { method: 'PUT', path: `${p}/items/:id`, access: 'editor', params: { id: Id }, body: ItemSave, response: ItemView },
  deleteItem: {
    method: 'DELETE', path: `${p}/items/:id`, access: 'editor', params: { id: Id },
    body: z.strictObject({ rev: z.number().int().nonnegative() }), response: Ack,
  },
  /** submit/withdraw need editor; approve/reject need publisher (checked per action). */
  transition: {
    method: 'POST', path: `${p}/items/:id/transition`, access: 'session', params: { id: Id }, body: Transition, response: ItemView,
  },
  checkItem: { method: 'POST', path: `${p}/check`, access: 'session', body: CheckRequest, response: CheckReply },

  startUpload: { method: 'POST', path: `${p}/uploads`, access: 'editor', body: UploadStart, response: UploadState },
  uploadState: { method: 'GET', path: `${p}/uploads/:id`, access: 'editor', params: { id: Id }, response: UploadState },
  /** Body: raw bytes (application/octet-stream) starting at `?offset=`. */
  uploadChunk: {
    method: 'PUT', path: `${p}/uploads/:id`, access: 'editor', params: { id: Id },
    query: z.strictObject({ offset: z.coerce.number().int().nonnegative() }), raw: true, response: UploadState,
  },
  finishUpload: {
    method: 'POST', path: `${p}/uploads/:id/finish`, access: 'editor', params: { id: Id }, body: z.strictObject({}), response: StoredMedia,
  },
  uploadCaptions: { method: 'POST', path: `${p}/captions`, access: 'editor', body: CaptionsUpload, response: StoredMedia },
  /** An official scam list (docs/content.md) into draft slides: the same code as `kiosk import-list`. */
  importList: { method: 'POST', path: `${p}/import-list`, access: 'editor', body: ListImportRequest, response: ListImported },

  publishPlan: { method: 'GET', path: `${p}/publish`, access: 'publisher', response: PublishPlan },
  publish: { method: 'POST', path: `${p}/publish`, access: 'publisher', body: z.strictObject({}), response: PublishResult },
  publishProgress: { method: 'GET', path: `${p}/publish/progress`, access: 'publisher', response: Progress },

  /** USB sticks (docs/usb.md): publishers and admins only, checked in the handler (two roles). */
  usbSticks: { method: 'GET', path: `${p}/usb`, access: 'session', response: z.array(UsbStick) },
  usbWrite: { method: 'POST', path: `${p}/usb/write`, access: 'session', body: UsbTarget, response: UsbWritten },
  usbImport: { method: 'POST', path: `${p}/usb/import`, access: 'session', body: UsbTarget, response: z.array(UsbImported) },

  /** The time base of sync groups (docs/sync.md): screens' NTP-style exchanges; public, it tells the time only. */
  time: { method: 'GET', path: `${p}/time`, access: 'public', response: TimeReply },
  listGroups: { method: 'GET', path: `${p}/groups`, access: 'session', response: z.array(ScreenGroup) },
  saveGroup: { method: 'PUT', path: `${p}/groups/:id`, access: 'admin', params: { id: Id }, body: ScreenGroup, response: ScreenGroup },
  deleteGroup: {
    method: 'DELETE', path: `${p}/groups/:id`, access: 'admin', params: { id: Id },
    body: z.strictObject({ rev: z.number().int().nonnegative() }), response: Ack,
  },
  deviceConfig: { method: 'GET', path: `${p}/groups/:id/device-config`, access: 'session', params: { id: Id }, response: DeviceSnippet },

  previewState: { method: 'GET', path: `${p}/preview/state`, access: 'session', query: PreviewQuery, response: PlayerState },
  caseOfDay: {
    method: 'GET', path: `${p}/preview/case-of-day`, access: 'session',
    query: z.strictObject({ date: z.string().regex(/^\d{4}-\d{2}-\d{2}$/) }), response: CaseOfDay,
  },

  listAccounts: { method: 'GET', path: `${p}/accounts`, access: 'admin', response: z.array(Account) },
  createAccount: { method: 'POST', path: `${p}/accounts`, access: 'admin', body: NewAccount, response: Account },
  changeAccount: {
    method: 'PATCH', path: `${p}/accounts/:username`, access: 'admin', params: { username: Username }, body: AccountChange, response: Account,
  },
  keys: { method: 'GET', path: `${p}/keys`, access: 'session', response: KeyInfo },
  rotateKey: { method: 'POST', path: `${p}/keys/rotate`, access: 'admin', body: z.strictObject({}), response: KeyInfo },
  getSettings: { method: 'GET', path: `${p}/settings`, access: 'session', response: Settings },
  saveSettings: { method: 'PUT', path: `${p}/settings`, access: 'admin', body: Settings, response: Settings },
  fleet: { method: 'GET', path: `${p}/fleet`, access: 'session', response: FleetView },
  /** Alerts are signed with the publishing key, so only publishers send or clear them. */
  fleetAlert: { method: 'POST', path: `${p}/fleet/alerts`, access: 'publisher', body: FleetAlertRequest, response: FleetSent },
  fleetClear: {
    method: 'DELETE', path: `${p}/fleet/alerts/:id`, access: 'publisher', params: { id: Id }, body: z.strictObject({}), response: FleetSent,
  },
  fleetCommand: { method: 'POST', path: `${p}/fleet/commands`, access: 'publisher', body: FleetCommandRequest, response: FleetSent },
  fleetScreenshot: {
    method: 'GET', path: `${p}/fleet/screens/:id/screenshot`, access: 'session', params: { id: Id }, response: FleetScreenshot,
  },
  /** A screen redeems a bulk enrolment token (docs/fleet.md): public, the token and the screen's signature are the proof. */
  enrol: { method: 'POST', path: `${p}/enrol`, access: 'public', body: EnrolRequest, response: EnrolReply },
  /** An unconfigured screen asks for a pairing code, then polls for its config; both signed by its key. */
  pairStart: { method: 'POST', path: `${p}/pair`, access: 'public', body: PairRequest, response: PairStarted },
  pairState: { method: 'POST', path: `${p}/pair/state`, access: 'public', body: PairRequest, response: PairState },
  /** "Add screen": the code on the screen, a name and a group. */
  pairClaim: { method: 'POST', path: `${p}/pair/claim`, access: 'admin', body: PairClaim, response: PairClaimed },
  /** Revocation: the screen's account stops working and its broker connections close. */
  revokeScreen: { method: 'POST', path: `${p}/fleet/screens/:id/revoke`, access: 'admin', params: { id: Id }, body: z.strictObject({}), response: Ack },
  /** One window of a long list, filtered and searched on the server (list-pages.ts). */
  itemPage: { method: 'GET', path: `${p}/pages/items`, access: 'session', query: ItemPageQuery, response: ItemPage },
  screenPage: { method: 'GET', path: `${p}/pages/screens`, access: 'session', query: ScreenPageQuery, response: ScreenPage },
  auditPage: { method: 'GET', path: `${p}/pages/audit`, access: 'admin', query: AuditPageQuery, response: AuditPage },
  /** "Sign out everywhere": every session of the caller, or (admins) of the account named. */
  revokeSessions: {
    method: 'POST', path: `${p}/sessions/revoke`, access: 'session',
    body: z.strictObject({ username: Username.optional() }), response: z.strictObject({ revoked: z.number().int().nonnegative() }),
  },
  audit: {
    method: 'GET', path: `${p}/audit`, access: 'admin',
    query: z.strictObject({ limit: z.coerce.number().int().min(1).max(1000).default(200) }), response: z.array(AuditEntry),
  },
} as const;

export type ConsoleRoutes = typeof consoleRoutes;
export type ConsoleRouteName = keyof ConsoleRoutes;
type Field<N extends ConsoleRouteName, K extends string> = ConsoleRoutes[N] extends Record<K, z.ZodType>
  ? ConsoleRoutes[N][K]
  : never;
export type ConsoleResponse<N extends ConsoleRouteName> = z.infer<ConsoleRoutes[N]['response']>;
export type ConsoleBody<N extends ConsoleRouteName> = z.input<Field<N, 'body'>>;
export type ConsoleQuery<N extends ConsoleRouteName> = z.input<Field<N, 'query'>>;
export type ConsoleParams<N extends ConsoleRouteName> = ConsoleRoutes[N] extends { params: infer P }
  ? { [K in keyof P]: string }
  : never;

/** `/console/api/items/:id` + `{ id: 'x y' }` → `/console/api/items/x%20y`. */
export function fillPath(path: string, params: Readonly<Record<string, string>> = {}): string {
  return path.replace(/:([a-zA-Z]+)/g, (_, name: string) => encodeURIComponent(params[name] ?? ''));
}

/** Whether an account's roles open a route; `public` routes are open to all. */
export function allows(access: Access, roles: readonly Role[] | undefined): boolean {
  if (access === 'public') return true;
  if (!roles) return false;
  return access === 'session' || roles.includes(access);
}
