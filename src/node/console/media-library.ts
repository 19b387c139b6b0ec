import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { copyFile, mkdir, open, readdir, rename, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import type { StoredMedia } from '../../core/console/formats';
import { mediaFileName } from '../../core/console/feed-documents';
import type { MediaFacts, MediaType } from '../../core/console/publish-plan';
import { fsyncDir, tempPathFor, writeFileAtomic } from '../atomic-file';

/** Media in the library folder, each named `<sha256>.<ext>`, referred to by items as `media/<name>`. */
export interface MediaLibrary {
  readonly dir: string;
  facts(): ReadonlyMap<string, MediaFacts>;
  /** Moves (or copies) a file in, named by its hash; the same content twice is stored once. */
  addFile(path: string, type: MediaType, options?: { copy?: boolean }): Promise<StoredMedia>;
  addBytes(bytes: Uint8Array, type: MediaType): Promise<StoredMedia>;
  fileOf(ref: string): string | undefined;
}

export const MEDIA_REF_PREFIX = 'media/';

const TYPES: Readonly<Record<string, MediaType>> = {
  webm: 'video/webm', mp4: 'video/mp4', png: 'image/png', jpg: 'image/jpeg', vtt: 'text/vtt',
};

export async function sha256OfFile(path: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(path)) hash.update(chunk as Buffer);
  return hash.digest('hex');
}

async function scan(dir: string): Promise<Map<string, MediaFacts>> {
  const facts = new Map<string, MediaFacts>();
  for (const name of await readdir(dir).catch(() => [] as string[])) {
    const match = /^([0-9a-f]{64})\.([a-z0-9]+)$/.exec(name);
    const type = match ? TYPES[match[2] ?? ''] : undefined;
    if (!match || !type) continue;
    const { size } = await stat(join(dir, name));
    facts.set(MEDIA_REF_PREFIX + name, { sha256: match[1] ?? '', bytes: size, type });
  }
  return facts;
}

export async function openMediaLibrary(dir: string): Promise<MediaLibrary> {
  await mkdir(dir, { recursive: true });
  const facts = await scan(dir);
  const record = (sha256: string, bytes: number, type: MediaType): StoredMedia => {
    const name = mediaFileName({ sha256, type });
    facts.set(MEDIA_REF_PREFIX + name, { sha256, bytes, type });
    return { path: MEDIA_REF_PREFIX + name, sha256, bytes, type };
  };
  return {
    dir,
    facts: () => facts,
    fileOf: (ref) => (facts.has(ref) ? join(dir, ref.slice(MEDIA_REF_PREFIX.length)) : undefined),
    async addFile(path, type, options) {
      const sha256 = await sha256OfFile(path);
      const { size } = await stat(path);
      const target = join(dir, mediaFileName({ sha256, type }));
      if (options?.copy) {
        const temp = tempPathFor(target);
        await copyFile(path, temp);
        const handle = await open(temp, 'r+');
        await handle.sync().finally(() => handle.close());
        await rename(temp, target);
      } else {
        await rename(path, target);
      }
      await fsyncDir(dir);
      return record(sha256, size, type);
    },
    async addBytes(bytes, type) {
      const sha256 = createHash('sha256').update(bytes).digest('hex');
      await writeFileAtomic(join(dir, mediaFileName({ sha256, type })), bytes);
      return record(sha256, bytes.byteLength, type);
    },
  };
}

export const removeQuietly = (path: string): Promise<void> => rm(path, { force: true });
