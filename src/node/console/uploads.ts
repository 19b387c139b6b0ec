import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdir, open, readdir, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';
import type { StoredMedia } from '../../core/console/formats';
import { findVideoTrack, type VideoCheck } from '../../core/console/video-container';
import { err, ok, type Result } from '../../core/result';
import type { Failure } from '../../core/console/workflow';
import { writeFileAtomic } from '../atomic-file';
import { readJsonAs } from '../json-file';
import type { MediaLibrary } from './media-library';
import { keyedSerial } from './serial';

/** 4 MiB chunks: small enough to retry cheaply on a flaky office network. */
export const CHUNK_BYTES = 4 * 1024 * 1024;

/** An upload untouched (no chunk) for this long is abandoned: its part and record are removed. */
export const ABANDONED_MS = 24 * 3600_000;

const UploadMeta = z.strictObject({ id: z.string(), name: z.string(), bytes: z.number().int().positive(), startedAt: z.string().optional() });

export interface UploadState {
  readonly id: string;
  readonly bytes: number;
  readonly received: number;
  readonly chunkBytes: number;
  readonly maxBytes: number;
}

export interface Uploads {
  start(name: string, bytes: number): Promise<Result<UploadState, Failure>>;
  state(id: string): Promise<Result<UploadState, Failure>>;
  /** Appends a chunk that starts exactly where the stored bytes end (resume after any break). */
  chunk(id: string, offset: number, data: Uint8Array): Promise<Result<UploadState, Failure>>;
  /** Finds a video track in the container, hashes, stores by hash, makes a poster frame when ffmpeg is there. */
  finish(id: string): Promise<Result<StoredMedia, Failure>>;
  /** Removes uploads untouched for `ABANDONED_MS` and parts with no record; returns the ids removed. */
  sweep(): Promise<string[]>;
}

/** Whether the file holds a video track, reading only the boxes and elements that lead to it. */
export async function checkVideoFile(path: string): Promise<VideoCheck> {
  const handle = await open(path, 'r');
  try {
    const { size } = await handle.stat();
    const read = async (offset: number, length: number): Promise<Uint8Array> => {
      const buffer = Buffer.alloc(Math.max(0, Math.min(length, size - offset)));
      const { bytesRead } = await handle.read(buffer, 0, buffer.length, offset);
      return buffer.subarray(0, bytesRead);
    };
    return await findVideoTrack(read, size);
  } finally {
    await handle.close();
  }
}

const invalid = (message: string): Result<never, Failure> => err({ code: 'invalid', message });

/** A poster frame one second in (or the first frame of a shorter clip); undefined without ffmpeg. */
export function posterFrame(video: string, out: string, ffmpeg = 'ffmpeg'): Promise<boolean> {
  return new Promise((resolve) => {
    const child = spawn(ffmpeg, ['-v', 'error', '-y', '-ss', '1', '-i', video, '-frames:v', '1', '-f', 'image2', '-c:v', 'png', out], {
      stdio: 'ignore',
    });
    child.on('error', () => resolve(false));
    child.on('exit', (code) => resolve(code === 0));
  });
}

async function withPoster(media: MediaLibrary, stored: StoredMedia, dir: string): Promise<StoredMedia> {
  const file = media.fileOf(stored.path);
  if (!file) return stored;
  const out = join(dir, `poster-${randomBytes(6).toString('hex')}.png`);
  const made = (await posterFrame(file, out)) && (await stat(out).then((s) => s.size > 0, () => false));
  if (!made) {
    await rm(out, { force: true });
    return stored;
  }
  const poster = await media.addFile(out, 'image/png');
  return { ...stored, poster: poster.path };
}

interface UploadPaths {
  readonly dir: string;
  readonly meta: (id: string) => string;
  readonly part: (id: string) => string;
}

type Loaded = UploadState & { readonly name: string; readonly startedAt: number };

/** The upload's record and the bytes really on disk (never a count kept in memory). */
async function load(p: UploadPaths, id: string, maxBytes: number): Promise<Result<Loaded, Failure>> {
  if (!/^[a-f0-9]{32}$/.test(id)) return err({ code: 'not-found', message: 'no such upload' });
  const meta = await readJsonAs(p.meta(id), UploadMeta);
  if (!meta.ok) return err({ code: 'not-found', message: 'no such upload (finished, abandoned or never started)' });
  const received = await stat(p.part(id)).then((s) => s.size, () => 0);
  const startedAt = meta.value.startedAt ? Date.parse(meta.value.startedAt) : await stat(p.meta(id)).then((s) => s.mtimeMs, () => 0);
  return ok({ id, bytes: meta.value.bytes, name: meta.value.name, startedAt, received, chunkBytes: CHUNK_BYTES, maxBytes });
}

