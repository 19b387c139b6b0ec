import { open, readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { err, ok, type Result } from '../../core/result';

const LOCK = 'console.lock';

const alive = (pid: number): boolean => {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
};

/**
 * One process at a time owns a data folder: each keeps an in-memory index, so a second
 * writer (the console and `kiosk publish` at once) would overwrite the other's changes.
 * A lock left by a killed process (its pid gone) is taken over.
 */
export async function lockDataDir(dataDir: string): Promise<Result<() => Promise<void>>> {
  const path = join(dataDir, LOCK);
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const handle = await open(path, 'wx', 0o644);
      await handle.writeFile(String(process.pid));
      await handle.close();
      return ok(() => rm(path, { force: true }));
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const pid = Number((await readFile(path, 'utf8').catch(() => '')).trim());
      if (Number.isInteger(pid) && pid > 0 && alive(pid)) {
        return err(`${dataDir} is in use by another console or publish (pid ${pid}); use that one, or stop it first`);
      }
      await rm(path, { force: true });
    }
  }
  return err(`${dataDir}: could not take the lock ${path}`);
}
