import { access, readFile, rename } from 'node:fs/promises';
import { join } from 'node:path';
import { errorMessage } from '../../core/result';
import { joinWithToken } from './join';
import { JOINED_CONFIG_FILE } from './screen-identity';

/**
 * The Electron kiosk's way to join (docs/fleet.md, "Joining screens"): an enrolment value from
 * `kiosk enrol` in `enrol.txt` beside the device config. It is redeemed once, exactly as
 * `kiosk serve --enrol` does, and then renamed `enrol.used`: later starts use the identity and
 * config the join left in the data folder.
 */
export const TOKEN_FILE = 'enrol.txt';
export const USED_TOKEN_FILE = 'enrol.used';

export interface TokenFileJoin {
  /** The joined config (this start's join, or an earlier one); undefined when the screen has none. */
  readonly configPath: string | undefined;
  /** For the operator overlay: a token that could not be used. */
  readonly warnings: readonly string[];
  /** For the log. */
  readonly lines: readonly string[];
}

const exists = (path: string): Promise<boolean> => access(path).then(() => true, () => false);

/** The first non-empty line: the "enrol" cell, pasted alone or with the CSV's other cells. */
const valueOf = (text: string): string => (text.split(/\r?\n/).map((l) => l.trim()).find(Boolean) ?? '').split(',')[0]!.trim();

export async function joinFromTokenFile(o: { readonly tokenDir: string; readonly dataDir: string; readonly fetcher?: typeof fetch }): Promise<TokenFileJoin> {
  const joinedPath = join(o.dataDir, JOINED_CONFIG_FILE);
  const tokenPath = join(o.tokenDir, TOKEN_FILE);
  const hasToken = await exists(tokenPath);
  if (await exists(joinedPath)) {
    const lines = hasToken ? [`${tokenPath}: this screen already joined (${joinedPath}); the token is not needed and was not used`] : [];
    return { configPath: joinedPath, warnings: [], lines };
  }
  if (!hasToken) return { configPath: undefined, warnings: [], lines: [] };
  let value: string;
  try {
    value = valueOf(await readFile(tokenPath, 'utf8'));
  } catch (e) {
    return { configPath: undefined, warnings: [`${tokenPath}: could not be read (${errorMessage(e)}); the kiosk plays its own pack`], lines: [] };
  }
  const joined = await joinWithToken(value, o.dataDir, undefined, o.fetcher);
  if (!joined.ok) {
    const warning = `${tokenPath}: not joined: ${joined.error}. The kiosk plays its own pack; put a new value from \`kiosk enrol\` in that file and restart it.`;
    return { configPath: undefined, warnings: [warning], lines: [] };
  }
  const lines = [`joined the console as screen "${joined.value.screenId}" with ${tokenPath} (config kept in ${joined.value.configPath})`];
  try {
    await rename(tokenPath, join(o.tokenDir, USED_TOKEN_FILE));
    lines.push(`${tokenPath} renamed ${USED_TOKEN_FILE}: later starts keep this identity without it`);
  } catch (e) {
    // Joined all the same: the identity is kept and a token is never sent again once a join exists.
    lines.push(`${tokenPath}: joined, but could not rename it ${USED_TOKEN_FILE} (${errorMessage(e)})`);
  }
  return { configPath: joined.value.configPath, warnings: [], lines };
}
