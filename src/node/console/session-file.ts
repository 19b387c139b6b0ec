import { readFile, rename } from 'node:fs/promises';
import { SessionFile, liveSessions, type SessionRecord } from '../../core/console/session-record';
import { formatIssues } from '../../core/model/issues';
import { writeFileAtomic } from '../atomic-file';
import { createSessions, type Sessions } from './sessions';

/**
 * The sessions file: what was read (nothing when absent), or why it could not be. A file
 * that cannot be read is moved aside and the console starts with no sessions: people sign
 * in again, which is the safe direction.
 */
async function readSessions(path: string, now: () => Date, log: (line: string) => void): Promise<SessionRecord[]> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw error;
  }
  let problem: string;
  try {
    const parsed = SessionFile.safeParse(JSON.parse(text));
    if (parsed.success) return parsed.data.sessions;
    problem = formatIssues('sessions.json', parsed.error).slice(0, 3).join('; ');
  } catch (error) {
    problem = `not JSON (${(error as Error).message})`;
  }
  const aside = `${path}.corrupt-${now().getTime()}`;
  await rename(path, aside);
  log(`sessions: ${path} could not be read: ${problem}. Moved it to ${aside}; everyone signs in again.`);
  return [];
}

/** Sessions kept in `path` (0600, only token hashes), so a console restart keeps people signed in. */
export async function openSessionFile(path: string, now: () => Date, log: (line: string) => void): Promise<Sessions> {
  const initial = await readSessions(path, now, log);
  return createSessions(now, {
    initial,
    persist: (records) => writeFileAtomic(path, `${JSON.stringify({ version: 1, sessions: liveSessions(records, now().getTime()) } satisfies SessionFile)}\n`, 0o600),
    onError: (error) => log(`sessions: could not save ${path}: ${String(error)}`),
  });
}
