import { randomBytes } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { isAbsolute, join, resolve } from 'node:path';
import type { Hono } from 'hono';
import { APP_ORIGIN, type PlayerState } from '../core/api/contract';
import { forRegion, regionProfile, withHelpQr, withRegionPhones } from '../core/content/hotlines';
import { campaignName, FALLBACK_PLAYLIST } from '../core/fallback';
import type { DeviceConfig } from '../core/model/config';
import type { AlertItem } from '../core/model/content';
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

function localesOf(config: DeviceConfig, loaded: LoadedPlaylist | undefined): PlayerState['locales'] {
  const locales = loaded?.playlist.locales ?? FALLBACK_PLAYLIST.locales;
  if (!config.locale) return locales;
  return [config.locale, ...locales.filter((l) => l !== config.locale)];
}

interface StateParts {
  readonly version: number;
  readonly config: DeviceConfig;
  readonly loaded: LoadedPlaylist | undefined;
  readonly feed: FeedSync;
  readonly localAlerts: readonly AlertItem[];
  readonly warnings: readonly string[];
  readonly appVersion: string;
  readonly startedAt: string;
}

/** What the renderer gets: the pack and the feed merged, every problem listed for the operator. */
function buildState(p: StateParts): PlayerState {
  const locales = localesOf(p.config, p.loaded);
  return {
    version: p.version,
    screenId: p.config.screenId,
    organisation: p.config.organisation ?? campaignName(locales[0] ?? 'zh-CN'),
    layout: p.config.layout ?? p.loaded?.playlist.layout ?? 'landscape',
    region: regionProfile(p.config),
    locales,
    playlist: p.loaded?.playlist ?? FALLBACK_PLAYLIST,
    items: withHelpQr(forRegion([...(p.loaded?.items ?? []), ...p.feed.items()], p.config.region), p.config.helpQr),
    alerts: [...p.localAlerts, ...p.feed.alerts()],
    sync: p.config.feeds.sources.length > 0 ? p.feed.status() : null,
    warnings: [...p.warnings],
    fallback: p.loaded === undefined,
    appVersion: p.appVersion,
    startedAt: p.startedAt,
  };
}

async function readConfig(opts: RuntimeOptions): Promise<{ config: DeviceConfig; errors: readonly string[] }> {
  return opts.configOverride !== undefined
    ? sanitizeConfig(opts.configOverride, 'config store')
    : loadConfigFile(opts.configPath);
}

/** Loads config, playlist, alerts and the feed snapshot, and serves them through one handler. */
export async function createKioskRuntime(opts: RuntimeOptions): Promise<KioskRuntime> {
  const now = opts.now ?? (() => new Date());
  const log = opts.log ?? ((line: string) => console.log(`[kiosk] ${line}`));
  const { config, errors: configErrors } = await readConfig(opts);
  for (const e of configErrors) log(`config: ${e}`);
  const listeners = new Set<(version: number) => void>();
  let version = 1;
  const bump = (): void => {
    version++;
    for (const l of listeners) l(version);
  };
  const contentRoot = opts.contentRoot ?? opts.appRoot;
  const playlist = await openPlaylistSource({
    path: isAbsolute(config.playlist) ? config.playlist : resolve(contentRoot, config.playlist),
    log,
    onChange: bump,
  });
  const alerts = await openAlertStore({ dataDir: opts.dataDir, now, log, onChange: bump, policy: policyConfig(config.feeds) });
  const inbox = await watchAlertInbox({ dataDir: opts.dataDir, raise: alerts.raise, clear: alerts.clear, log });
  // The last good feed snapshot loads before any network call: a restart offline shows it at once.
  // The region's own hotlines are numbers a feed item may name on this screen.
  const feed = await createFeedSync({ settings: withRegionPhones(config.feeds, config), dataDir: opts.dataDir, now, log });
  const unsubscribeFeed = feed.onChange(bump);
  const playLog = await openPlayLog({ dir: join(opts.dataDir, 'play-log'), now, log });
  const appVersion = await readAppVersion(opts.appRoot);
  const startedAt = now().toISOString();
  let heartbeat = now().getTime();
  const recoveries: string[] = [];

  const state = (): PlayerState =>
    buildState({
      version,
      config,
      loaded: playlist.current(),
      feed,
      localAlerts: alerts.list(),
      warnings: [
        ...configErrors,
        ...(opts.shellWarnings?.() ?? []),
        ...playlist.errors(),
        ...(playlist.current()?.warnings ?? []),
        ...recoveries,
      ],
      appVersion,
      startedAt,
    });

  let origins: ReadonlySet<string> = new Set([APP_ORIGIN]);
  const app = createApp({
    state,
    subscribe: (listener) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    rendererDir: resolve(opts.appRoot, 'out/renderer'),
    packFile: (rel) => {
      const loaded = playlist.current();
      return servablePackFile(loaded?.packRoot, referencedPackPaths(loaded?.items ?? []), rel, [opts.dataDir]);
    },
    cacheFile: (sha256) => feed.cacheFile(sha256),
    onPlay: (event) => playLog.append(event, config.screenId),
    onHeartbeat: () => {
      heartbeat = now().getTime();
    },
    raiseAlert: (request) => alerts.raise(request),
    clearAlerts: () => alerts.clear(),
    operatorExit: await createOperatorExit({
      dataDir: opts.dataDir,
      pin: config.operatorPin,
      now,
      log,
      details: () => operatorDetails(state()),
      onExitRequest: opts.onExitRequest,
    }),
    localToken: await ensureLocalToken(opts.dataDir),
    sessionSecret: randomBytes(32).toString('hex'),
    origins: () => origins,
    now: () => now().getTime(),
  });
  if (config.feeds.sources.length > 0) feed.start();

  return {
    app,
    config,
    configErrors,
    dataDir: opts.dataDir,
    state,
    allowHttp(host, port) {
      origins = new Set([...origins, ...httpOrigins(host, port, config.server.allowedHosts)]);
    },
    lastHeartbeat: () => heartbeat,
    recordRecovery: (reason) => {
      recoveries.push(`${now().toISOString()} recovery: ${reason}`);
      // The overlay shows the latest few; months of uptime must not grow this list.
      recoveries.splice(0, Math.max(0, recoveries.length - 20));
      log(`recovery: ${reason}`);
      void playLog.appendRecovery(reason, config.screenId).catch((e: unknown) => log(`play log: ${String(e)}`));
    },
    async close() {
      playlist.close();
      inbox.close();
      unsubscribeFeed();
      listeners.clear();
      await feed.stop();
      await playLog.close();
    },
  };
}
