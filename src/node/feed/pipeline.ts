import type { KeyObject } from 'node:crypto';
import { err, ok, type Result } from '../../core/result';
import { checkFreshness } from '../../core/feed/manifest';
import type { MapOptions, MapResult } from '../../core/feed/map-items';
import { verifyBytes } from '../signing/ed25519';
import { parseInline, type FeedHead, type ParseInput, type ParseOutput } from './parse-job';

export interface Verification {
  readonly publicKey: KeyObject | undefined;
  /** The detached signature (`<feed>.sig`), fetched or read only when needed. */
  readonly detachedSignature: () => Promise<Result<string>>;
  readonly lastVersion: number | undefined;
}

/** Where the parse runs: the worker in the kiosk, this thread in tools and tests. */
export type ParseStage = (input: ParseInput) => Promise<Result<ParseOutput>>;

export interface Processed {
  readonly feed: FeedHead;
  readonly mapped: MapResult;
  readonly charset: string;
  readonly signed: boolean;
}

async function verify(
  bytes: Uint8Array, embedded: ParseOutput['embedded'], v: Verification,
): Promise<Result<boolean>> {
  if (!v.publicKey) return ok(false);
  if (embedded) {
    return verifyBytes(Buffer.from(embedded.manifest, 'utf8'), embedded.signature, v.publicKey)
      ? ok(true)
      : err('the manifest signature does not match the configured publicKey');
  }
  const signature = await v.detachedSignature();
  if (!signature.ok) return err(`unsigned content refused (publicKey is set): ${signature.error}`);
  return verifyBytes(bytes, signature.value, v.publicKey)
    ? ok(true)
    : err('bad signature: the feed does not match its .sig for the configured publicKey');
}

/**
 * Bytes to accepted and quarantined items: parse, check the signature and freshness when
 * a key is configured, map by category, apply the content policy.
 */
export async function processFeedBytes(
  bytes: Uint8Array, contentType: string | undefined, verification: Verification, mapOptions: MapOptions,
  parse: ParseStage = parseInline,
): Promise<Result<Processed>> {
  const parsed = await parse({ bytes, contentType, map: mapOptions });
  if (!parsed.ok) return parsed;
  const signed = await verify(bytes, parsed.value.embedded, verification);
  if (!signed.ok) return signed;
  const { feed } = parsed.value;
  if (signed.value) {
    const stale = checkFreshness({
      version: feed.version, expires: feed.expires, lastVersion: verification.lastVersion, now: mapOptions.now,
    });
    if (stale) return err(stale);
  }
  return ok({ feed, mapped: parsed.value.mapped, charset: parsed.value.charset, signed: signed.value });
}
