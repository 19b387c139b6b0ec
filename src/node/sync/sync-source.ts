import type { KeyObject } from 'node:crypto';
import { stillCurrent, unexpired } from '../../core/feed/entry';
import type { SourceState } from '../../core/feed/snapshot-format';
import type { FeedSettings, FeedSource } from '../../core/model/feed-config';
import type { PolicyConfig } from '../../core/policy/content-policy';
import { err, ok, type Result } from '../../core/result';
import { fetchFeed, fetchSignature } from '../feed/fetch-feed';
import type { HttpClient } from '../feed/http-client';
import { processFeedBytes, type ParseStage } from '../feed/pipeline';
import { fetchGroupPlaylist } from './published-playlist';

export interface SourceSyncDeps {
  readonly client: HttpClient;
  readonly settings: FeedSettings;
  readonly policy: PolicyConfig;
  readonly publicKey: KeyObject | undefined;
  readonly now: Date;
  readonly parse: ParseStage;
}

/** A 304: the previous state, less what expired; the same arrays when nothing did, so the caller sees no change. */
function unchanged(previous: SourceState, now: Date, maxAgeDays: number): SourceState {
  const entries = stillCurrent(previous.entries, now, maxAgeDays);
  const alerts = unexpired(previous.alerts, now);
  return {
    ...previous,
    fetchedAt: now.toISOString(),
    entries: entries.length === previous.entries.length ? previous.entries : entries,
    alerts: alerts.length === previous.alerts.length ? previous.alerts : alerts,
  };
}

/** A `publisher` source's playlist document, fetched with each new version of its feed. */
const groupPlaylist = (deps: SourceSyncDeps, source: FeedSource, previous: SourceState | undefined) =>
  source.playlist
    ? fetchGroupPlaylist({ ...deps, publicKey: deps.publicKey }, { ...source, playlist: source.playlist }, previous?.playlist)
    : Promise.resolve(undefined);

/** One feed, one fetch: its new state, or why the previous state has to stay. */
export async function syncSource(
  deps: SourceSyncDeps, source: FeedSource, previous: SourceState | undefined,
): Promise<Result<SourceState>> {
  const { client, settings, now } = deps;
  // Content accepted before a key was configured is not signed: fetch in full, no 304.
  const conditional = deps.publicKey && previous?.version === undefined ? undefined : previous;
  const fetched = await fetchFeed(client, settings, source, conditional);
  if (!fetched.ok) return fetched;
  if (fetched.value.kind === 'not-modified') return previous ? ok(unchanged(previous, now, settings.maxAgeDays)) : err('HTTP 304 without a cached copy');
  const { bytes, contentType, validators } = fetched.value;
  const processed = await processFeedBytes(
    bytes,
    contentType,
    {
      publicKey: deps.publicKey,
      detachedSignature: () => fetchSignature(client, settings, source),
      lastVersion: previous?.version,
    },
    {
      sourceUrl: source.url, defaultKind: source.defaultKind, sourceTags: source.tags,
      maxAgeDays: settings.maxAgeDays, maxItems: settings.maxItemsPerFeed, policy: deps.policy, now,
      media: { allowHttp: source.allowHttp, requireSha256: deps.publicKey !== undefined },
    },
    deps.parse,
  );
  if (!processed.ok) return processed;
  const { feed, mapped, signed } = processed.value;
  const playlist = await groupPlaylist(deps, source, previous);
  if (playlist && !playlist.ok) return playlist;
  return ok({
    ...(signed && feed.format === 'published' ? { published: true } : {}),
    ...(playlist ? { playlist: playlist.value } : {}),
    url: source.url,
    ...validators,
    ...(signed && feed.version !== undefined ? { version: feed.version } : previous?.version !== undefined ? { version: previous.version } : {}),
    fetchedAt: now.toISOString(),
    entries: [...mapped.entries],
    alerts: [...mapped.alerts],
    quarantined: [...mapped.quarantined],
  });
}
