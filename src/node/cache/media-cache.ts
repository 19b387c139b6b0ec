import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { mkdir, open, readdir, rename, stat, unlink, utimes } from 'node:fs/promises';
import { join } from 'node:path';
import { planEviction, type CacheEntryInfo } from '../../core/feed/cache-plan';
import { stableHash } from '../../core/feed/stable-id';
import { isSha256Hex } from '../../core/model/sha256';
import { err, ok, type Result } from '../../core/result';
import { fsyncDir } from '../atomic-file';
import type { GetOptions, HttpClient, OpenResponse } from '../feed/http-client';

export interface MediaCache {
  readonly dir: string;
  /** Absolute path of a verified entry, else undefined. */
  verifiedPath(sha256: string): string | undefined;
  /** Hashes the entries on disk (once per process); corrupt ones are deleted. */
  verify(sha256: string): Promise<boolean>;
  /** Downloads (resuming a partial file) and stores under the content's SHA-256. */
  download(url: string, expectedSha: string | undefined, options: GetOptions, maxBytes: number): Promise<Result<string>>;
  touch(sha256: string, now: Date): Promise<void>;
  usage(): Promise<readonly CacheEntryInfo[]>;
  evict(needed: ReadonlySet<string>, quotaBytes: number): Promise<readonly string[]>;
}


export async function hashFile(path: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(path)) hash.update(chunk as Buffer);
  return hash.digest('hex');
}

/** Appends (206 from where we were) or starts over (200), never past the cap. */
async function writeBody(res: OpenResponse, part: string, had: number, maxBytes: number): Promise<Result<void>> {
  const resumed = res.status === 206 && new RegExp(`^bytes ${had}-`).test(res.header('content-range') ?? '');
  if (res.status !== 200 && !resumed) return err(`HTTP ${res.status}`);
  const handle = await open(part, resumed ? 'a' : 'w');
  try {
    let total = resumed ? had : 0;
    for await (const chunk of res.body) {
      total += chunk.byteLength;
      if (total > maxBytes) {
        await handle.truncate(0);
        return err(`media file is over the cap of ${maxBytes} bytes`);
      }
      await handle.write(chunk);
    }
    await handle.sync();
    return ok(undefined);
  } finally {
    await handle.close();
  }
}

export function createMediaCache(dir: string, client: HttpClient): MediaCache {
  const partDir = join(dir, 'partial');
  const verified = new Set<string>();
  const pathOf = (sha: string): string => join(dir, sha);

  async function verify(sha: string): Promise<boolean> {
    if (verified.has(sha)) return true;
    if (!isSha256Hex(sha)) return false;
    try {
      if ((await hashFile(pathOf(sha))) === sha) {
        verified.add(sha);
        return true;
      }
      await unlink(pathOf(sha)).catch(() => undefined);
    } catch {
      // Missing: fetched again by the next sync.
    }
    return false;
  }

  async function finish(part: string, expectedSha: string | undefined): Promise<Result<string>> {
    const sha = await hashFile(part);
    if (expectedSha && sha !== expectedSha) {
      await unlink(part).catch(() => undefined);
      return err(`downloaded file does not match its published SHA-256 (got ${sha.slice(0, 12)}…)`);
    }
    await rename(part, pathOf(sha));
    await fsyncDir(dir);
    verified.add(sha);
    return ok(sha);
  }

  const cache: MediaCache = {
    dir,
    verifiedPath: (sha) => (verified.has(sha) ? pathOf(sha) : undefined),
    verify,
    async download(url, expectedSha, options, maxBytes) {
      if (expectedSha && (await verify(expectedSha))) return ok(expectedSha);
      await mkdir(partDir, { recursive: true });
      const part = join(partDir, `${stableHash(url)}${expectedSha ? `-${expectedSha.slice(0, 16)}` : ''}.part`);
      const had = await stat(part).then((s) => s.size, () => 0);
      const headers = had > 0 ? { ...options.headers, range: `bytes=${had}-` } : options.headers;
      const got = await client.get(url, { ...options, ...(headers ? { headers } : {}) }, (res) =>
        writeBody(res, part, had, maxBytes),
      );
      if (!got.ok) return got;
      return finish(part, expectedSha);
    },
    async touch(sha, now) {
      await utimes(pathOf(sha), now, now).catch(() => undefined);
    },
    async usage() {
      const names = await readdir(dir).catch(() => [] as string[]);
      const infos: CacheEntryInfo[] = [];
      for (const name of names.filter(isSha256Hex)) {
        const s = await stat(pathOf(name)).catch(() => undefined);
        if (s?.isFile()) infos.push({ sha256: name, bytes: s.size, usedAt: s.mtimeMs });
      }
      return infos;
    },
    async evict(needed, quotaBytes) {
      const victims = planEviction(await cache.usage(), needed, quotaBytes);
      for (const sha of victims) {
        verified.delete(sha);
        await unlink(pathOf(sha)).catch(() => undefined);
      }
      return victims;
    },
  };
  return cache;
}
