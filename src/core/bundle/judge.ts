import { err, ok, type Result } from '../result';
import { BundleManifest, versionFolderOf, type BundleFile, type RefusalKind } from './manifest';

/**
 * What a screen decides about a bundle on a stick, apart from reading and hashing it: the
 * edge collects facts (the manifest text, whether its signature holds, sizes and hashes,
 * free disk) and these say whether to take it and, when not, why.
 */
export interface Refusal {
  readonly kind: RefusalKind;
  readonly reason: string;
}

const refuse = (kind: RefusalKind, reason: string): Result<never, Refusal> => err({ kind, reason });

export interface ManifestFacts {
  /** manifest.json's text, or undefined when it is not on the stick. */
  readonly manifestText: string | undefined;
  /** manifest.json.sig's text, or undefined when it is not on the stick. */
  readonly signatureText: string | undefined;
  /** The configured publisher key's fingerprint; undefined: no key configured. */
  readonly publisher: string | undefined;
  /** Whether the signature holds over manifestText for the configured key. */
  readonly signatureValid: (manifestText: string, signatureText: string) => boolean;
}

function parseManifest(text: string): Result<BundleManifest, Refusal> {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    // A manifest cut short is the usual sign of a stick pulled while it was written.
    return refuse('torn', 'manifest.json is not complete JSON (the stick was pulled while it was written?)');
  }
  const parsed = BundleManifest.safeParse(json);
  if (!parsed.success) {
    const first = parsed.error.issues[0];
    return refuse('invalid', `manifest.json: ${first?.path.join('.') || '(root)'}: ${first?.message ?? 'not a bundle manifest'}`);
  }
  const folder = `${versionFolderOf(parsed.data.version)}/`;
  const stray = parsed.data.files.find((f) => !f.path.startsWith(folder) && !f.path.startsWith('media/'));
  return stray ? refuse('invalid', `manifest.json: ${stray.path} is neither in ${folder} nor in media/`) : ok(parsed.data);
}

/** The manifest, when it is whole, from the configured publisher and signed by its key. */
export function judgeManifest(f: ManifestFacts): Result<BundleManifest, Refusal> {
  if (f.manifestText === undefined) return refuse('torn', 'no manifest.json: the bundle is incomplete (the stick was pulled while it was written?)');
  if (!f.publisher) return refuse('no-key', 'this screen has no publisher key configured (feeds.publicKey), so no bundle can be trusted');
  const manifest = parseManifest(f.manifestText);
  if (!manifest.ok) return manifest;
  if (manifest.value.publisher !== f.publisher) {
    return refuse('other-publisher', `the bundle is from another publisher (key ${manifest.value.publisher.slice(0, 16)}…, this screen trusts ${f.publisher.slice(0, 16)}…)`);
  }
  if (f.signatureText === undefined) return refuse('torn', 'no manifest.json.sig: the bundle is incomplete');
  if (!f.signatureValid(f.manifestText, f.signatureText)) {
    return refuse('tampered', 'manifest.json does not match its signature for the configured publisher key');
  }
  return manifest;
}

/** Older or the same as what the screen plays (from a stick or a feed): nothing to take. */
export function judgeVersion(manifest: BundleManifest, held: number | null): 'newer' | 'same' | Refusal {
  if (held === null || manifest.version > held) return 'newer';
  if (manifest.version === held) return 'same';
  return { kind: 'older', reason: `the bundle holds version ${manifest.version}, older than version ${held} this screen already has` };
}

/** What the edge found of one file: its size, and its hash when it was read in full. */
export interface FileFact {
  readonly bytes: number;
  readonly sha256?: string;
}

/** Missing or cut short: torn; the right size with other bytes: tampered. */
export function judgeFile(expected: BundleFile, found: FileFact | undefined): Refusal | null {
  if (!found) return { kind: 'torn', reason: `${expected.path} is missing (the stick was pulled while it was written?)` };
  if (found.bytes < expected.bytes) return { kind: 'torn', reason: `${expected.path} is cut short: ${found.bytes} of ${expected.bytes} bytes` };
  if (found.bytes !== expected.bytes) return { kind: 'tampered', reason: `${expected.path} is ${found.bytes} bytes, the manifest says ${expected.bytes}` };
  if (found.sha256 !== undefined && found.sha256 !== expected.sha256) {
    return { kind: 'tampered', reason: `${expected.path} does not match its SHA-256 in the manifest (changed on the stick)` };
  }
  return null;
}

/** Room for the new copy beside the last good one, with a margin left for the play log and the OS. */
export function judgeDisk(manifest: BundleManifest, freeBytes: number | null, reserveBytes: number): Refusal | null {
  if (freeBytes === null) return null;
  const need = manifest.files.reduce((n, f) => n + f.bytes, 0);
  return need + reserveBytes <= freeBytes
    ? null
    : { kind: 'disk', reason: `not enough disk: the bundle needs ${need} bytes plus ${reserveBytes} kept free, ${freeBytes} are free` };
}

/** A screen with both a stick and a feed plays whichever signed version is newer; the feed on a tie. */
export const newerSource = (bundleVersion: number | null, feedVersion: number | null): 'bundle' | 'feed' =>
  bundleVersion !== null && (feedVersion === null || bundleVersion > feedVersion) ? 'bundle' : 'feed';

/** Media files the documents name: every `media/<sha>.*` whose hash appears in a document's text. */
export function referencedMedia(documents: readonly string[], mediaNames: readonly string[]): string[] {
  const text = documents.join('\n');
  return mediaNames.filter((name) => {
    const sha = /^([0-9a-f]{64})\./.exec(name)?.[1];
    return sha !== undefined && text.includes(sha);
  });
}
