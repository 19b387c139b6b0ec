import { z } from 'zod';
import { Sha256Hex } from '../model/sha256';
import { strictObject } from '../model/strict';

/**
 * A bundle: the published version folder (whatever documents and `.sig` files it holds), the
 * media those documents name by SHA-256, and a signed manifest of every file. It travels on a
 * USB stick under `anti-fraud-kiosk/` to screens without a network.
 */
export const BUNDLE_DIR = 'anti-fraud-kiosk';
export const BUNDLE_MANIFEST = 'manifest.json';
export const BUNDLE_SIGNATURE = 'manifest.json.sig';
export const RETURNS_DIR = 'returns';
export const RETURNS_STATUS = 'status.json';
export const BUNDLE_FORMAT = 'anti-fraud-kiosk-bundle/1';

/** A relative path inside the bundle: forward slashes, no `..`, no leading slash, no hidden names. */
export const BundlePath = z
  .string()
  .min(1)
  .max(300)
  .regex(/^(?:[A-Za-z0-9_-][A-Za-z0-9._-]*\/)*[A-Za-z0-9_-][A-Za-z0-9._-]*$/, 'a relative path such as versions/00000003/feed.json');

export const BundleFile = strictObject({
  path: BundlePath,
  bytes: z.number().int().nonnegative(),
  sha256: Sha256Hex,
});
export type BundleFile = z.infer<typeof BundleFile>;

export const BundleManifest = strictObject({
  format: z.literal(BUNDLE_FORMAT),
  /** The publish version the bundle carries (the folder `versions/<8 digits>/`). */
  version: z.number().int().min(1),
  /** SHA-256 of the publisher's public key (SPKI DER), hex: which publisher made it. */
  publisher: Sha256Hex,
  created: z.iso.datetime({ offset: true }),
  files: z.array(BundleFile).min(1).max(100_000),
});
export type BundleManifest = z.infer<typeof BundleManifest>;

/** Why a screen left a bundle alone; every kind changes nothing on the screen. */
export const RefusalKind = z.enum(['torn', 'tampered', 'older', 'other-publisher', 'no-key', 'disk', 'invalid']);
export type RefusalKind = z.infer<typeof RefusalKind>;

/** What a screen writes back to `returns/<screenId>/status.json` on every visit. */
export const ReturnsStatus = strictObject({
  screenId: z.string().min(1).max(64),
  at: z.iso.datetime({ offset: true }),
  /** The bundle on the stick, when its manifest could be read. */
  bundleVersion: z.number().int().nonnegative().nullable(),
  /** The version the screen plays after this visit. */
  version: z.number().int().nonnegative().nullable(),
  outcome: z.enum(['installed', 'current', 'refused']),
  refusal: z.strictObject({ kind: RefusalKind, reason: z.string().max(2000) }).nullable(),
  errors: z.array(z.string().max(2000)).max(50),
  freeDiskBytes: z.number().nonnegative().nullable(),
  /** Play records written back this visit (seq range), or null when none. */
  plays: z.strictObject({ records: z.number().int().nonnegative(), firstSeq: z.number().int(), lastSeq: z.number().int() }).nullable(),
});
export type ReturnsStatus = z.infer<typeof ReturnsStatus>;

export const versionFolderOf = (version: number): string => `versions/${String(version).padStart(8, '0')}`;
