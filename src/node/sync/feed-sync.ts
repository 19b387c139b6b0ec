import { createNotifier } from '../../core/notifier';
import { errorMessage } from '../../core/result';
import type { Locale } from '../../core/model/content';
import { join } from 'node:path';
import type { SyncStatus } from '../../core/api/contract';
import type { PublishedPlaylist } from '../../core/contract/published';
import { backoffMs } from '../../core/feed/backoff';
import { resolveItems } from '../../core/feed/entry';
import { passAfterFetch, roundOutcome, viewChanged, type FeedView } from '../../core/feed/sync-decision';
import { emptySnapshot, type Snapshot, type SourceState } from '../../core/feed/snapshot-format';
import type { AlertItem, ContentItem } from '../../core/model/content';
import type { FeedSettings } from '../../core/model/feed-config';
import { policyConfig } from '../../core/policy/content-policy';
import { createMediaCache, type MediaCache } from '../cache/media-cache';
import { createHttpClient, type HttpClient } from '../feed/http-client';
import { createFeedParser, type FeedParser } from '../feed/parse-pool';
import { createSnapshotStore, type SnapshotStore } from '../snapshot/snapshot-store';
import { ensureMedia } from './media-step';
import { groupPlaylistOf, loadKey, usableSources, type LoadedKey } from './held-sources';

export interface FeedSync {
  start(): void;
  stop(): Promise<void>;
  syncNow(): Promise<SyncStatus>;
  status(): SyncStatus;
  /** Playlist items whose media are cached and verified. */
  items(): readonly ContentItem[];
  /** Current alerts from the feeds, for the alert bar. */
  alerts(): readonly AlertItem[];
  /** The screen group's verified playlist document, once one was accepted. */
  playlist(): PublishedPlaylist | undefined;
  /** A verified published feed was accepted (and is kept): the bundled pack no longer plays. */
  heldPublished(): boolean;
  onChange(listener: () => void): () => void;
  cacheFile(sha256: string): string | undefined;
}

export interface FeedSyncDeps {
  readonly settings: FeedSettings;
  readonly dataDir: string;
  readonly now: () => Date;
  readonly log: (line: string) => void;
  /** A listener of `onChange` threw: logged here, and the owner shows it to the operator. */
  readonly onListenerError?: (line: string) => void;
  readonly random?: () => number;
  /** The screen's languages, first preferred: a CAP alert's <info> block is chosen by them. */
  readonly locales?: () => readonly Locale[];
}

const RETRY_BASE_MS = 5_000;

interface Parts {
  readonly deps: FeedSyncDeps;
  readonly store: SnapshotStore;
  readonly client: HttpClient;
  readonly cache: MediaCache;
  readonly parser: FeedParser;
  readonly key: LoadedKey;
}

interface State {
  snapshot: Snapshot;
  items: readonly ContentItem[];
  alerts: readonly AlertItem[];
  /** Fingerprint of items and alerts, to tell renderers only about real changes. */
  shown: string;
  lastAttempt: string | null;
  lastError: string | null;
  nextAttempt: string | null;
  failures: number;
  syncedThisRun: boolean;
  cacheBytes: number;
  /** Every medium the items need was verified at the last full sync. */
  mediaComplete: boolean;
  /** 304 polls since the last full check; every FULL_CHECK_EVERY-th re-verifies the cache. */
  quickPolls: number;
}

function computeShown(parts: Parts, snapshot: Snapshot): Pick<State, 'items' | 'alerts' | 'shown'> {
  const entries = snapshot.sources.flatMap((s) => s.entries);
  const seen = new Set<string>();
  const items = resolveItems(entries, (need) => {
    const sha = need.sha256 ?? snapshot.media[need.url];
    return sha && parts.cache.verifiedPath(sha) ? sha : undefined;
  }).filter((item) => !seen.has(item.id) && Boolean(seen.add(item.id)));
  const alerts = snapshot.sources.flatMap((s) => s.alerts).filter((a) => !seen.has(a.id) && Boolean(seen.add(a.id)));
  return { items, alerts, shown: JSON.stringify([items, alerts, groupPlaylistOf(snapshot) ?? null]) };
}

async function refreshCacheBytes(parts: Parts, state: State): Promise<void> {
  state.cacheBytes = (await parts.cache.usage()).reduce((sum, e) => sum + e.bytes, 0);
}

