import { readFile, stat } from 'node:fs/promises';
import { pathToFileURL } from 'node:url';
import type { MapResult } from '../../core/feed/map-items';
import type { MediaNeed } from '../../core/feed/entry';
import type { StoredItem } from '../../core/feed/entry';
import type { AlertItem } from '../../core/model/content';
import type { FeedSettings, FeedSource } from '../../core/model/feed-config';
import { policyConfig } from '../../core/policy/content-policy';
import { err, ok, type Result } from '../../core/result';
import { parsePublicKey } from '../signing/ed25519';
import { fetchFeed, fetchSignature } from './fetch-feed';
import type { HttpClient } from './http-client';
import { processFeedBytes, type ParseStage } from './pipeline';

export interface CheckReport {
  readonly target: string;
  readonly verdict: 'ok' | 'warnings' | 'rejected';
  readonly error?: string;
  readonly format?: string;
  readonly charset?: string;
  readonly signed: boolean;
  readonly shown: readonly (StoredItem | AlertItem)[];
  readonly media: readonly MediaNeed[];
  readonly quarantined: readonly { readonly id: string; readonly reason: string }[];
  readonly dropped: number;
}

interface Input {
  readonly bytes: Buffer;
  readonly contentType: string | undefined;
  readonly signature: () => Promise<Result<string>>;
  readonly source: FeedSource;
}

async function readInput(target: string, settings: FeedSettings, client: HttpClient, base: FeedSource): Promise<Result<Input>> {
  if (/^https?:\/\//i.test(target)) {
    const source = settings.sources.find((s) => s.url === target) ?? { ...base, url: target };
    const fetched = await fetchFeed(client, settings, source, undefined);
    if (!fetched.ok) return fetched;
    if (fetched.value.kind !== 'body') return err('unexpected HTTP 304');
    return ok({ bytes: fetched.value.bytes, contentType: fetched.value.contentType, source, signature: () => fetchSignature(client, settings, source) });
  }
  const size = (await stat(target)).size;
  if (size > settings.maxFeedBytes) return err(`file of ${size} bytes is over maxFeedBytes (${settings.maxFeedBytes})`);
  const signature = async (): Promise<Result<string>> => {
    const text = await readFile(`${target}.sig`, 'utf8').catch(() => undefined);
    return text === undefined ? err(`no ${target}.sig`) : ok(text.trim());
  };
  return ok({ bytes: await readFile(target), contentType: undefined, source: { ...base, url: pathToFileURL(target).href }, signature });
}

const rejected = (target: string, error: string): CheckReport => ({
  target, verdict: 'rejected', error, signed: false, shown: [], media: [], quarantined: [], dropped: 0,
});

function verdictOf(mapped: MapResult): CheckReport['verdict'] {
  if (mapped.entries.length + mapped.alerts.length === 0) return 'rejected';
  return mapped.quarantined.length > 0 ? 'warnings' : 'ok';
}

/** The whole pipeline on one feed, without touching any screen or cache. */
export async function checkFeed(
  target: string, settings: FeedSettings, client: HttpClient, base: FeedSource, now: Date, parse: ParseStage,
): Promise<CheckReport> {
  const key = settings.publicKey ? parsePublicKey(settings.publicKey) : undefined;
  if (key && !key.ok) return rejected(target, key.error);
  const input = await readInput(target, settings, client, base).catch((e: unknown) => err(e instanceof Error ? e.message : String(e)));
  if (!input.ok) return rejected(target, input.error);
  const { source } = input.value;
  const processed = await processFeedBytes(
    input.value.bytes, input.value.contentType,
    { publicKey: key?.value, detachedSignature: input.value.signature, lastVersion: undefined },
    {
      sourceUrl: source.url, defaultKind: source.defaultKind, sourceTags: source.tags, maxAgeDays: settings.maxAgeDays,
      maxItems: settings.maxItemsPerFeed, policy: policyConfig(settings), now,
      media: { allowHttp: source.allowHttp, requireSha256: key !== undefined },
    },
    parse,
  );
  if (!processed.ok) return rejected(target, processed.error);
  const { mapped, feed, charset, signed } = processed.value;
  return {
    target, verdict: verdictOf(mapped), ...(mapped.entries.length + mapped.alerts.length === 0 ? { error: 'no item would be shown' } : {}),
    format: feed.format, charset, signed,
    shown: [...mapped.entries.map((e) => e.item), ...mapped.alerts], media: mapped.entries.flatMap((e) => e.media),
    quarantined: mapped.quarantined, dropped: mapped.dropped,
  };
}
