import { join } from 'node:path';
import type { KeyObject } from 'node:crypto';
import type { BundleContent } from '../node/bundle/bundle-content';
import { loadBundleContent } from '../node/bundle/bundle-content';
import { installBundle, installedVersion, type InstallOutcome } from '../node/bundle/install-bundle';
import { freeBytes, keyFingerprint } from '../node/bundle/disk';
import { writeReturns } from '../node/bundle/returns';
import { watchSticks, type StickWatch } from '../node/bundle/stick-watch';
import type { ReturnsStatus } from '../core/bundle/manifest';
import type { DeviceConfig } from '../core/model/config';
import type { FeedSettings } from '../core/model/feed-config';
import { parsePublicKey } from '../node/signing/ed25519';
import { createSnapshotStore } from '../node/snapshot/snapshot-store';

/** A stick problem shown on screen for this long; playback goes on under it. */
export const STICK_NOTICE_MS = 10_000;

export interface ScreenBundlesDeps {
  readonly config: DeviceConfig;
  readonly settings: FeedSettings;
  readonly dataDir: string;
  /** Mount points to watch (removable-media roots, config paths, `--watch`). */
  readonly roots: readonly string[];
  readonly bump: () => void;
  readonly now: () => Date;
  readonly log: (line: string) => void;
}

export interface ScreenBundles {
  content(): BundleContent | undefined;
  /** The newest signed version from the feed snapshot, refreshed after each feed change. */
  feedVersion(): number | null;
  refreshFeedVersion(): Promise<void>;
  notice(): { readonly text: string; readonly until: string } | undefined;
  warnings(): readonly string[];
  mediaFile(sha256: string): string | undefined;
  /** The last visit's status (for tests and the operator). */
  lastStatus(): ReturnsStatus | undefined;
  readonly ready: Promise<void>;
  close(): Promise<void>;
}

async function snapshotVersion(dataDir: string): Promise<number | null> {
  const loaded = await createSnapshotStore(join(dataDir, 'feed')).load().catch(() => undefined);
  const versions = (loaded?.snapshot?.sources ?? []).flatMap((s) => (s.version === undefined ? [] : [s.version]));
  return versions.length > 0 ? Math.max(...versions) : null;
}

function statusOf(deps: ScreenBundlesDeps, outcome: InstallOutcome, version: number | null, errors: string[], free: number | null): Omit<ReturnsStatus, 'plays'> {
  return {
    screenId: deps.config.screenId, at: deps.now().toISOString(),
    bundleVersion: outcome.kind === 'refused' ? outcome.bundleVersion : outcome.manifest.version,
    version, outcome: outcome.kind, refusal: outcome.kind === 'refused' ? outcome.refusal : null, errors, freeDiskBytes: free,
  };
}

interface Held {
  content: BundleContent | undefined;
  feedVersion: number | null;
  notice: { text: string; until: string } | undefined;
  warnings: string[];
  last: ReturnsStatus | undefined;
}

function keyOf(settings: FeedSettings): { key?: KeyObject; publisher?: string } {
  if (!settings.publicKey) return {};
  const parsed = parsePublicKey(settings.publicKey);
  return parsed.ok ? { key: parsed.value, publisher: keyFingerprint(parsed.value.export({ type: 'spki', format: 'der' }).toString('base64')) } : {};
}

async function reload(deps: ScreenBundlesDeps, held: Held, key: KeyObject | undefined): Promise<string[]> {
  const loaded = await loadBundleContent(deps.dataDir, deps.settings, key, deps.now());
  if (!loaded) return [];
  if (!loaded.ok) return [loaded.error];
  held.content = loaded.value;
  return [];
}

function showNotice(deps: ScreenBundlesDeps, held: Held, text: string): void {
  held.notice = { text, until: new Date(deps.now().getTime() + STICK_NOTICE_MS).toISOString() };
  deps.log(`usb: ${text}`);
  deps.bump();
  // One more change when it ends, so the renderer drops it even without a clock tick of its own.
  setTimeout(() => deps.bump(), STICK_NOTICE_MS).unref();
}

/** One stick visit: check and copy in, play it, then write the returns. */
async function visit(deps: ScreenBundlesDeps, held: Held, bundleDir: string): Promise<void> {
  const { key, publisher } = keyOf(deps.settings);
  const installed = await installedVersion(deps.dataDir);
  const heldVersion = Math.max(installed ?? -1, held.feedVersion ?? -1);
  const outcome = await installBundle(bundleDir, { dataDir: deps.dataDir, publicKey: key, publisher, heldVersion: heldVersion < 0 ? null : heldVersion });
  const errors = outcome.kind === 'installed' ? await reload(deps, held, key) : [];
  if (outcome.kind === 'installed') deps.bump();
  const version = Math.max(held.content?.version ?? -1, held.feedVersion ?? -1);
  held.warnings = outcome.kind === 'refused' ? [`usb: bundle refused (${outcome.refusal.kind}): ${outcome.refusal.reason}`] : errors.map((e) => `usb: ${e}`);
  deps.log(outcome.kind === 'refused' ? held.warnings[0] ?? '' : `usb: bundle version ${outcome.manifest.version}: ${outcome.kind}`);
  const status = statusOf(deps, outcome, version < 0 ? null : version, errors, await freeBytes(deps.dataDir));
  const written = await writeReturns({
    bundleDir, screenId: deps.config.screenId, playLogDir: join(deps.dataDir, 'play-log'), markFile: join(deps.dataDir, 'bundle', 'returns-mark.json'), status,
  });
  if (written.ok) held.last = written.value;
  else showNotice(deps, held, `${written.error}: the returns could not be written; playback continues`);
}

/** The screen's side of sneakernet: the installed bundle's content, and a watcher for sticks. */
export async function startScreenBundles(deps: ScreenBundlesDeps): Promise<ScreenBundles> {
  const held: Held = { content: undefined, feedVersion: await snapshotVersion(deps.dataDir), notice: undefined, warnings: [], last: undefined };
  held.warnings = (await reload(deps, held, keyOf(deps.settings).key)).map((e) => `usb: ${e}`);
  const watch: StickWatch = await watchSticks({ roots: deps.roots, log: deps.log, onBundle: (dir) => visit(deps, held, dir) });
  return {
    content: () => held.content,
    feedVersion: () => held.feedVersion,
    refreshFeedVersion: async () => void (held.feedVersion = await snapshotVersion(deps.dataDir)),
    notice: () => (held.notice && Date.parse(held.notice.until) > deps.now().getTime() ? held.notice : undefined),
    warnings: () => held.warnings,
    mediaFile: (sha) => held.content?.media.get(sha),
    lastStatus: () => held.last,
    ready: watch.ready,
    close: () => watch.close(),
  };
}