async function syncAll(parts: Parts, state: State): Promise<{ snapshot: Snapshot; errors: string[]; anyOk: boolean }> {
  const { settings } = parts.deps;
  const now = parts.deps.now();
  const errors: string[] = [];
  const sources: SourceState[] = [];
  let anyOk = false;
  const policy = policyConfig(settings);
  // Loaded on the first sync: a start-up offline (or before the first poll) never loads the parsers.
  const [{ syncCapSource }, { syncSource }] = await Promise.all([import('./sync-cap'), import('./sync-source')]);
  for (const source of settings.sources) {
    const previous = state.snapshot.sources.find((s) => s.url === source.url);
    const key = source.publicKey ? loadKey(source.publicKey) : parts.key;
    const deps = { client: parts.client, settings, policy, publicKey: key.value, now, parse: parts.parser.parse };
    const result = key.error
      ? { ok: false as const, error: key.error }
      : source.type === 'cap'
        ? await syncCapSource(deps, source, previous, parts.deps.locales?.() ?? ['zh-CN', 'zh-TW', 'en'])
        : await syncSource(deps, source, previous);
    if (result.ok) {
      anyOk = true;
      sources.push(result.value);
    } else {
      errors.push(`${source.url}: ${result.error}`);
      parts.deps.log(`feed: ${source.url}: ${result.error} (keeping the last good content)`);
      if (previous) sources.push(previous);
    }
  }
  return { snapshot: { ...state.snapshot, sources }, errors, anyOk };
}

function logQuarantine(parts: Parts, before: Snapshot, after: Snapshot): void {
  const known = new Set(before.sources.flatMap((s) => s.quarantined.map((q) => `${q.id} ${q.reason}`)));
  for (const q of after.sources.flatMap((s) => s.quarantined)) {
    if (!known.has(`${q.id} ${q.reason}`)) parts.deps.log(`feed: quarantined ${q.id}: ${q.reason}`);
  }
}

function sameContent(before: Snapshot, after: Snapshot): boolean {
  return (
    before.sources.length === after.sources.length &&
    after.sources.every((s, i) => {
      const b = before.sources[i];
      return s.entries === b?.entries && s.alerts === b.alerts && s.url === b.url && s.playlist === b.playlist;
    })
  );
}

/** Evicts over the quota, never what the current items need, and marks those as used. */
async function keepCache(parts: Parts, needed: ReadonlySet<string>): Promise<void> {
  const { deps } = parts;
  const evicted = await parts.cache.evict(needed, deps.settings.cacheQuotaMb * 1024 * 1024);
  for (const sha of evicted) deps.log(`feed: cache evicted ${sha}`);
  for (const sha of needed) await parts.cache.touch(sha, deps.now());
}

/** Writes the snapshot; the reason when it could not, for lastError. */
async function saveSnapshot(parts: Parts, next: Snapshot): Promise<string | undefined> {
  try {
    await parts.store.save(next);
    return undefined;
  } catch (error) {
    return `snapshot not saved: ${errorMessage(error)}`;
  }
}

async function runSync(parts: Parts, state: State): Promise<void> {
  const { deps } = parts;
  state.lastAttempt = deps.now().toISOString();
  const { snapshot, errors, anyOk } = await syncAll(parts, state);
  const pass = passAfterFetch({
    errors: errors.length, mediaComplete: state.mediaComplete, quickPolls: state.quickPolls, unchanged: sameContent(state.snapshot, snapshot),
  });
  if (pass === 'quick') {
    state.quickPolls++;
    // Every feed answered 304 and nothing expired: no media to check, no snapshot to rewrite.
    state.snapshot = { ...state.snapshot, sources: snapshot.sources, lastSuccess: deps.now().toISOString() };
    state.syncedThisRun = true;
    state.failures = 0;
    state.lastError = null;
    return;
  }
  const media = await ensureMedia(parts.cache, deps.settings, snapshot, false);
  state.mediaComplete = media.complete;
  state.quickPolls = 0;
  const next: Snapshot = {
    ...snapshot,
    media: media.media,
    savedAt: deps.now().toISOString(),
    lastSuccess: anyOk ? deps.now().toISOString() : snapshot.lastSuccess,
  };
  await keepCache(parts, media.needed);
  if (anyOk) {
    const saved = await saveSnapshot(parts, next);
    if (saved) errors.push(saved);
  }
  logQuarantine(parts, state.snapshot, next);
  for (const e of media.errors) deps.log(`feed: ${e}`);
  state.snapshot = next;
  Object.assign(state, computeShown(parts, next));
  state.syncedThisRun ||= anyOk;
  Object.assign(state, roundOutcome(state.failures, { sourceErrors: errors, otherErrors: media.errors, anyOk }));
  await refreshCacheBytes(parts, state);
}

