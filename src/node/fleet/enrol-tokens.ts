import { createHash, randomBytes } from 'node:crypto';
import { appendFile, mkdir, readFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { checkToken, TokenLine, type TokenCheck } from '../../core/fleet/enrolment';
import { err, ok, type Result } from '../../core/result';

/**
 * The append-only token file in the console's data folder. `kiosk enrol` appends issued
 * tokens while the console may be running and appending used ones: every write is one
 * `appendFile` of whole lines (O_APPEND), so neither process needs the console's lock, and
 * a reader skips a torn last line.
 */
export const TOKEN_FILE = 'enrol-tokens.jsonl';

export const tokenHash = (token: string): string => createHash('sha256').update(token).digest('hex');

async function readLines(file: string): Promise<TokenLine[]> {
  const text = await readFile(file, 'utf8').catch(() => '');
  const lines: TokenLine[] = [];
  for (const line of text.split('\n')) {
    if (!line) continue;
    try {
      const parsed = TokenLine.safeParse(JSON.parse(line));
      if (parsed.success) lines.push(parsed.data);
    } catch {
      // A torn last line from a crash mid-append: it never completed, so it never counted.
    }
  }
  return lines;
}

async function append(file: string, lines: readonly TokenLine[]): Promise<void> {
  await mkdir(dirname(file), { recursive: true });
  await appendFile(file, lines.map((l) => `${JSON.stringify(l)}\n`).join(''), { mode: 0o600 });
}

/** Makes `count` tokens for `group`; only their hashes are stored. */
export async function issueTokens(dataDir: string, group: string, count: number, expires: Date, now: Date): Promise<string[]> {
  const tokens = Array.from({ length: count }, () => randomBytes(24).toString('base64url'));
  await append(join(dataDir, TOKEN_FILE), tokens.map((t) => ({ kind: 'issued', hash: tokenHash(t), group, expires: expires.toISOString(), at: now.toISOString() })));
  return tokens;
}

export interface TokenStore {
  /**
   * Redeems a token: checks it, runs `join` for its group (which creates the screen) and
   * marks it used; one at a time, so a token joins one screen even when two try at once.
   * Nothing is created for a refused token.
   */
  redeem<T extends { screenId: string }>(token: string, now: Date, join: (group: string) => Promise<T>): Promise<Result<T, Exclude<TokenCheck, { state: 'valid' }>>>;
}

export function openTokenStore(dataDir: string): TokenStore {
  const file = join(dataDir, TOKEN_FILE);
  let queue: Promise<unknown> = Promise.resolve();
  return {
    redeem(token, now, joinGroup) {
      const run = async () => {
        const hash = tokenHash(token);
        const check = checkToken(await readLines(file), hash, now.getTime());
        if (check.state !== 'valid') return err(check);
        const joined = await joinGroup(check.group);
        await append(file, [{ kind: 'used', hash, screenId: joined.screenId, at: now.toISOString() }]);
        return ok(joined);
      };
      const result = queue.then(run);
      queue = result.catch(() => undefined);
      return result;
    },
  };
}
