import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdir, open, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';
import type { StoredMedia } from '../../core/console/formats';
import { sniffMedia } from '../../core/console/media-kind';
import { err, ok, type Result } from '../../core/result';
import type { Failure } from '../../core/console/workflow';
import { writeFileAtomic } from '../atomic-file';
import { readJsonAs } from '../json-file';
import type { MediaLibrary } from './media-library';

/** 4 MiB chunks: small enough to retry cheaply on a flaky office network. */
export const CHUNK_BYTES = 4 * 1024 * 1024;

const UploadMeta = z.strictObject({ id: z.string(), name: z.string(), bytes: z.number().int().positive() });

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
  /** Checks magic bytes, hashes, stores by hash, makes a poster frame when ffmpeg is there. */
  finish(id: string): Promise<Result<StoredMedia, Failure>>;
}

async function readHead(path: string): Promise<Uint8Array> {
  const handle = await open(path, 'r');
  try {
    const buffer = Buffer.alloc(4096);
    const { bytesRead } = await handle.read(buffer, 0, buffer.length, 0);
    return buffer.subarray(0, bytesRead);
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

export function createUploads(dir: string, media: MediaLibrary, maxBytes: () => number): Uploads {
  const metaPath = (id: string): string => join(dir, `${id}.json`);
  const partPath = (id: string): string => join(dir, `${id}.part`);
  const load = async (id: string): Promise<Result<UploadState & { name: string }, Failure>> => {
    if (!/^[a-f0-9]{32}$/.test(id)) return err({ code: 'not-found', message: 'no such upload' });
    const meta = await readJsonAs(metaPath(id), UploadMeta);
    if (!meta.ok) return err({ code: 'not-found', message: 'no such upload' });
    const received = await stat(partPath(id)).then((s) => s.size, () => 0);
    return ok({ ...meta.value, received, chunkBytes: CHUNK_BYTES, maxBytes: maxBytes() });
  };
  const strip = ({ id, bytes, received, chunkBytes, maxBytes: max }: UploadState): UploadState => ({ id, bytes, received, chunkBytes, maxBytes: max });
  return {
    async start(name, bytes) {
      if (bytes > maxBytes()) return invalid(`the file is ${bytes} bytes; the limit is ${maxBytes()} bytes`);
      await mkdir(dir, { recursive: true });
      const id = randomBytes(16).toString('hex');
      await writeFileAtomic(metaPath(id), JSON.stringify({ id, name, bytes }));
      await writeFileAtomic(partPath(id), new Uint8Array());
      return ok({ id, bytes, received: 0, chunkBytes: CHUNK_BYTES, maxBytes: maxBytes() });
    },
    state: async (id) => {
      const s = await load(id);
      return s.ok ? ok(strip(s.value)) : s;
    },
    async chunk(id, offset, data) {
      const s = await load(id);
      if (!s.ok) return s;
      if (offset !== s.value.received) {
        return err({ code: 'conflict', message: `expected the chunk at byte ${s.value.received}, got ${offset}` });
      }
      if (offset + data.byteLength > s.value.bytes) return invalid('the chunk goes past the announced size');
      const handle = await open(partPath(id), 'a');
      await handle.write(data).finally(() => handle.sync().finally(() => handle.close()));
      return ok(strip({ ...s.value, received: offset + data.byteLength }));
    },
    async finish(id) {
      const s = await load(id);
      if (!s.ok) return s;
      if (s.value.received !== s.value.bytes) return invalid(`only ${s.value.received} of ${s.value.bytes} bytes arrived`);
      const head = await readHead(partPath(id));
      const type = sniffMedia(head);
      if (type !== 'video/webm' && type !== 'video/mp4') {
        await Promise.all([rm(partPath(id), { force: true }), rm(metaPath(id), { force: true })]);
        return invalid(`"${s.value.name}" is not a WebM or MP4 video (checked by its content, not its name)`);
      }
      const stored = await media.addFile(partPath(id), type);
      await rm(metaPath(id), { force: true });
      return ok(await withPoster(media, stored, dir));
    },
  };
}
