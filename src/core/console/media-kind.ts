import type { MediaType } from './publish-plan';

const startsWith = (bytes: Uint8Array, sig: readonly number[], at = 0): boolean =>
  sig.every((b, i) => bytes[at + i] === b);

const ascii = (bytes: Uint8Array, from: number, to: number): string =>
  String.fromCharCode(...bytes.subarray(from, Math.min(to, bytes.length)));

/**
 * The media type from a file's first bytes (at least 4 KiB when there are), never its
 * name: WebM is EBML whose DocType is "webm"; MP4 has an `ftyp` box first.
 */
export function sniffMedia(head: Uint8Array): MediaType | undefined {
  if (startsWith(head, [0x1a, 0x45, 0xdf, 0xa3])) {
    // The DocType element (id 0x4282, a one-byte size 0x84) holds "webm"; Matroska says "matroska".
    return /\u0042\u0082\u0084webm/.test(ascii(head, 0, 4096)) ? 'video/webm' : undefined;
  }
  if (ascii(head, 4, 8) === 'ftyp') {
    const brand = ascii(head, 8, 12);
    return /^(isom|iso[2-9]|mp41|mp42|avc1|dash|M4V |mmp4|f4v )$/.test(brand) ? 'video/mp4' : undefined;
  }
  if (startsWith(head, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return 'image/png';
  if (startsWith(head, [0xff, 0xd8, 0xff])) return 'image/jpeg';
  return undefined;
}

/** WebVTT must start with the "WEBVTT" line (after an optional BOM). */
export const isWebVtt = (text: string): boolean => /^\uFEFF?WEBVTT(?:[ \t].*)?(?:\r?\n|$)/.test(text);
