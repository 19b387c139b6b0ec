import { randomBytes } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { isAbsolute, join, resolve } from 'node:path';
import type { Hono } from 'hono';
import { APP_ORIGIN, type PlayerState } from '../core/api/contract';
import { regionProfile, withRegionPhones } from '../core/content/hotlines';
import { playlistOf } from '../core/contract/read-published';
import { screenContent, syncSettings } from '../core/contract/screen-content';
import type { Playlist } from '../core/model/playlist';
import { campaignName, FALLBACK_PLAYLIST } from '../core/fallback';
import { createNotifier } from '../core/notifier';
import type { DeviceConfig } from '../core/model/config';
import type { AlertItem, Locale } from '../core/model/content';
import { policyConfig } from '../core/policy/content-policy';
import { createApp, operatorDetails } from '../server/app';
import { httpOrigins } from '../server/security/allowed-origins';
import { watchAlertInbox } from '../node/alert-inbox';
import { openAlertStore } from '../node/alert-store';
import type { LoadedPlaylist } from '../node/content-pack';
import { loadConfigFile, sanitizeConfig } from '../node/device-config';
import { ensureLocalToken } from '../node/local-token';
import { createOperatorExit } from '../node/operator-exit';
import { openPlayLog } from '../node/play-log/play-log';
import { referencedPackPaths, servablePackFile } from '../node/pack-media';
import { openPlaylistSource } from '../node/playlist-source';
import { createFeedSync, type FeedSync } from '../node/sync/feed-sync';
import { startScreenFleet, type ScreenFleet } from './screen-fleet';
import { startScreenBundles, type ScreenBundles } from './screen-bundle';
import { newerSource } from '../core/bundle/judge';
import { lazySharedClock } from '../node/sync/clock-sync';

export interface RuntimeOptions {
  /** The folder holding package.json and out/renderer/. */
  readonly appRoot: string;
  /** The folder holding playlists/ (resources/ in a packaged app); defaults to appRoot. */
  readonly contentRoot?: string;
  /** Problems the Electron shell found (store file, displays, GPU), for the operator. */
  readonly shellWarnings?: () => readonly string[];
  readonly configPath?: string;
  /** A config value from another store (electron-store); wins over configPath. */
  readonly configOverride?: unknown;
  readonly dataDir: string;
  readonly now?: () => Date;
  readonly log?: (line: string) => void;
  readonly onExitRequest?: () => void;
  /** What the window shows, as a JPEG (the fleet's `screenshot`); absent in the browser player. */
  readonly capture?: () => Promise<Uint8Array | undefined>;
  /** Mount points watched for USB sticks (removable-media roots in Electron, `--watch` in the browser player). */
  readonly stickRoots?: readonly string[];
}

export interface KioskRuntime {
  readonly app: Hono;
  readonly config: DeviceConfig;
  readonly configErrors: readonly string[];
  readonly dataDir: string;
  /** The full state, operator warnings included. */
  state(): PlayerState;
  /** Also answer browsers at this HTTP address (the browser player, once bound). */
  allowHttp(host: string, port: number): void;
  lastHeartbeat(): number;
  recordRecovery(reason: string): void;
  close(): Promise<void>;
}

async function readAppVersion(appRoot: string): Promise<string> {
  const text = await readFile(resolve(appRoot, 'package.json'), 'utf8').catch(() => '{}');
  const version = (JSON.parse(text) as { version?: unknown }).version;
  return typeof version === 'string' ? version : '0.0.0';
}

function localesOf(config: DeviceConfig, playlist: Playlist): PlayerState['locales'] {
  const { locales } = playlist;
  if (!config.locale) return locales;
  return [config.locale, ...locales.filter((l) => l !== config.locale)];
}

/** The playlist the screen plays now: its group's verified one, else the local file, else the built-in one. */
const playlistNow = (feed: FeedSync, loaded: LoadedPlaylist | undefined): Playlist => {
  const doc = feed.playlist();
  return doc ? playlistOf(doc) : (loaded?.playlist ?? FALLBACK_PLAYLIST);
};

interface StateParts {
  readonly version: number;
  readonly config: DeviceConfig;
  readonly loaded: LoadedPlaylist | undefined;
  readonly feed: FeedSync;
  readonly bundles: ScreenBundles;
  readonly localAlerts: readonly AlertItem[];
  readonly fleet: ScreenFleet | undefined;
  readonly warnings: readonly string[];
  readonly appVersion: string;
  readonly startedAt: string;
}