const strip = ({ id, bytes, received, chunkBytes, maxBytes }: UploadState): UploadState => ({ id, bytes, received, chunkBytes, maxBytes });

async function append(p: UploadPaths, s: Loaded, offset: number, data: Uint8Array): Promise<Result<UploadState, Failure>> {
  if (offset !== s.received) return err({ code: 'conflict', message: `expected the chunk at byte ${s.received}, got ${offset}` });
  if (offset + data.byteLength > s.bytes) return invalid('the chunk goes past the announced size');
  const handle = await open(p.part(s.id), 'a');
  await handle.write(data).finally(() => handle.sync().finally(() => handle.close()));
  return ok(strip({ ...s, received: offset + data.byteLength }));
}

async function store(p: UploadPaths, s: Loaded, media: MediaLibrary): Promise<Result<StoredMedia, Failure>> {
  if (s.received !== s.bytes) return invalid(`only ${s.received} of ${s.bytes} bytes arrived`);
  const video = await checkVideoFile(p.part(s.id));
  if (!video.ok) {
    await Promise.all([rm(p.part(s.id), { force: true }), rm(p.meta(s.id), { force: true })]);
    return invalid(`"${s.name}" is not a WebM or MP4 video: ${video.reason} (checked by its content, not its name)`);
  }
  const stored = await media.addFile(p.part(s.id), video.type);
  await rm(p.meta(s.id), { force: true });
  return ok(await withPoster(media, stored, p.dir));
}

/**
 * Resumable uploads in `dir`: `<id>.json` (name, size, start) and `<id>.part` (the bytes so far).
 * Every step on one upload runs in that upload's queue, so two chunks sent at once at the
 * same offset are checked one after the other against the part's real size: one is
 * appended, the other is told where the upload stands. `now` is the clock for abandonment.
 */
export function createUploads(dir: string, media: MediaLibrary, maxBytes: () => number, now: () => Date = () => new Date()): Uploads {
  const p: UploadPaths = { dir, meta: (id) => join(dir, `${id}.json`), part: (id) => join(dir, `${id}.part`) };
  const queue = keyedSerial();
  const touched = new Map<string, number>();
  const loaded = (id: string): Promise<Result<Loaded, Failure>> => load(p, id, maxBytes());
  const sweepOne = (id: string): Promise<boolean> =>
    queue(id, async () => {
      const s = await loaded(id);
      const last = s.ok ? Math.max(s.value.startedAt, touched.get(id) ?? 0) : 0;
      if (s.ok && last > now().getTime() - ABANDONED_MS) return false;
      await Promise.all([rm(p.part(id), { force: true }), rm(p.meta(id), { force: true })]);
      touched.delete(id);
      return true;
    });
  return {
    async start(name, bytes) {
      if (bytes > maxBytes()) return invalid(`the file is ${bytes} bytes; the limit is ${maxBytes()} bytes`);
      await mkdir(dir, { recursive: true });
      const id = randomBytes(16).toString('hex');
      await writeFileAtomic(p.meta(id), JSON.stringify({ id, name, bytes, startedAt: now().toISOString() }));
      await writeFileAtomic(p.part(id), new Uint8Array());
      return ok({ id, bytes, received: 0, chunkBytes: CHUNK_BYTES, maxBytes: maxBytes() });
    },
    state: async (id) => {
      const s = await loaded(id);
      return s.ok ? ok(strip(s.value)) : s;
    },
    chunk: (id, offset, data) =>
      queue(id, async () => {
        const s = await loaded(id);
        if (!s.ok) return s;
        touched.set(id, now().getTime());
        return append(p, s.value, offset, data);
      }),
    finish: (id) =>
      queue(id, async () => {
        const s = await loaded(id);
        if (!s.ok) return s;
        touched.delete(id);
        return store(p, s.value, media);
      }),
    async sweep() {
      const names = await readdir(dir).catch(() => [] as string[]);
      const ids = [...new Set(names.flatMap((n) => /^([a-f0-9]{32})\.(json|part)$/.exec(n)?.[1] ?? []))];
      const removed = await Promise.all(ids.map(async (id) => ((await sweepOne(id)) ? [id] : [])));
      return removed.flat();
    },
  };
}
