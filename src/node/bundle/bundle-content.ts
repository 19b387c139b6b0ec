import { readdir, readFile } from 'node:fs/promises';
import { basename, join } from 'node:path';
import type { KeyObject } from 'node:crypto';
import { resolveItems } from '../../core/feed/entry';
import { versionFolderOf } from '../../core/bundle/manifest';
import { FEED_JSON, MEDIA_DIR } from '../../core/console/feed-documents';
import type { AlertItem, ContentItem } from '../../core/model/content';
import type { FeedSettings } from '../../core/model/feed-config';
import { policyConfig } from '../../core/policy/content-policy';
import { err, ok, type Result } from '../../core/result';
import { processFeedBytes } from '../feed/pipeline';
import { installedDirs, installedVersion } from './install-bundle';

/** What an installed bundle puts on the screen: the same accept path as a feed, read from disk. */
export interface BundleContent {
  readonly version: number;
  readonly items: readonly ContentItem[];
  readonly alerts: readonly AlertItem[];
  readonly quarantined: readonly { readonly id: string; readonly reason: string }[];
  /** sha256 → the installed file. */
  readonly media: ReadonlyMap<string, string>;
}

/** The document this screen reads: the one its feed URL names if the bundle has it, else feed.json. */
async function documentName(folder: string, settings: FeedSettings): Promise<string> {
  const names = await readdir(folder).catch(() => [] as string[]);
  const wanted = settings.sources.map((s) => basename(new URL(s.url).pathname)).find((n) => names.includes(n));
  return wanted ?? FEED_JSON;
}

async function mediaFiles(root: string): Promise<Map<string, string>> {
  const names = await readdir(join(root, MEDIA_DIR)).catch(() => [] as string[]);
  return new Map(names.flatMap((n) => {
    const sha = /^([0-9a-f]{64})\./.exec(n)?.[1];
    return sha ? [[sha, join(root, MEDIA_DIR, n)] as const] : [];
  }));
}

/**
 * Reads the installed bundle's document through the feed pipeline: its own `.sig` checked
 * with the configured key, the content policy applied, media resolved to installed files.
 */
export async function loadBundleContent(dataDir: string, settings: FeedSettings, publicKey: KeyObject | undefined, now: Date): Promise<Result<BundleContent> | undefined> {
  const version = await installedVersion(dataDir);
  if (version === null) return undefined;
  const root = installedDirs(dataDir).current;
  const folder = join(root, ...versionFolderOf(version).split('/'));
  const name = await documentName(folder, settings);
  const bytes = await readFile(join(folder, name)).catch(() => undefined);
  if (!bytes) return err(`the installed bundle has no ${name}`);
  const processed = await processFeedBytes(
    bytes, name.endsWith('.xml') ? 'application/rss+xml' : 'application/feed+json',
    { publicKey, lastVersion: undefined, detachedSignature: async () => readFile(join(folder, `${name}.sig`), 'utf8').then((s) => ok(s.trim()), () => err(`no ${name}.sig`)) },
    {
      sourceUrl: `https://bundle.invalid/${name}`, defaultKind: 'slogan', sourceTags: [], maxAgeDays: settings.maxAgeDays,
      maxItems: settings.maxItemsPerFeed, policy: policyConfig(settings), now, media: { allowHttp: true, requireSha256: true },
    },
  );
  if (!processed.ok) return err(`the installed bundle's ${name}: ${processed.error}`);
  const media = await mediaFiles(root);
  const { mapped } = processed.value;
  const items = resolveItems(mapped.entries, (need) => (need.sha256 && media.has(need.sha256) ? need.sha256 : undefined));
  return ok({ version, items, alerts: [...mapped.alerts], quarantined: [...mapped.quarantined], media });
}
