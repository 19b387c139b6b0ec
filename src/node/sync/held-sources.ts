import type { KeyObject } from 'node:crypto';
import type { PublishedPlaylist } from '../../core/contract/published';
import type { Snapshot, SourceState } from '../../core/feed/snapshot-format';
import type { FeedSettings } from '../../core/model/feed-config';
import { parsePublicKey } from '../signing/ed25519';

/** A configured key, parsed once; its problem when it is not a readable Ed25519 key. */
export interface LoadedKey {
  readonly value?: KeyObject;
  readonly error?: string;
}

export function loadKey(publicKey: string | undefined): LoadedKey {
  if (!publicKey) return {};
  const parsed = parsePublicKey(publicKey);
  return parsed.ok ? { value: parsed.value } : { error: parsed.error };
}

/** What may still be shown from disk under the current config: signed content only where a key is set. */
export function usableSources(snapshot: Snapshot, settings: FeedSettings): SourceState[] {
  return snapshot.sources.filter((s) => {
    const source = settings.sources.find((c) => c.url === s.url);
    return source !== undefined && ((!source.publicKey && !settings.publicKey) || s.version !== undefined);
  });
}

/** The screen group's verified playlist, if a source brought one. */
export const groupPlaylistOf = (snapshot: Snapshot): PublishedPlaylist | undefined => snapshot.sources.find((s) => s.playlist)?.playlist;

