import type { Actor } from '../../core/console/workflow';
import { err, type Result } from '../../core/result';
import type { ConsoleData } from '../console/console-data';
import { writeBundle, type WrittenBundle } from './write-bundle';

/** Who may put the published version on a stick: the roles that can publish or run the console. */
export const mayWriteBundle = (actor: Actor): boolean => actor.roles.includes('publisher') || actor.roles.includes('admin');

/** The console's "Write to USB" (and `kiosk bundle write`): role checked, bundle written, audited either way. */
export async function writeConsoleBundle(data: ConsoleData, actor: Actor, stickDir: string, now: Date): Promise<Result<WrittenBundle>> {
  if (!mayWriteBundle(actor)) return err('writing a USB bundle needs the publisher or admin role');
  const written = await writeBundle({ publishedDir: data.paths.published, stickDir, keys: data.keys(), now });
  await data.audit.append({
    actor: actor.username, action: 'write-usb-bundle', target: stickDir,
    detail: written.ok ? `version ${written.value.version}, ${written.value.files} files, ${written.value.bytes} bytes` : `failed: ${written.error}`,
  });
  return written;
}
