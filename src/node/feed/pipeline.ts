import type { KeyObject } from 'node:crypto';
import { err, ok, type Result } from '../../core/result';
import type { MapOptions, MapResult } from '../../core/feed/map-items';
import { verifyBytes } from '../signing/ed25519';
import { parseInline, type FeedHead, type ParseInput, type ParseOutput, type VerifyInput } from './parse-job';

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

/**
 * The detached signature is checked on the raw bytes before anything parses them; a feed
 * without one must be a signed envelope, which the parse job checks before reading items.
 */
async function verifyFirst(bytes: Uint8Array, v: Verification): Promise<Result<VerifyInput | undefined>> {
  if (!v.publicKey) return ok(undefined);
  const publicKeyPem = v.publicKey.export({ type: 'spki', format: 'pem' }).toString();
  const signature = await v.detachedSignature();
  if (!signature.ok) return ok({ publicKeyPem, detachedVerified: false, detachedProblem: signature.error, lastVersion: v.lastVersion });
  if (!verifyBytes(bytes, signature.value, v.publicKey)) {
    return err('bad signature: the feed does not match its .sig for the configured publicKey');
  }
  return ok({ publicKeyPem, detachedVerified: true, lastVersion: v.lastVersion });
}

/**
 * Bytes to accepted and quarantined items: the signature first (when a key is configured),
 * then parse, version and expiry, and only then mapping and the content policy.
 */
export async function processFeedBytes(
  bytes: Uint8Array, contentType: string | undefined, verification: Verification, mapOptions: MapOptions,
  parse: ParseStage = parseInline,
): Promise<Result<Processed>> {
  const verify = await verifyFirst(bytes, verification);
  if (!verify.ok) return verify;
  const parsed = await parse({ bytes, contentType, map: mapOptions, ...(verify.value ? { verify: verify.value } : {}) });
  if (!parsed.ok) return parsed;
  const { feed, mapped, charset } = parsed.value;
  return ok({ feed, mapped, charset, signed: verify.value !== undefined });
}
