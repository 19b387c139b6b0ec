import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { findVideoTrack, type ByteReader } from '../../src/core/console/video-container';

const reader = (bytes: Uint8Array): ByteReader => async (offset, length) => bytes.subarray(offset, offset + length);
const check = (bytes: Uint8Array) => findVideoTrack(reader(bytes), bytes.length);

// ---- ISO-BMFF, box by box ----
const u32 = (n: number): Buffer => {
  const b = Buffer.alloc(4);
  b.writeUInt32BE(n);
  return b;
};
const box = (type: string, ...content: Buffer[]): Buffer => {
  const body = Buffer.concat(content);
  return Buffer.concat([u32(8 + body.length), Buffer.from(type, 'latin1'), body]);
};
/** A box with a 64-bit size (size field 1), as large mdat boxes have. */
const largeBox = (type: string, body: Buffer): Buffer => {
  const size = Buffer.alloc(8);
  size.writeBigUInt64BE(BigInt(16 + body.length));
  return Buffer.concat([u32(1), Buffer.from(type, 'latin1'), size, body]);
};
const hdlr = (handler: string): Buffer => box('hdlr', Buffer.alloc(8), Buffer.from(handler, 'latin1'), Buffer.alloc(12), Buffer.from('name\0'));
const trak = (handler: string): Buffer => box('trak', box('tkhd', Buffer.alloc(84)), box('mdia', box('mdhd', Buffer.alloc(24)), hdlr(handler)));
const ftyp = (brand = 'isom'): Buffer => box('ftyp', Buffer.from(brand, 'latin1'), u32(512), Buffer.from('isomiso2avc1mp41'));

// ---- EBML, element by element (sizes under 127 bytes: one-byte size) ----
const el = (id: number[], ...content: Buffer[]): Buffer => {
  const body = Buffer.concat(content);
  return Buffer.concat([Buffer.from(id), Buffer.from([0x80 | body.length]), body]);
};
const UNKNOWN_SIZE = Buffer.from([0x01, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff]);
const ebmlHeader = (docType: string): Buffer => el([0x1a, 0x45, 0xdf, 0xa3], el([0x42, 0x86], Buffer.from([1])), el([0x42, 0x82], Buffer.from(docType)));
const tracks = (...types: number[]): Buffer => el([0x16, 0x54, 0xae, 0x6b], ...types.map((t, i) => el([0xae], el([0xd7], Buffer.from([i + 1])), el([0x83], Buffer.from([t])))));
const info = el([0x15, 0x49, 0xa9, 0x66], el([0x2a, 0xd7, 0xb1], Buffer.from([0x0f, 0x42, 0x40])));
const cluster = (unknownSize: boolean): Buffer =>
  unknownSize ? Buffer.concat([Buffer.from([0x1f, 0x43, 0xb6, 0x75]), UNKNOWN_SIZE, el([0xe7], Buffer.from([0]))]) : el([0x1f, 0x43, 0xb6, 0x75], el([0xe7], Buffer.from([0])));
const webm = (docType: string, ...segment: Buffer[]): Buffer => Buffer.concat([ebmlHeader(docType), Buffer.from([0x18, 0x53, 0x80, 0x67]), UNKNOWN_SIZE, ...segment]);

describe('uploads are videos by their container, not their first bytes', () => {
  it('accepts every video of the bundled pack', async () => {
    const dir = join(import.meta.dirname, '../../playlists/pack/media');
    const videos = readdirSync(dir).filter((n) => n.endsWith('.webm'));
    expect(videos.length).toBeGreaterThan(5);
    for (const name of videos) expect(await check(readFileSync(join(dir, name))), name).toEqual({ ok: true, type: 'video/webm' });
  });

  it('accepts an MP4 with a video track, its track list after the media data, sizes 32- or 64-bit', async () => {
    expect(await check(Buffer.concat([ftyp(), box('mdat', Buffer.alloc(5000)), box('moov', box('mvhd', Buffer.alloc(100)), trak('soun'), trak('vide'))]))).toEqual({ ok: true, type: 'video/mp4' });
    expect(await check(Buffer.concat([ftyp('mp42'), largeBox('mdat', Buffer.alloc(3000)), box('moov', trak('vide'))]))).toEqual({ ok: true, type: 'video/mp4' });
  });

  it('refuses "ftypisom" followed by zeros, naming the reason', async () => {
    const fake = Buffer.concat([u32(0x20), Buffer.from('ftypisom'), Buffer.alloc(20), Buffer.alloc(100_000)]);
    expect(await check(fake)).toEqual({ ok: false, reason: 'it has no MP4 track list (moov box)' });
  });

  it('refuses an MP4 with sound only, a box cut off, or a brand that is not video', async () => {
    expect(await check(Buffer.concat([ftyp(), box('moov', trak('soun'))]))).toEqual({ ok: false, reason: 'its MP4 tracks are "soun", none a video' });
    expect(await check(Buffer.concat([ftyp(), box('moov')]))).toEqual({ ok: false, reason: 'its MP4 track list holds no track' });
    const cut = Buffer.concat([ftyp(), box('moov', trak('vide'))]);
    expect(await check(cut.subarray(0, cut.length - 10))).toEqual({ ok: false, reason: `its box at byte ${ftyp().length} is cut off or runs past the end of the file` });
    expect(await check(Buffer.concat([ftyp('M4A '), box('moov', trak('soun'))]))).toEqual({ ok: false, reason: 'its MP4 brand "M4A " is not one of a video' });
  });

  it('accepts a WebM whose Tracks hold a video track, before or after other elements', async () => {
    expect(await check(webm('webm', info, tracks(2, 1), cluster(true)))).toEqual({ ok: true, type: 'video/webm' });
    expect(await check(webm('webm', info, cluster(false), tracks(1)))).toEqual({ ok: true, type: 'video/webm' });
  });

  it('refuses a WebM with audio only, a Matroska DocType, clusters before any Tracks, or no Tracks', async () => {
    expect(await check(webm('webm', info, tracks(2), cluster(true)))).toEqual({ ok: false, reason: 'its WebM tracks are of types 2, none a video (1)' });
    expect(await check(webm('matroska', info, tracks(1)))).toEqual({ ok: false, reason: 'its EBML DocType is "matroska", not "webm"' });
    expect(await check(webm('webm', info, cluster(true), tracks(1)))).toEqual({ ok: false, reason: 'its first WebM cluster comes before any Tracks element' });
    expect(await check(webm('webm', info))).toEqual({ ok: false, reason: 'it has no WebM Tracks element' });
    expect(await check(Buffer.concat([Buffer.from([0x1a, 0x45, 0xdf, 0xa3]), Buffer.alloc(4000)]))).toEqual({ ok: false, reason: 'its EBML header is cut off or too large' });
  });

  it('refuses anything else, whatever it is called', async () => {
    expect(await check(Buffer.from('<html><script>alert(1)</script></html>'))).toEqual({ ok: false, reason: 'it is neither a WebM nor an MP4 file' });
    expect(await check(Buffer.alloc(0))).toEqual({ ok: false, reason: 'it is neither a WebM nor an MP4 file' });
  });
});
