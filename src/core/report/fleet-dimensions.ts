import { campaignTags } from '../console/campaign-tags';
import type { LibraryItem } from '../console/formats';
import { csvCell } from './csv';
import type { PlayRecord } from './record';

/** What the fleet report needs beyond the records: looked up at the edge, decided here. */
export interface FleetLookups {
  /** An item's campaign tags (its own tags, audiences and regions, as publishing gives them). */
  readonly tagsOf: (itemId: string) => readonly string[];
  /** The screen groups a screen last said it belongs to. */
  readonly groupsOf: (screenId: string) => readonly string[];
}

export const NO_LOOKUPS: FleetLookups = { tagsOf: () => [], groupsOf: () => [] };

export interface DimensionRow {
  readonly key: string;
  readonly plays: number;
  readonly onAirMs: number;
  readonly screens: number;
}

/** The lookup a report uses: every library item's tags by its id. */
export function tagsByItem(entries: readonly LibraryItem[]): (itemId: string) => readonly string[] {
  const map = new Map(entries.map((e) => [e.item.id, campaignTags(e.item, e.targeting)] as const));
  return (itemId) => map.get(itemId) ?? [];
}

/**
 * Plays, time on air and screens per key. A play counts once under each of its keys (an item
 * with two tags shows in both rows); `none` collects plays with no key, so nothing vanishes.
 */
export function playsBy(plays: readonly PlayRecord[], keysOf: (p: PlayRecord) => readonly string[], none: string): DimensionRow[] {
  const rows = new Map<string, { plays: number; onAirMs: number; screens: Set<string> }>();
  for (const p of plays) {
    const keys = keysOf(p);
    for (const key of keys.length > 0 ? keys : [none]) {
      const row = rows.get(key) ?? { plays: 0, onAirMs: 0, screens: new Set<string>() };
      row.plays += 1;
      row.onAirMs += p.durationMs;
      row.screens.add(p.screenId);
      rows.set(key, row);
    }
  }
  return [...rows.entries()]
    .map(([key, r]) => ({ key, plays: r.plays, onAirMs: r.onAirMs, screens: r.screens.size }))
    .sort((a, b) => b.plays - a.plays || a.key.localeCompare(b.key));
}

const SUMMARY_HEADER = ['维度 dimension', '名称 name', '播放 plays', '播出(秒) on_air_s', '屏幕数 screens'];

/** The per-tag and per-group rows as one CSV, beside the record-by-record one. */
export function fleetSummaryCsv(perTag: readonly DimensionRow[], perGroup: readonly DimensionRow[]): string {
  const line = (dimension: string, r: DimensionRow): string =>
    [dimension, r.key, r.plays, Math.round(r.onAirMs / 1000), r.screens].map(csvCell).join(',');
  const lines = [SUMMARY_HEADER.map(csvCell).join(','), ...perTag.map((r) => line('tag', r)), ...perGroup.map((r) => line('group', r))];
  return `\uFEFF${lines.join('\r\n')}\r\n`;
}
