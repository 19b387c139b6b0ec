import type { Snapshot } from '../../core/feed/snapshot-format';
import type { FeedSettings } from '../../core/model/feed-config';
import type { MediaCache } from '../cache/media-cache';

export interface MediaStepResult {
  /** URL → SHA-256 for media with no published hash (goes into the snapshot). */
  readonly media: Record<string, string>;
  /** What the current items need: never evicted. */
  readonly needed: ReadonlySet<string>;
  readonly errors: readonly string[];
  /** Every medium the items need is in the cache and verified. */
  readonly complete: boolean;
}

/**
 * Brings every medium the accepted items need into the cache. A failed download leaves
 * its item out for now (a video) or without its picture (a notice), and is retried next sync.
 */
export async function ensureMedia(
  cache: MediaCache, settings: FeedSettings, snapshot: Snapshot, offline: boolean,
): Promise<MediaStepResult> {
  const media: Record<string, string> = {};
  const needed = new Set<string>();
  const errors: string[] = [];
  const done = new Set<string>();
  let complete = true;
  for (const state of snapshot.sources) {
    const source = settings.sources.find((s) => s.url === state.url);
    for (const need of state.entries.flatMap((e) => e.media)) {
      const known = need.sha256 ?? snapshot.media[need.url];
      const key = `${need.url}\n${known ?? ''}`;
      if (done.has(key)) continue;
      done.add(key);
      if (known && (await cache.verify(known))) {
        needed.add(known);
        if (!need.sha256) media[need.url] = known;
        continue;
      }
      if (offline || !source) {
        complete = false;
        continue;
      }
      const got = await cache.download(need.url, need.sha256, {
        rules: { allowHttp: source.allowHttp, allowedHosts: settings.allowedHosts },
        maxRedirects: settings.maxRedirects,
        timeoutMs: settings.timeouts.mediaMs,
      }, settings.maxMediaBytes);
      if (!got.ok) {
        complete = false;
        errors.push(`media ${need.url.slice(0, 200)}: ${got.error}`);
        continue;
      }
      needed.add(got.value);
      if (!need.sha256) media[need.url] = got.value;
    }
  }
  return { media, needed, errors, complete };
}
