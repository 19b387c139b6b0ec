import { z } from 'zod';
import { DeviceConfig } from '../core/model/config';
import { formatIssues } from '../core/model/issues';
import { readJson } from './json-file';

export interface LoadedConfig {
  readonly config: DeviceConfig;
  /** What was wrong and has been replaced by defaults; empty when the file was fine. */
  readonly errors: readonly string[];
}

/** A copy of `raw` without the keys the format does not know, wherever they are nested. */
function withoutUnknownKeys(raw: Record<string, unknown>, issues: readonly z.core.$ZodIssue[]): Record<string, unknown> {
  const copy = structuredClone(raw);
  for (const issue of issues) {
    if (issue.code !== 'unrecognized_keys') continue;
    let target: unknown = copy;
    for (const step of issue.path) target = typeof target === 'object' && target !== null ? (target as Record<PropertyKey, unknown>)[step] : undefined;
    if (typeof target !== 'object' || target === null) continue;
    for (const key of issue.keys) delete (target as Record<string, unknown>)[key];
  }
  return copy;
}

/**
 * Validates a config value, keeping every valid top-level setting: an unknown key is
 * ignored and a wrong field falls back to its default instead of throwing the whole file
 * away; both are reported, and neither stops the kiosk.
 */
export function sanitizeConfig(raw: unknown, source: string): LoadedConfig {
  const first = DeviceConfig.safeParse(raw);
  if (first.success) return { config: first.data, errors: [] };
  const errors = first.error.issues.flatMap((issue) =>
    formatIssues(source, new z.ZodError([issue])).map((e) => `${e} (${issue.code === 'unrecognized_keys' ? 'ignored' : 'using the default'})`),
  );
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
    return { config: DeviceConfig.parse({}), errors };
  }
  const known = withoutUnknownKeys(raw as Record<string, unknown>, first.error.issues);
  const bad = new Set(first.error.issues.filter((i) => i.code !== 'unrecognized_keys').map((i) => String(i.path[0] ?? '')));
  const kept = Object.fromEntries(Object.entries(known).filter(([k]) => !bad.has(k)));
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
