import { DeviceConfig } from '../core/model/config';
import { formatIssues } from '../core/model/issues';
import { readJson } from './json-file';

export interface LoadedConfig {
  readonly config: DeviceConfig;
  /** What was wrong and has been replaced by defaults; empty when the file was fine. */
  readonly errors: readonly string[];
}

/**
 * Validates a config value, keeping every valid top-level setting: a wrong field falls
 * back to its default instead of throwing the whole file away, and never stops the kiosk.
 */
export function sanitizeConfig(raw: unknown, source: string): LoadedConfig {
  const first = DeviceConfig.safeParse(raw);
  if (first.success) return { config: first.data, errors: [] };
  const errors = formatIssues(source, first.error).map((e) => `${e} (using the default)`);
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
    return { config: DeviceConfig.parse({}), errors };
  }
  const bad = new Set(first.error.issues.map((i) => String(i.path[0] ?? '')));
  const kept = Object.fromEntries(Object.entries(raw).filter(([k]) => !bad.has(k)));
  const second = DeviceConfig.safeParse(kept);
  return { config: second.success ? second.data : DeviceConfig.parse({}), errors };
}

/** Reads the device config file; without a file the defaults apply. */
export async function loadConfigFile(file: string | undefined): Promise<LoadedConfig> {
  if (!file) return { config: DeviceConfig.parse({}), errors: [] };
  const raw = await readJson(file);
  if (!raw.ok) return { config: DeviceConfig.parse({}), errors: raw.error.map((e) => `${e} (using defaults)`) };
  return sanitizeConfig(raw.value, file);
}
