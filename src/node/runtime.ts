import { readFile } from 'node:fs/promises';
import { isAbsolute, join, resolve } from 'node:path';
import type { Hono } from 'hono';
import type { PlayerState } from '../core/api/contract';
import { forRegion, regionProfile, withHelpQr, withRegionPhones } from '../core/content/hotlines';
import { campaignName, FALLBACK_PLAYLIST } from '../core/fallback';
import type { DeviceConfig } from '../core/model/config';
import type { AlertItem, ContentItem } from '../core/model/content';
import { createApp } from '../server/app';
import { watchAlertInbox } from './alert-inbox';
import { openAlertStore } from './alert-store';
import type { LoadedPlaylist } from './content-pack';
import { loadConfigFile, sanitizeConfig } from './device-config';
import { ensureLocalToken } from './local-token';
import { createOperatorExit } from './operator-exit';
import { openPlayLog } from './play-log/play-log';
import { openPlaylistSource } from './playlist-source';
import { createFeedSync, type FeedSync } from './sync/feed-sync';

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
  state(): PlayerState;
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

function splitFeed(feed: FeedSync): { content: ContentItem[]; alerts: AlertItem[] } {
  const content: ContentItem[] = [];
  const alerts: AlertItem[] = [];
  for (const item of feed.items()) (item.kind === 'alert' ? alerts : content).push(item);
  return { content, alerts };
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
  const fromFeed = splitFeed(p.feed);
  const locales = localesOf(p.config, p.loaded);
  return {
    version: p.version,
    screenId: p.config.screenId,
    organisation: p.config.organisation ?? campaignName(locales[0] ?? 'zh-CN'),
    layout: p.config.layout ?? p.loaded?.playlist.layout ?? 'landscape',
    region: regionProfile(p.config),
    locales,
    playlist: p.loaded?.playlist ?? FALLBACK_PLAYLIST,
    items: withHelpQr(forRegion([...(p.loaded?.items ?? []), ...fromFeed.content], p.config.region), p.config.helpQr),
    alerts: [...p.localAlerts, ...fromFeed.alerts],
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
  const alerts = await openAlertStore({ dataDir: opts.dataDir, now, log, onChange: bump });
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

  const app = createApp({
    state,
    subscribe: (listener) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    rendererDir: resolve(opts.appRoot, 'out/renderer'),
    packRoot: () => playlist.current()?.packRoot,
    cacheFile: (sha256) => feed.cacheFile(sha256),
    onPlay: (event) => playLog.append(event, config.screenId),
    onHeartbeat: () => {
      heartbeat = now().getTime();
    },
    raiseAlert: (request) => alerts.raise(request),
    clearAlerts: () => alerts.clear(),
    operatorExit: createOperatorExit({ pin: config.operatorPin, now, log, onExitRequest: opts.onExitRequest }),
    localToken: await ensureLocalToken(opts.dataDir),
  });
  if (config.feeds.sources.length > 0) feed.start();

  return {
    app,
    config,
    configErrors,
    dataDir: opts.dataDir,
    state,
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
