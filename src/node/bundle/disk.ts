import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { statfs } from 'node:fs/promises';
import { writeAtomicWith } from '../atomic-file';

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
export function copyHashed(source: string, target: string): Promise<{ sha256: string; bytes: number }> {
  return writeAtomicWith(target, 0o644, async (handle) => {
    const hash = createHash('sha256');
    let bytes = 0;
    for await (const chunk of createReadStream(source)) {
      const buffer = chunk as Buffer;
      hash.update(buffer);
      bytes += buffer.length;
      await handle.write(buffer);
    }
    return { sha256: hash.digest('hex'), bytes };
  });
}

/** A write refused by the medium itself (read-only switch, full, no permission), named for a person. */
export function mediumProblem(error: unknown): string | undefined {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  if (code === 'EROFS' || code === 'EACCES' || code === 'EPERM') return 'the USB stick is write-protected';
  if (code === 'ENOSPC' || code === 'EDQUOT') return 'the USB stick is full';
  return undefined;
}