/** What the renderer gets: the group's playlist or the local one, feed over pack by id, every problem listed. */
function buildState(p: StateParts): PlayerState {
  const stick = p.bundles.content();
  const fromStick = stick !== undefined && newerSource(stick.version, p.bundles.feedVersion()) === 'bundle';
  const notice = p.bundles.notice();
  const content = screenContent({
    pack: p.loaded?.items ?? [], packPlaylist: p.loaded?.playlist ?? FALLBACK_PLAYLIST, feed: fromStick ? stick.items : p.feed.items(),
    groupPlaylist: p.feed.playlist(), heldPublished: p.feed.heldPublished(), mergePack: p.config.publisher?.mergePack ?? false,
    region: p.config.region, helpQr: p.config.helpQr,
  });
  const locales = localesOf(p.config, content.playlist);
  return {
    version: p.version,
    screenId: p.config.screenId,
    organisation: p.config.organisation ?? campaignName(locales[0] ?? 'zh-CN'),
    layout: p.config.layout ?? content.layout ?? content.playlist.layout,
    region: regionProfile({ ...p.config, region: content.region }),
    locales,
    playlist: content.playlist,
    items: content.items,
    alerts: [...p.localAlerts, ...(p.fleet?.alerts() ?? []), ...(fromStick ? stick.alerts : p.feed.alerts())],
    sync: syncSettings(p.config.feeds, p.config.publisher).sources.length > 0 ? p.feed.status() : null,
    warnings: [...p.warnings],
    fallback: p.loaded === undefined,
    appVersion: p.appVersion,
    startedAt: p.startedAt,
    ...(p.fleet ? { directives: p.fleet.directives() } : {}),
    ...(notice ? { stickNotice: notice } : {}),
  };
}

async function readConfig(opts: RuntimeOptions): Promise<{ config: DeviceConfig; errors: readonly string[] }> {
  return opts.configOverride !== undefined
    ? sanitizeConfig(opts.configOverride, 'config store')
    : loadConfigFile(opts.configPath);
}

/** A state version and the listeners told when it grows: every service calls `bump` on a change. */
function createVersion(onListenerError: (error: unknown) => void): { current: () => number; bump: () => void; subscribe: (l: (v: number) => void) => () => void; clear: () => void } {
  const changes = createNotifier<number>(onListenerError);
  let version = 1;
  return {
    current: () => version,
    bump: () => changes.notify(++version),
    subscribe: (listener) => changes.subscribe(listener),
    clear: () => changes.clear(),
  };
}

interface Services {
  readonly playlist: Awaited<ReturnType<typeof openPlaylistSource>>;
  readonly alerts: Awaited<ReturnType<typeof openAlertStore>>;
  readonly inbox: Awaited<ReturnType<typeof watchAlertInbox>>;
  readonly feed: FeedSync;
  readonly playLog: Awaited<ReturnType<typeof openPlayLog>>;
  readonly bundles: ScreenBundles;
  readonly unsubscribeFeed: () => void;
  /** Shared time of sync groups (the console's clock), and what stops following it. */
  readonly sharedNow: () => number;
  readonly clockStop: AbortController;
}

async function openServices(opts: RuntimeOptions, config: DeviceConfig, now: () => Date, log: (l: string) => void, bump: () => void, fault: (line: string) => void): Promise<Services> {
  const contentRoot = opts.contentRoot ?? opts.appRoot;
  const playlist = await openPlaylistSource({ path: isAbsolute(config.playlist) ? config.playlist : resolve(contentRoot, config.playlist), log, onChange: bump });
  const alerts = await openAlertStore({ dataDir: opts.dataDir, now, log, onChange: bump, policy: policyConfig(config.feeds) });
  const inbox = await watchAlertInbox({ dataDir: opts.dataDir, raise: alerts.raise, clear: alerts.clear, log });
  // The last good feed snapshot loads before any network call: a restart offline shows it at once.
  // The region's own hotlines are numbers a feed item may name on this screen.
  const feedBox: { current?: FeedSync } = {};
  const locales = (): readonly Locale[] => localesOf(config, feedBox.current ? playlistNow(feedBox.current, playlist.current()) : (playlist.current()?.playlist ?? FALLBACK_PLAYLIST));
  // A `publisher` section adds the group's documents as the first source; `feeds` keeps its own.
  const settings = withRegionPhones(syncSettings(config.feeds, config.publisher), config);
  const feed = await createFeedSync({ settings, dataDir: opts.dataDir, now, log, locales, onListenerError: fault });
  feedBox.current = feed;
  const playLog = await openPlayLog({ dir: join(opts.dataDir, 'play-log'), now, log });
  const roots = [...(opts.stickRoots ?? []), ...config.usb.paths];
  const bundles = await startScreenBundles({ config, settings, dataDir: opts.dataDir, roots, bump, now, log });
  // Which of stick and feed is newer is known only once the feed's snapshot is on disk.
  const unsubscribeFeed = feed.onChange(() => void bundles.refreshFeedVersion().finally(bump));
  const clockStop = new AbortController();
  const sharedNow = lazySharedClock(config.publisher?.url, clockStop.signal);
  return { playlist, alerts, inbox, feed, playLog, bundles, unsubscribeFeed, sharedNow, clockStop };
}

interface Wiring {
  readonly opts: RuntimeOptions;
  readonly config: DeviceConfig;
  readonly services: Services;
  readonly version: ReturnType<typeof createVersion>;
  readonly state: () => PlayerState;
  readonly fleet: () => ScreenFleet | undefined;
  readonly heartbeat: (at: number) => void;
  readonly origins: () => ReadonlySet<string>;
  readonly now: () => Date;
  readonly log: (l: string) => void;
}

