import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { mosquittoAcl } from '../../core/fleet/grants';
import type { ScreenRecord } from '../../core/fleet/screen-registry';
import { writeFileAtomic } from '../atomic-file';
import { mosquittoHash } from './broker-secret';

export interface MosquittoFilesOptions {
  /** Where `kiosk.passwd` and `kiosk.acl` go (Mosquitto's `password_file` and `acl_file` point there). */
  readonly dir: string;
  readonly prefix: string;
  readonly consoleUser: string;
  /** The console's own password on that broker, hashed into the file beside the screens. */
  readonly consolePassword: string | undefined;
  /** Mosquitto's pid file: after each write the broker gets SIGHUP and reloads both files. */
  readonly pidFile?: string;
  readonly log: (line: string) => void;
}

export interface MosquittoFiles {
  readonly passwordFile: string;
  readonly aclFile: string;
  /** Writes both files from the registry (revoked screens left out) and reloads the broker. */
  write(screens: readonly ScreenRecord[]): Promise<void>;
}

export async function mosquittoFiles(o: MosquittoFilesOptions): Promise<MosquittoFiles> {
  const passwordFile = join(o.dir, 'kiosk.passwd');
  const aclFile = join(o.dir, 'kiosk.acl');
  // Hashed once: a fresh salt on every write would change the file for nothing.
  const consoleLine = o.consolePassword ? `${o.consoleUser}:${await mosquittoHash(o.consolePassword)}` : undefined;
  const reload = async (): Promise<void> => {
    if (!o.pidFile) return;
    const pid = Number((await readFile(o.pidFile, 'utf8').catch(() => '')).trim());
    if (!Number.isInteger(pid) || pid <= 1) return o.log(`fleet: no Mosquitto pid in ${o.pidFile}: reload it yourself (kill -HUP)`);
    try {
      process.kill(pid, 'SIGHUP');
    } catch (e) {
      o.log(`fleet: could not reload Mosquitto (pid ${pid}): ${String(e)}`);
    }
  };
  return {
    passwordFile,
    aclFile,
    async write(screens) {
      const live = screens.filter((s) => s.revokedAt === null);
      const lines = [...(consoleLine ? [consoleLine] : []), ...live.map((s) => `${s.brokerUser}:${s.mosquittoHash}`)];
      await writeFileAtomic(passwordFile, `${lines.join('\n')}\n`, 0o600);
      await writeFileAtomic(aclFile, mosquittoAcl(o.prefix, o.consoleUser, live.map((s) => ({ user: s.brokerUser, grant: { screenId: s.screenId, groups: [s.group] } }))), 0o644);
      await reload();
    },
  };
}
