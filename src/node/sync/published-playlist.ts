import type { KeyObject } from 'node:crypto';
import { PublishedPlaylist, readDocument } from '../../core/contract/published';
import { checkFreshness } from '../../core/feed/manifest';
import type { FeedSettings, FeedSource } from '../../core/model/feed-config';
import { err, errorMessage, ok, type Result } from '../../core/result';
import { fetchFeed, fetchSignature } from '../feed/fetch-feed';
import type { HttpClient } from '../feed/http-client';
import { verifyBytes } from '../signing/ed25519';

export interface PlaylistFetchDeps {
  readonly client: HttpClient;
  readonly settings: FeedSettings;
  readonly publicKey: KeyObject | undefined;
  readonly now: Date;
}

function parseJson(bytes: Uint8Array): Result<unknown> {
  try {
    return ok(JSON.parse(Buffer.from(bytes).toString('utf8')) as unknown);
  } catch (error) {
    return err(`group playlist: not valid JSON (${errorMessage(error)})`);
  }
}

/**
 * The group's playlist document: signature on the bytes first, then its format (a newer
 * major is refused), its schema, version (no rollback) and expiry. Any refusal keeps the
 * playlist the screen already plays.
 */
export async function fetchGroupPlaylist(
  deps: PlaylistFetchDeps, source: FeedSource & { readonly playlist: string }, previous: PublishedPlaylist | undefined,
): Promise<Result<PublishedPlaylist>> {
  if (!deps.publicKey) return err('group playlist: a publicKey is needed (playlists are always signed)');
  const target: FeedSource = { ...source, url: source.playlist };
  const fetched = await fetchFeed(deps.client, deps.settings, target, undefined);
  if (!fetched.ok) return err(`group playlist: ${fetched.error}`);
  if (fetched.value.kind !== 'body') return err('group playlist: HTTP 304 without a cached copy');
  const { bytes } = fetched.value;
  const signature = await fetchSignature(deps.client, deps.settings, target);
  if (!signature.ok) return err(`group playlist: unsigned content refused: ${signature.error}`);
  if (!verifyBytes(bytes, signature.value, deps.publicKey)) return err('group playlist: bad signature for the configured publicKey');
  const value = parseJson(bytes);
  if (!value.ok) return value;
  const doc = readDocument(PublishedPlaylist, value.value, 'group playlist');
  if (!doc.ok) return doc;
  const stale = checkFreshness({ version: doc.value.version, expires: doc.value.expires, lastVersion: previous?.version, now: deps.now });
  if (stale) return err(`group playlist: ${stale}`);
  // The same document again: the same object, so the sync sees nothing changed.
  return previous && JSON.stringify(previous) === JSON.stringify(doc.value) ? ok(previous) : ok(doc.value);
}
