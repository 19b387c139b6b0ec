/**
 * Whether an uploaded file is a video, by its structure rather than its first bytes: an
 * MP4 (ISO-BMFF) must list a track whose handler is `vide` (moov → trak → mdia → hdlr), a
 * WebM (EBML, DocType "webm") a TrackEntry of TrackType 1 (Segment → Tracks → TrackEntry).
 * The file is read through `read` at the offsets the boxes and elements name, so a moov at
 * the end of a large file costs a few header reads, not the file. A refusal says why.
 */
export type ByteReader = (offset: number, length: number) => Promise<Uint8Array>;
export type VideoCheck = { readonly ok: true; readonly type: 'video/webm' | 'video/mp4' } | { readonly ok: false; readonly reason: string };

/** The track list of a real video is kilobytes to a few megabytes; a larger one is refused rather than read. */
const MAX_INDEX_BYTES = 32 * 1024 * 1024;
/** Top-level boxes or Segment children walked before giving up (a file of a million tiny boxes). */
const MAX_STEPS = 100_000;

const refuse = (reason: string): VideoCheck => ({ ok: false, reason });
const ascii = (b: Uint8Array, from: number, to: number): string => String.fromCharCode(...b.subarray(from, to));
const u32 = (b: Uint8Array, at: number): number => (((b[at] ?? 0) << 24) >>> 0) + ((b[at + 1] ?? 0) << 16) + ((b[at + 2] ?? 0) << 8) + (b[at + 3] ?? 0);

const MP4_BRANDS = /^(isom|iso[2-9]|mp41|mp42|avc1|dash|M4V |mmp4|f4v )$/;

export async function findVideoTrack(read: ByteReader, size: number): Promise<VideoCheck> {
  const head = await read(0, 12);
  if (head.length >= 4 && head[0] === 0x1a && head[1] === 0x45 && head[2] === 0xdf && head[3] === 0xa3) return webm(read, size);
  if (head.length >= 12 && ascii(head, 4, 8) === 'ftyp') {
    const brand = ascii(head, 8, 12);
    return MP4_BRANDS.test(brand) ? mp4(read, size) : refuse(`its MP4 brand "${brand}" is not one of a video`);
  }
  return refuse('it is neither a WebM nor an MP4 file');
}

// ---- ISO-BMFF ----

interface Box { readonly type: string; readonly start: number; readonly body: number; readonly end: number }

/** The box at `at` in `bytes` (or undefined when its header does not fit or its size is impossible). */
function boxAt(bytes: Uint8Array, at: number, limit: number): Box | undefined {
  if (at + 8 > bytes.length) return undefined;
  const small = u32(bytes, at);
  const type = ascii(bytes, at + 4, at + 8);
  let header = 8;
  let length = small;
  if (small === 1) {
    if (at + 16 > bytes.length) return undefined;
    length = u32(bytes, at + 8) * 2 ** 32 + u32(bytes, at + 12);
    header = 16;
  } else if (small === 0) {
    length = limit - at;
  }
  if (length < header || at + length > limit) return undefined;
  return { type, start: at, body: at + header, end: at + length };
}

function childBoxes(bytes: Uint8Array, from: number, to: number): Box[] {
  const boxes: Box[] = [];
  for (let at = from; at < to;) {
    const box = boxAt(bytes, at, to);
    if (!box) break;
    boxes.push(box);
    at = box.end;
  }
  return boxes;
}

/** The handler types (`vide`, `soun`, `text` …) of every trak in a moov box's bytes. */
export function trackHandlers(moov: Uint8Array): string[] {
  const inside = (box: Box, type: string): Box[] => childBoxes(moov, box.body, box.end).filter((b) => b.type === type);
  const root = boxAt(moov, 0, moov.length);
  if (!root) return [];
  return inside(root, 'trak')
    .flatMap((trak) => inside(trak, 'mdia'))
    .flatMap((mdia) => inside(mdia, 'hdlr'))
    // hdlr: version and flags (4), pre_defined (4), then the handler type.
    .map((hdlr) => (hdlr.body + 12 <= hdlr.end ? ascii(moov, hdlr.body + 8, hdlr.body + 12) : ''));
}

async function mp4(read: ByteReader, size: number): Promise<VideoCheck> {
  let at = 0;
  for (let step = 0; at < size && step < MAX_STEPS; step++) {
    const box = boxAt(await read(at, 16), 0, size - at);
    if (!box) return refuse(`its box at byte ${at} is cut off or runs past the end of the file`);
    if (box.type === 'moov') {
      if (box.end > MAX_INDEX_BYTES) return refuse(`its track list (moov) is larger than ${MAX_INDEX_BYTES} bytes`);
      const handlers = trackHandlers(await read(at, box.end));
      if (handlers.includes('vide')) return { ok: true, type: 'video/mp4' };
      return refuse(handlers.length === 0 ? 'its MP4 track list holds no track' : `its MP4 tracks are ${handlers.map((h) => `"${h}"`).join(', ')}, none a video`);
    }
    at += box.end;
  }
  return refuse('it has no MP4 track list (moov box)');
}

