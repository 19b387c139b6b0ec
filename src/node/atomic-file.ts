import { mkdir, open, rename, unlink, type FileHandle } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { randomBytes } from 'node:crypto';

/** Flushes a folder's entry table so a rename in it survives a power cut. */
export async function fsyncDir(dir: string): Promise<void> {
  let handle;
  try {
    handle = await open(dir, 'r');
    await handle.sync();
  } catch {
    // Some file systems (and Windows) cannot fsync a folder; the rename is still atomic.
  } finally {
    await handle?.close();
  }
}

export const tempPathFor = (path: string): string =>
  join(dirname(path), `.${basename(path)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`);

/**
 * Writes a file so that a reader (or the next start after a crash) sees either the old
 * content or the new, never a mix: temp file in the same folder, filled by `fill`, fsync,
 * rename, fsync folder. A failure leaves no temp file behind.
 */
export async function writeAtomicWith<T>(path: string, mode: number, fill: (handle: FileHandle) => Promise<T>): Promise<T> {
  await mkdir(dirname(path), { recursive: true });
  const temp = tempPathFor(path);
  const handle = await open(temp, 'w', mode);
  let result: T;
  try {
    result = await fill(handle);
    await handle.sync();
  } catch (error) {
    await handle.close();
    await unlink(temp).catch(() => undefined);
    throw error;
  }
  await handle.close();
  try {
    await rename(temp, path);
  } catch (error) {
    await unlink(temp).catch(() => undefined);
    throw error;
  }
  await fsyncDir(dirname(path));
  return result;
}

/** `writeAtomicWith` for bytes or text already in memory. */
export const writeFileAtomic = (path: string, data: string | Uint8Array, mode = 0o644): Promise<void> =>
  writeAtomicWith(path, mode, (handle) => handle.writeFile(data));
