import { watch, type FSWatcher } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { isAbsolute, join, resolve } from 'node:path';
import type { Hono } from 'hono';
import type { PlayEvent, PlayerState } from '../core/api/contract';
import { FALLBACK_PLAYLIST } from '../core/fallback';
import type { DeviceConfig } from '../core/model/config';
import { checkPin, INITIAL_PIN_STATE } from '../core/operator/pin-guard';
import { createApp } from '../server/app';
import { watchAlertInbox } from './alert-inbox';
import { openAlertStore } from './alert-store';
import { loadPlaylist, type LoadedPlaylist } from './content-pack';
import { loadConfigFile, sanitizeConfig } from './device-config';
import { ensureLocalToken } from './local-token';
import { openPlayLog } from './play-log/play-log';
import { createFeedSync } from './sync/feed-sync';
import type { AlertItem, ContentItem } from '../core/model/content';

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

/** Loads config, playlist and alerts, and serves them; reloads the playlist when its files change. */
export async function createKioskRuntime(opts: RuntimeOptions): Promise<KioskRuntime> {
  const now = opts.now ?? (() => new Date());
  const log = opts.log ?? ((line: string) => console.log(`[kiosk] ${line}`));
  const { config, errors: configErrors } =
    opts.configOverride !== undefined
      ? sanitizeConfig(opts.configOverride, 'config store')
      : await loadConfigFile(opts.configPath);
  for (const e of configErrors) log(`config: ${e}`);
  const contentRoot = opts.contentRoot ?? opts.appRoot;
  const playlistPath = isAbsolute(config.playlist) ? config.playlist : resolve(contentRoot, config.playlist);

  const listeners = new Set<(version: number) => void>();
  let version = 1;
  const bump = (): void => {
    version++;
    for (const l of listeners) l(version);
  };

  let loaded: LoadedPlaylist | undefined;
  let loadErrors: readonly string[] = [];
  const reload = async (): Promise<void> => {
    const result = await loadPlaylist(playlistPath);
    if (result.ok) {
      loaded = result.value;
      loadErrors = [];
    } else {
      // Keep the last good playlist playing; the errors go to the operator.
      loadErrors = loaded ? result.error.map((e) => `${e} (still playing the previous version)`) : result.error;
    }
    for (const e of [...loadErrors, ...(loaded?.warnings ?? [])]) log(`playlist: ${e}`);
  };
  await reload();

  const alerts = await openAlertStore({ dataDir: opts.dataDir, now, log, onChange: bump });
  const inbox = await watchAlertInbox({
    dataDir: opts.dataDir,
    raise: (request) => alerts.raise(request),
    clear: () => alerts.clear(),
    log,
  });
  // The last good feed snapshot is loaded before any network call, so a restart
  // without network shows cached feed content at once.
  const feed = await createFeedSync({ settings: config.feeds, dataDir: opts.dataDir, now, log });
  const unsubscribeFeed = feed.onChange(bump);
  const feedItems = (): { content: ContentItem[]; alerts: AlertItem[] } => {
    const content: ContentItem[] = [];
    const feedAlerts: AlertItem[] = [];
    for (const item of feed.items()) (item.kind === 'alert' ? feedAlerts : content).push(item);
    return { content, alerts: feedAlerts };
  };
  const localToken = await ensureLocalToken(opts.dataDir);
  const playLog = await openPlayLog({ dir: join(opts.dataDir, 'play-log'), now, log });
  const appVersion = await readAppVersion(opts.appRoot);
  const startedAt = now().toISOString();
  let heartbeat = now().getTime();
  const recoveries: string[] = [];
  let pinState = INITIAL_PIN_STATE;
  const operatorExit = (pin: string): { ok: boolean; error?: string } => {
    const decision = checkPin(config.operatorPin, pin, pinState, now().getTime());
    pinState = decision.state;
    if (!decision.ok) {
      log(`operator exit refused: ${decision.error}`);
      return { ok: false, error: decision.error };
    }
    if (!opts.onExitRequest) return { ok: false, error: 'this player is not in kiosk mode' };
    log('operator left kiosk mode');
    opts.onExitRequest();
    return { ok: true };
  };

  const state = (): PlayerState => {
    const fromFeed = feedItems();
    return {
      version,
      screenId: config.screenId,
      organisation: config.organisation,
      layout: config.layout ?? loaded?.playlist.layout ?? 'landscape',
      locales: localesOf(config, loaded),
      playlist: loaded?.playlist ?? FALLBACK_PLAYLIST,
      items: [...(loaded?.items ?? []), ...fromFeed.content],
      alerts: [...alerts.list(), ...fromFeed.alerts],
      sync: config.feeds.sources.length > 0 ? feed.status() : null,
      warnings: [
        ...configErrors,
        ...(opts.shellWarnings?.() ?? []),
        ...loadErrors,
        ...(loaded?.warnings ?? []),
        ...recoveries,
      ],
      fallback: loaded === undefined,
      appVersion,
      startedAt,
    };
  };

  const watchers = watchFiles(loaded?.files ?? [playlistPath], async () => {
    await reload();
    bump();
  });

  const app = createApp({
    state,
    subscribe: (listener) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    rendererDir: resolve(opts.appRoot, 'out/renderer'),
    packRoot: () => loaded?.packRoot,
    cacheFile: (sha256) => feed.cacheFile(sha256),
    onPlay: (event: PlayEvent) => playLog.append(event, config.screenId),
    onHeartbeat: () => {
      heartbeat = now().getTime();
    },
    raiseAlert: (request) => alerts.raise(request),
    clearAlerts: () => alerts.clear(),
    operatorExit,
    localToken,
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
      for (const w of watchers) w.close();
      inbox.close();
      unsubscribeFeed();
      await feed.stop();
      await playLog.close();
      listeners.clear();
    },
  };
}

function localesOf(config: DeviceConfig, loaded: LoadedPlaylist | undefined): PlayerState['locales'] {
  const locales = loaded?.playlist.locales ?? FALLBACK_PLAYLIST.locales;
  if (!config.locale) return locales;
  return [config.locale, ...locales.filter((l) => l !== config.locale)];
}

/** Debounced watch of content files; editors save in bursts (write, rename, chmod). */
function watchFiles(files: readonly string[], onChange: () => Promise<void>): FSWatcher[] {
  let timer: NodeJS.Timeout | undefined;
  const trigger = (): void => {
    clearTimeout(timer);
    timer = setTimeout(() => void onChange(), 300);
  };
  const watchers: FSWatcher[] = [];
  for (const file of files) {
    try {
      watchers.push(watch(file, { persistent: false }, trigger));
    } catch {
      // A missing file cannot be watched; the next successful reload watches again.
    }
  }
  return watchers;
}