const sourceOf = (state: State): FeedView['source'] =>
  state.items.length === 0 ? 'pack' : state.syncedThisRun ? 'feed' : 'snapshot';

const viewOf = (state: State): FeedView => ({ shown: state.shown, lastError: state.lastError, source: sourceOf(state) });

function statusOf(parts: Parts, state: State): SyncStatus {
  return {
    lastSuccess: state.snapshot.lastSuccess,
    lastAttempt: state.lastAttempt,
    lastError: state.lastError,
    nextAttempt: state.nextAttempt,
    accepted: state.items.length,
    quarantined: state.snapshot.sources.flatMap((s) => s.quarantined).slice(0, 500),
    cacheBytes: state.cacheBytes,
    cacheQuotaBytes: parts.deps.settings.cacheQuotaMb * 1024 * 1024,
    source: sourceOf(state),
  };
}

async function loadState(parts: Parts): Promise<State> {
  const { deps } = parts;
  const loaded = await parts.store.load();
  for (const problem of loaded.problems) deps.log(`feed: ${problem}`);
  const base = loaded.snapshot ?? emptySnapshot();
  const snapshot = { ...base, sources: usableSources(base, deps.settings) };
  // Hash the cached media the snapshot needs before anything is shown from it.
  const media = await ensureMedia(parts.cache, deps.settings, snapshot, true);
  const state: State = {
    mediaComplete: media.complete,
    quickPolls: 0,
    snapshot, ...computeShown(parts, snapshot), lastAttempt: null,
    lastError: [...loaded.problems, ...(parts.key.error ? [parts.key.error] : [])].join('; ') || null,
    nextAttempt: null, failures: 0, syncedThisRun: false, cacheBytes: 0,
  };
  await refreshCacheBytes(parts, state);
  return state;
}

export async function createFeedSync(deps: FeedSyncDeps): Promise<FeedSync> {
  const feedDir = join(deps.dataDir, 'feed');
  const client = createHttpClient({ connectTimeoutMs: deps.settings.timeouts.connectMs, privateHosts: deps.settings.privateHosts });
  const parts: Parts = {
    deps, client, store: createSnapshotStore(feedDir),
    parser: createFeedParser({ deadlineMs: deps.settings.timeouts.parseMs }),
    cache: createMediaCache(join(feedDir, 'cache'), client), key: loadKey(deps.settings.publicKey),
  };
  const state = await loadState(parts);
  const changes = createNotifier((error) => {
    const line = `feed: a change listener failed: ${error instanceof Error ? error.message : String(error)}`;
    deps.log(line);
    deps.onListenerError?.(line);
  });
  const random = deps.random ?? Math.random;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let running: Promise<SyncStatus> | undefined;
  let started = false;

  const schedule = (delayMs: number): void => {
    if (!started) return;
    clearTimeout(timer);
    state.nextAttempt = new Date(deps.now().getTime() + delayMs).toISOString();
    timer = setTimeout(() => void syncNow(), delayMs);
  };

  function syncNow(): Promise<SyncStatus> {
    running ??= (async () => {
      const before = viewOf(state);
      try {
        await runSync(parts, state);
      } catch (error) {
        state.lastError = `sync failed: ${error instanceof Error ? error.message : String(error)}`;
        state.failures++;
      } finally {
        running = undefined;
      }
      const pollMs = deps.settings.pollSeconds * 1000;
      schedule(state.failures > 0 ? backoffMs(state.failures, RETRY_BASE_MS, pollMs, random()) : pollMs);
      // A 304 poll changes nothing a renderer shows: no reason to make every screen refetch.
      if (viewChanged(before, viewOf(state))) changes.notify();
      return statusOf(parts, state);
    })();
    return running;
  }

  return {
    start() {
      if (started) return;
      started = true;
      parts.parser.warm();
      schedule(0);
    },
    async stop() {
      started = false;
      clearTimeout(timer);
      state.nextAttempt = null;
      await running?.catch(() => undefined);
      await client.close().catch(() => undefined);
      await parts.parser.close().catch(() => undefined);
    },
    syncNow,
    status: () => statusOf(parts, state),
    items: () => state.items,
    alerts: () => state.alerts,
    playlist: () => groupPlaylistOf(state.snapshot),
    heldPublished: () => state.snapshot.sources.some((s) => s.published === true && s.version !== undefined),
    onChange: (listener) => changes.subscribe(listener),
    cacheFile: (sha256) => parts.cache.verifiedPath(sha256),
  };
}