// ---- EBML (WebM) ----

const EBML_HEADER = 0x1a45dfa3;
const DOC_TYPE = 0x4282;
const SEGMENT = 0x18538067;
const TRACKS = 0x1654ae6b;
const TRACK_ENTRY = 0xae;
const TRACK_TYPE = 0x83;
const CLUSTER = 0x1f43b675;

interface Element { readonly id: number; readonly body: number; readonly end: number | undefined }

/** An EBML variable-length integer at `at`: its length in bytes and value (marker bit kept for ids). */
function vint(b: Uint8Array, at: number, keepMarker: boolean): { length: number; value: number; unknown: boolean } | undefined {
  const first = b[at];
  if (first === undefined || first === 0) return undefined;
  const length = Math.clz32(first) - 23;
  if (length > 8 || at + length > b.length) return undefined;
  let value = keepMarker ? first : first & (0xff >> length);
  let allOnes = value === (0xff >> length);
  for (let i = 1; i < length; i++) {
    const byte = b[at + i] ?? 0;
    value = value * 256 + byte;
    allOnes &&= byte === 0xff;
  }
  return { length, value, unknown: !keepMarker && allOnes };
}

/** The element whose header starts at `at` of `bytes` (`base` is its file offset); `end` undefined for an unknown size. */
function elementAt(bytes: Uint8Array, at: number, base: number): Element | undefined {
  const id = vint(bytes, at, true);
  if (!id || id.length > 4) return undefined;
  const size = vint(bytes, at + id.length, false);
  if (!size) return undefined;
  const body = base + at + id.length + size.length;
  return { id: id.value, body, end: size.unknown ? undefined : body + size.value };
}

/** Children of the element spanning `bytes` from `from` to `to` (offsets within `bytes`). */
function children(bytes: Uint8Array, from: number, to: number): { id: number; body: number; end: number }[] {
  const out: { id: number; body: number; end: number }[] = [];
  for (let at = from; at < to;) {
    const e = elementAt(bytes, at, 0);
    if (!e || e.end === undefined || e.end > to) break;
    out.push({ id: e.id, body: e.body, end: e.end });
    at = e.end;
  }
  return out;
}

const uint = (b: Uint8Array, from: number, to: number): number => b.subarray(from, to).reduce((v, x) => v * 256 + x, 0);

/** TrackType of every TrackEntry in a Tracks element's body (1 video, 2 audio, 17 subtitles …). */
export function trackTypes(tracksBody: Uint8Array): number[] {
  return children(tracksBody, 0, tracksBody.length)
    .filter((e) => e.id === TRACK_ENTRY)
    .flatMap((entry) => children(tracksBody, entry.body, entry.end).filter((e) => e.id === TRACK_TYPE))
    .map((t) => uint(tracksBody, t.body, t.end));
}

async function webm(read: ByteReader, size: number): Promise<VideoCheck> {
  const first = await read(0, 64);
  const header = elementAt(first, 0, 0);
  if (!header || header.id !== EBML_HEADER || header.end === undefined || header.end > Math.min(size, 4096)) return refuse('its EBML header is cut off or too large');
  const headerBytes = await read(0, header.end);
  const docType = children(headerBytes, header.body, header.end).find((e) => e.id === DOC_TYPE);
  const kind = docType ? ascii(headerBytes, docType.body, docType.end).replace(/\0+$/, '') : '';
  if (kind !== 'webm') return refuse(`its EBML DocType is "${kind}", not "webm"`);
  const segment = elementAt(await read(header.end, 16), 0, header.end);
  if (!segment || segment.id !== SEGMENT) return refuse('it has no WebM Segment after its header');
  const end = Math.min(size, segment.end ?? size);
  let at = segment.body;
  for (let step = 0; at < end && step < MAX_STEPS; step++) {
    const e = elementAt(await read(at, 16), 0, at);
    if (!e) return refuse(`its WebM element at byte ${at} is cut off`);
    if (e.id === TRACKS) {
      if (e.end === undefined || e.end > end || e.end - e.body > MAX_INDEX_BYTES) return refuse('its WebM Tracks element has no usable size');
      const types = trackTypes(await read(e.body, e.end - e.body));
      if (types.includes(1)) return { ok: true, type: 'video/webm' };
      return refuse(types.length === 0 ? 'its WebM Tracks hold no track' : `its WebM tracks are of types ${types.join(', ')}, none a video (1)`);
    }
    if (e.end === undefined) return refuse(e.id === CLUSTER ? 'its first WebM cluster comes before any Tracks element' : `its WebM element at byte ${at} has an unknown size`);
    at = e.end;
  }
  return refuse('it has no WebM Tracks element');
}