async function serve(w: Wiring): Promise<Hono> {
  const { opts, config, services: s, now } = w;
  return createApp({
    state: w.state,
    subscribe: w.version.subscribe,
    rendererDir: resolve(opts.appRoot, 'out/renderer'),
    packFile: (rel) => {
      const loaded = s.playlist.current();
      return servablePackFile(loaded?.packRoot, referencedPackPaths(loaded?.items ?? []), rel, [opts.dataDir]);
    },
    cacheFile: (sha256) => s.feed.cacheFile(sha256) ?? s.bundles.mediaFile(sha256),
    onPlay: (event) => {
      w.fleet()?.played(`${event.kind} ${event.itemId}: ${event.title}`);
      return s.playLog.append(event, config.screenId);
    },
    onHeartbeat: () => w.heartbeat(now().getTime()),
    raiseAlert: (request) => s.alerts.raise(request),
    clearAlerts: () => s.alerts.clear(),
    operatorExit: await createOperatorExit({ dataDir: opts.dataDir, pin: config.operatorPin, now, log: w.log, details: () => operatorDetails(w.state()), onExitRequest: opts.onExitRequest }),
    localToken: await ensureLocalToken(opts.dataDir),
    sessionSecret: randomBytes(32).toString('hex'),
    origins: w.origins,
    now: () => now().getTime(),
    sharedNow: s.sharedNow,
  });
}

/** Loads config, playlist, alerts, the feed snapshot and the fleet channel, and serves them through one handler. */
export async function createKioskRuntime(opts: RuntimeOptions): Promise<KioskRuntime> {
  const now = opts.now ?? (() => new Date());
  const log = opts.log ?? ((line: string) => console.log(`[kiosk] ${line}`));
  const { config, errors: configErrors } = await readConfig(opts);
  for (const e of configErrors) log(`config: ${e}`);
  // A listener that throws is logged and listed for the operator (and the fleet dashboard).
  const faults: string[] = [];
  const fault = (line: string): void => {
    faults.push(`${now().toISOString()} ${line}`);
    faults.splice(0, Math.max(0, faults.length - 20));
  };
  const version = createVersion((error) => {
    const line = `state: a change listener failed: ${error instanceof Error ? error.message : String(error)}`;
    log(line);
    fault(line);
  });
  const services = await openServices(opts, config, now, log, version.bump, fault);
  const appVersion = await readAppVersion(opts.appRoot);
  const startedAt = now().toISOString();
  const recoveries: string[] = [];
  const fleetWarnings: string[] = [];
  // The fleet channel starts once the server runs; state and plays read it through this box.
  const fleet: { current?: ScreenFleet } = {};
  let heartbeat = now().getTime();
  let origins: ReadonlySet<string> = new Set([APP_ORIGIN]);
  const state = (): PlayerState =>
    buildState({
      version: version.current(), config, loaded: services.playlist.current(), feed: services.feed, bundles: services.bundles,
      localAlerts: services.alerts.list(), fleet: fleet.current, appVersion, startedAt,
      warnings: [...configErrors, ...(opts.shellWarnings?.() ?? []), ...services.playlist.errors(), ...(services.playlist.current()?.warnings ?? []), ...fleetWarnings, ...services.bundles.warnings(), ...faults, ...recoveries],
    });
  const app = await serve({ opts, config, services, version, state, fleet: () => fleet.current, heartbeat: (at) => (heartbeat = at), origins: () => origins, now, log });
  if (syncSettings(config.feeds, config.publisher).sources.length > 0) services.feed.start();
  const started = await startScreenFleet({
    config, dataDir: opts.dataDir, policy: policyConfig(withRegionPhones(config.feeds, config)), state, bump: version.bump,
    syncNow: () => services.feed.syncNow(), ...(opts.capture ? { capture: opts.capture } : {}), now, log,
  });
  fleet.current = started.fleet;
  if (started.warning) {
    fleetWarnings.push(started.warning);
    log(started.warning);
  }
  return {
    app, config, configErrors, dataDir: opts.dataDir, state,
    allowHttp(host, port) {
      origins = new Set([...origins, ...httpOrigins(host, port, config.server.allowedHosts)]);
    },
    lastHeartbeat: () => heartbeat,
    recordRecovery: (reason) => {
      recoveries.push(`${now().toISOString()} recovery: ${reason}`);
      // The overlay shows the latest few; months of uptime must not grow this list.
      recoveries.splice(0, Math.max(0, recoveries.length - 20));
      log(`recovery: ${reason}`);
      void services.playLog.appendRecovery(reason, config.screenId).catch((e: unknown) => log(`play log: ${String(e)}`));
    },
    close: () => closeAll(services, version, fleet.current),
  };
}

async function closeAll(s: Services, version: ReturnType<typeof createVersion>, fleet: ScreenFleet | undefined): Promise<void> {
  await fleet?.close();
  s.playlist.close();
  s.inbox.close();
  s.unsubscribeFeed();
  s.clockStop.abort();
  version.clear();
  await s.bundles.close();
  await s.feed.stop();
  await s.playLog.close();
}
