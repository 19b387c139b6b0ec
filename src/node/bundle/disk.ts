import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { mkdir, open, rename, statfs, unlink } from 'node:fs/promises';
import { dirname } from 'node:path';
import { fsyncDir, tempPathFor } from '../atomic-file';

/** SHA-256 of the publisher's public key (base64 SPKI DER), hex: the bundle's `publisher`. */
export const keyFingerprint = (publicKeyBase64: string): string =>
  createHash('sha256').update(Buffer.from(publicKeyBase64.trim(), 'base64')).digest('hex');

/** Bytes a non-root user may still write on the file system holding `path`; null when unknown. */
export async function freeBytes(path: string): Promise<number | null> {
  try {
    const s = await statfs(path);
    return Number(s.bavail) * Number(s.bsize);
  } catch {
    return null;
  }
}

/**
 * Copies a file through a temp name, hashing what it writes, flushed and renamed: the target
 * is whole or absent. Returns the SHA-256 and size of the bytes written.
 */
export async function copyHashed(source: string, target: string): Promise<{ sha256: string; bytes: number }> {
  await mkdir(dirname(target), { recursive: true });
  const temp = tempPathFor(target);
  const hash = createHash('sha256');
  let bytes = 0;
  const handle = await open(temp, 'w', 0o644);
  try {
    for await (const chunk of createReadStream(source)) {
      const buffer = chunk as Buffer;
      hash.update(buffer);
      bytes += buffer.length;
      await handle.write(buffer);
    }
    await handle.sync();
  } catch (error) {
    await handle.close();
    await unlink(temp).catch(() => undefined);
    throw error;
  }
  await handle.close();
  await rename(temp, target);
  await fsyncDir(dirname(target));
  return { sha256: hash.digest('hex'), bytes };
}

/** A write refused by the medium itself (read-only switch, full, no permission), named for a person. */
export function mediumProblem(error: unknown): string | undefined {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  if (code === 'EROFS' || code === 'EACCES' || code === 'EPERM') return 'the USB stick is write-protected';
  if (code === 'ENOSPC' || code === 'EDQUOT') return 'the USB stick is full';
  return undefined;
}
