import { z } from 'zod';
import { RawItem, toRawItems, type RawFeed } from './raw-item';

/**
 * The signed manifest: a JSON document whose `manifest` field holds the signed text
 * verbatim (so no canonical JSON is needed) and whose `signature` is Ed25519 over the
 * UTF-8 bytes of that text, base64.
 */
export const SignedEnvelope = z.object({
  format: z.literal('kiosk-signed-manifest/1'),
  manifest: z.string().min(2).max(50_000_000),
  signature: z.string().min(40).max(200),
});
export type SignedEnvelope = z.infer<typeof SignedEnvelope>;

export const Manifest = z.object({
  /** Grows with every publication; an older version than the last accepted is a replay. */
  version: z.number().int().nonnegative(),
  expires: z.iso.datetime({ offset: true }),
  title: z.string().max(200).optional(),
  language: z.string().max(20).optional(),
  items: z.array(z.unknown()).max(100_000),
});
export type Manifest = z.infer<typeof Manifest>;
export type ManifestItem = z.input<typeof RawItem>;

export function manifestToRawFeed(manifest: Manifest): RawFeed {
  const { items, rejected } = toRawItems(manifest.items);
  return {
    format: 'manifest',
    title: manifest.title,
    language: manifest.language,
    version: manifest.version,
    expires: manifest.expires,
    items,
    rejected,
  };
}

export interface FreshnessInput {
  readonly version: number | undefined;
  readonly expires: string | undefined;
  readonly lastVersion: number | undefined;
  readonly now: Date;
}

/** Signed content must say which version it is and until when it is valid. */
export function checkFreshness(input: FreshnessInput): string | undefined {
  if (input.version === undefined) return 'signed content carries no version';
  if (input.expires === undefined) return 'signed content carries no expiry';
  const expires = new Date(input.expires);
  if (Number.isNaN(expires.getTime())) return `signed content has an unreadable expiry "${input.expires}"`;
  if (expires.getTime() <= input.now.getTime()) return `signed content expired at ${expires.toISOString()}`;
  if (input.lastVersion !== undefined && input.version < input.lastVersion) {
    return `signed content version ${input.version} is older than the accepted version ${input.lastVersion}`;
  }
  return undefined;
}
