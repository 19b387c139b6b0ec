import { randomBytes } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { writeFileAtomic } from './atomic-file';

export const tokenFile = (dataDir: string): string => join(dataDir, 'local-token');

/**
 * The secret that local operator tools (`kiosk alert`) send with write requests. It lives
 * in a file only this user can read, so other users and web pages cannot raise alerts.
 */
export async function ensureLocalToken(dataDir: string): Promise<string> {
  const existing = await readLocalToken(dataDir);
  if (existing) return existing;
  const token = randomBytes(24).toString('hex');
  await writeFileAtomic(tokenFile(dataDir), token, 0o600);
  return token;
}

export async function readLocalToken(dataDir: string): Promise<string | undefined> {
  const text = await readFile(tokenFile(dataDir), 'utf8').catch(() => undefined);
  const token = text?.trim();
  return token && /^[0-9a-f]{48}$/.test(token) ? token : undefined;
}
