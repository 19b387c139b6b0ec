export interface CacheEntryInfo {
  readonly sha256: string;
  readonly bytes: number;
  /** Last use, ms since the epoch. */
  readonly usedAt: number;
}

/**
 * Which entries to delete to fit the quota: least recently used first, never one that the
 * current items need. When the needed ones alone exceed the quota, they all stay.
 */
export function planEviction(
  entries: readonly CacheEntryInfo[],
  needed: ReadonlySet<string>,
  quotaBytes: number,
): string[] {
  let total = entries.reduce((sum, e) => sum + e.bytes, 0);
  const victims: string[] = [];
  const candidates = entries.filter((e) => !needed.has(e.sha256)).sort((a, b) => a.usedAt - b.usedAt);
  for (const entry of candidates) {
    if (total <= quotaBytes) break;
    victims.push(entry.sha256);
    total -= entry.bytes;
  }
  return victims;
}
