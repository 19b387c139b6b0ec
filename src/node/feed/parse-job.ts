import { createPublicKey } from 'node:crypto';
import { decodeFeed } from '../../core/contract/read-published';
import { checkFreshness } from '../../core/feed/manifest';
import { mapFeed, type MapOptions, type MapResult } from '../../core/feed/map-items';
import type { RawFeed } from '../../core/feed/raw-item';
import { err, errorMessage, ok, type Result } from '../../core/result';
import { verifyBytes } from '../signing/ed25519';
import { parseFeedBytes, type ParsedFeed } from './parse-feed';

/** The feed without its items: what is left once the items are mapped. */
export type FeedHead = Omit<RawFeed, 'items' | 'rejected'>;

/** What one parse produces: small, plain data, so it crosses a thread as one string. */
export interface ParseOutput {
  readonly feed: FeedHead;
  readonly mapped: MapResult;
  readonly charset: string;
}

/**
 * What the signature check found before parsing. With a key configured nothing is mapped
 * unless the bytes matched their detached `.sig`, or the body is a signed envelope whose
 * manifest matches (checked here, before its items are read); then version and expiry.
 */
export interface VerifyInput {
  /** SPKI PEM: a KeyObject does not cross a thread. */
  readonly publicKeyPem: string;
  readonly detachedVerified: boolean;
  /** Why there was no detached signature, for the refusal. */
  readonly detachedProblem?: string;
  readonly lastVersion: number | undefined;
}

/** Everything the parse needs, as structured-clone-able data. */
export interface ParseInput {
  readonly bytes: Uint8Array;
  readonly contentType: string | undefined;
  readonly map: MapOptions;
  readonly verify?: VerifyInput;
}

function checkEmbedded(parsed: ParsedFeed, v: VerifyInput): Result<true> {
  if (v.detachedVerified) return ok(true);
  if (!parsed.embedded) return err(`unsigned content refused (publicKey is set): ${v.detachedProblem ?? 'no signature'}`);
  let matches = false;
  try {
    matches = verifyBytes(parsed.embedded.data, parsed.embedded.signature, createPublicKey(v.publicKeyPem));
  } catch (error) {
    return err(`the manifest signature could not be checked: ${errorMessage(error)}`);
  }
  return matches ? ok(true) : err('the manifest signature does not match the configured publicKey');
}

/** Signature, then version and expiry: only then are items read. */
function verified(parsed: ParsedFeed, input: ParseInput): Result<true> {
  const v = input.verify;
  if (!v) return ok(true);
  const signed = checkEmbedded(parsed, v);
  if (!signed.ok) return signed;
  const stale = checkFreshness({ version: parsed.feed.version, expires: parsed.feed.expires, lastVersion: v.lastVersion, now: input.map.now });
  return stale ? err(stale) : ok(true);
}

/** Decode, parse, verify and map one feed body; runs in the parser worker (or inline in tests). */
export async function runParseJob(input: ParseInput): Promise<Result<ParseOutput>> {
  const parsed = await parseFeedBytes(input.bytes, input.contentType);
  if (!parsed.ok) return parsed;
  const checked = verified(parsed.value, input);
  if (!checked.ok) return checked;
  const { feed, charset, published } = parsed.value;
  const { items: _items, rejected: _rejected, ...head } = feed;
  const { map } = input;
  const mapped = published
    ? decodeFeed(published, { docUrl: map.sourceUrl, policy: map.policy, now: map.now, ...(map.media ? { media: map.media } : {}) })
    : mapFeed(feed, map);
  return ok({ feed: head, mapped, charset });
}

/** The same job on this thread: for tools and tests that parse trusted or tiny inputs. */
export const parseInline = (input: ParseInput): Promise<Result<ParseOutput>> => runParseJob(input);
