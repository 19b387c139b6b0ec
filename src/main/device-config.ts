import { chmodSync, existsSync, readFileSync, renameSync } from 'node:fs';
import { isAbsolute, join, resolve } from 'node:path';
import { DeviceConfig } from '../core/model/config';
import { errorMessage } from '../core/result';

/**
 * Where the device config comes from: a JSON file named by `--config FILE` (or
 * `--config=FILE`) or the KIOSK_CONFIG variable, for fleet deployment, or else the
 * electron-store file in the user-data folder.
 */
export type ConfigSource =
  | { readonly kind: 'file'; readonly path: string; readonly from: '--config' | 'KIOSK_CONFIG' }
  | { readonly kind: 'store' };

export function resolveConfigSource(
  argv: readonly string[],
  env: Readonly<Record<string, string | undefined>>,
  cwd: string,
): ConfigSource {
  const absolute = (p: string): string => (isAbsolute(p) ? p : resolve(cwd, p));
  for (let i = 0; i < argv.length; i += 1) {
    const arg = argv[i] ?? '';
    if (arg.startsWith('--config=') && arg.length > '--config='.length) {
      return { kind: 'file', path: absolute(arg.slice('--config='.length)), from: '--config' };
    }
    const next = argv[i + 1];
    if (arg === '--config' && next && !next.startsWith('--')) return { kind: 'file', path: absolute(next), from: '--config' };
  }
  const fromEnv = env['KIOSK_CONFIG'];
  if (fromEnv && fromEnv.trim() !== '') return { kind: 'file', path: absolute(fromEnv.trim()), from: 'KIOSK_CONFIG' };
  return { kind: 'store' };
}

/** The part of electron-store (a `conf` instance) the shell uses. */
export interface StoreLike {
  store: Record<string, unknown>;
}
export type OpenStore = (dir: string) => StoreLike;

export interface StoredConfig {
  /** The store's content as found; the runtime validates it field by field (sanitizeConfig). */
  readonly raw: unknown;
  readonly warnings: readonly string[];
  readonly path: string;
}

export const STORE_FILE = 'config.json';

/**
 * electron-store throws from its constructor on a file that is not JSON, which at boot is
 * a crash loop. So: a corrupt file is moved aside (kept, with a time stamp) and replaced by
 * the defaults; a file with bad fields is left as the operator wrote it, and the runtime
 * validates it against DeviceConfig, using defaults for the bad fields until it is fixed.
 */
export function loadStoredConfig(dir: string, openStore: OpenStore, now: number): StoredConfig {
  const path = join(dir, STORE_FILE);
  const warnings: string[] = [];
  const fresh = !existsSync(path) || moveAsideIfCorrupt(path, now, warnings);
  let store: StoreLike;
  try {
    store = openStore(dir);
  } catch (error) {
    warnings.push(`${path}: could not be opened (${errorMessage(error)}); using defaults`);
    return { raw: {}, warnings, path };
  }
  if (fresh) {
    // Written out in full so the operator has every setting to edit.
    const defaults = JSON.parse(JSON.stringify(DeviceConfig.parse({}))) as Record<string, unknown>;
    store.store = defaults;
    ownerOnly(path, warnings);
    return { raw: defaults, warnings, path };
  }
  ownerOnly(path, warnings);
  return { raw: store.store, warnings, path };
}

/** The store holds the operator PIN: other users of the machine must not read it. */
function ownerOnly(path: string, warnings: string[]): void {
  try {
    if (existsSync(path)) chmodSync(path, 0o600);
  } catch (error) {
    warnings.push(`${path}: could not be made private (${errorMessage(error)})`);
  }
}

function moveAsideIfCorrupt(path: string, now: number, warnings: string[]): boolean {
  try {
    JSON.parse(readFileSync(path, 'utf8'));
    return false;
  } catch (error) {
    const stamp = new Date(now).toISOString().replace(/[:.]/g, '-');
    const backup = path.replace(/\.json$/, `.corrupt-${stamp}.json`);
    try {
      renameSync(path, backup);
      warnings.push(`${path}: not valid JSON (${errorMessage(error)}); kept it as ${backup} and started from defaults`);
    } catch (renameError) {
      warnings.push(`${path}: not valid JSON and could not be moved aside (${errorMessage(renameError)})`);
    }
    return true;
  }
}


const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** A `--config` file's JSON for merging with a joined config; a file that cannot be read counts as empty. */
export function readConfigFile(path: string, warnings: string[]): unknown {
  try {
    return JSON.parse(readFileSync(path, 'utf8')) as unknown;
  } catch (error) {
    warnings.push(`${path}: could not be read (${errorMessage(error)}); using the config this screen got when it joined`);
    return {};
  }
}

/**
 * A joined screen's config: what the console gave it when it joined (identity, publisher,
 * fleet account, feeds) over the operator's own settings (PIN, window, hours), field by field
 * at the top level. The runtime validates the result like any config.
 */
export function withJoinedConfig(base: unknown, joinedPath: string, warnings: string[]): Record<string, unknown> {
  const own = isObject(base) ? base : {};
  try {
    const joined = JSON.parse(readFileSync(joinedPath, 'utf8')) as unknown;
    if (isObject(joined)) return { ...own, ...joined };
    warnings.push(`${joinedPath}: not a config object; move it away and join this screen again`);
  } catch (error) {
    warnings.push(`${joinedPath}: could not be read (${errorMessage(error)}); move it away and join this screen again`);
  }
  return own;
}
