import { PlayEvent } from '../api/contract';
import { datesBetween, localTime } from '../time/local-time';
import type { PlayLogRecord, PlayRecord, RecoveryRecord } from './record';

export type PlayKind = PlayEvent['kind'];
export const PLAY_KINDS: readonly PlayKind[] = PlayEvent.shape.kind.options;

export interface ReportRange {
  /** Local dates, inclusive, YYYY-MM-DD. */
  readonly from: string;
  readonly to: string;
  readonly timeZone: string;
  /** A stretch with no record at all at least this long is listed as a gap. */
  readonly gapMinutes?: number;
  readonly topN?: number;
}

export interface DayRow {
  readonly date: string;
  readonly plays: number;
  readonly onAirMs: number;
  readonly recoveries: number;
}

export interface KindRow {
  readonly kind: PlayKind;
  readonly plays: number;
  readonly ms: number;
}

export interface TopRow {
  readonly itemId: string;
  readonly title: string;
  readonly plays: number;
}

/** Part of one local day, in minutes since local midnight, for the timeline chart. */
export interface DaySpan {
  readonly date: string;
  readonly fromMin: number;
  readonly toMin: number;
  readonly standby: boolean;
}

export interface Gap {
  readonly start: string;
  readonly end: string;
  readonly ms: number;
  /** Reason of a recovery logged during the gap or right after it, if any. */
  readonly recovery: string | null;
}

export interface ReportData {
  readonly range: ReportRange;
  readonly screens: readonly string[];
  readonly totals: {
    readonly plays: number;
    readonly distinctItems: number;
    readonly onAirMs: number;
    readonly daysWithPlays: number;
    readonly videos: number;
    readonly videosCompleted: number;
    readonly recoveries: number;
    readonly gaps: number;
  };
  readonly perDay: readonly DayRow[];
  readonly perKind: readonly KindRow[];
  readonly topCases: readonly TopRow[];
  readonly spans: readonly DaySpan[];
  readonly gaps: readonly Gap[];
  readonly recoveries: readonly RecoveryRecord[];
  /** The records in range, in log order: the CSV's rows. */
  readonly rows: readonly PlayLogRecord[];
}

interface Interval {
  readonly s: number;
  readonly e: number;
}

// Items follow each other with a few milliseconds of slack; that is not time off air.
const MERGE_SLACK_MS = 5_000;

export function mergeIntervals(intervals: readonly Interval[]): Interval[] {
  const sorted = [...intervals].sort((a, b) => a.s - b.s);
  const merged: Interval[] = [];
  for (const iv of sorted) {
    const last = merged[merged.length - 1];
    if (last && iv.s <= last.e + MERGE_SLACK_MS) merged[merged.length - 1] = { s: last.s, e: Math.max(last.e, iv.e) };
    else merged.push(iv);
  }
  return merged;
}

/** Cuts intervals at local midnights so each piece belongs to one day. */
export function splitByDay(intervals: readonly Interval[], timeZone: string, standby: boolean): DaySpan[] {
  const spans: DaySpan[] = [];
  for (const iv of intervals) {
    let s = iv.s;
    while (s < iv.e) {
      const p = localTime(s, timeZone);
      const dayEnd = s + (86_400 - p.secondOfDay) * 1000 - (s % 1000);
      const end = Math.min(iv.e, dayEnd);
      const fromMin = p.secondOfDay / 60 + (s % 1000) / 60_000;
      spans.push({ date: p.date, fromMin, toMin: fromMin + (end - s) / 60_000, standby });
      s = end;
    }
  }
  return spans;
}

const intervalOf = (r: PlayRecord): Interval => {
  const s = Date.parse(r.start);
  return { s, e: s + r.durationMs };
};

function findGaps(coverage: readonly Interval[], recoveries: readonly RecoveryRecord[], minMs: number): Gap[] {
  const gaps: Gap[] = [];
  for (let i = 1; i < coverage.length; i++) {
    const before = coverage[i - 1];
    const after = coverage[i];
    if (!before || !after || after.s - before.e < minMs) continue;
    const recovery = recoveries.find((r) => {
      const t = Date.parse(r.at);
      return t >= before.e && t <= after.s + 300_000;
    });
    gaps.push({
      start: new Date(before.e).toISOString(),
      end: new Date(after.s).toISOString(),
      ms: after.s - before.e,
      recovery: recovery?.reason ?? null,
    });
  }
  return gaps;
}

function topCases(plays: readonly PlayRecord[], n: number): TopRow[] {
  const byId = new Map<string, { title: string; plays: number }>();
  for (const p of plays) {
    if (p.kind !== 'case') continue;
    const row = byId.get(p.itemId) ?? { title: p.title, plays: 0 };
    byId.set(p.itemId, { title: p.title || row.title, plays: row.plays + 1 });
  }
  return [...byId.entries()]
    .map(([itemId, v]) => ({ itemId, title: v.title, plays: v.plays }))
    .sort((a, b) => b.plays - a.plays || a.title.localeCompare(b.title))
    .slice(0, n);
}

function perKind(plays: readonly PlayRecord[]): KindRow[] {
  return PLAY_KINDS.map((kind) => {
    const of = plays.filter((p) => p.kind === kind);
    return { kind, plays: of.length, ms: of.reduce((sum, p) => sum + p.durationMs, 0) };
  }).filter((row) => row.plays > 0 || row.kind === 'slogan' || row.kind === 'case' || row.kind === 'video');
}

function perDay(range: ReportRange, plays: readonly PlayRecord[], air: readonly DaySpan[], recoveryDates: readonly string[]): DayRow[] {
  const rows = new Map(datesBetween(range.from, range.to).map((d) => [d, { plays: 0, onAirMs: 0, recoveries: 0 }]));
  for (const p of plays) {
    const row = rows.get(localTime(Date.parse(p.start), range.timeZone).date);
    if (row) row.plays++;
  }
  for (const s of air) {
    const row = rows.get(s.date);
    if (row) row.onAirMs += (s.toMin - s.fromMin) * 60_000;
  }
  for (const d of recoveryDates) {
    const row = rows.get(d);
    if (row) row.recoveries++;
  }
  return [...rows.entries()].map(([date, r]) => ({ date, ...r }));
}

/** Everything the CSV and the HTML report show, for local dates `from`..`to`. */
export function aggregate(records: readonly PlayLogRecord[], range: ReportRange): ReportData {
  const inRange = (iso: string): boolean => {
    const d = localTime(Date.parse(iso), range.timeZone).date;
    return d >= range.from && d <= range.to;
  };
  const rows = records.filter((r) => inRange(r.type === 'play' ? r.start : r.at));
  const all = rows.filter((r): r is PlayRecord => r.type === 'play');
  // Standby is the screen resting by schedule: it is on record (so it is not a gap) but not a play.
  const plays = all.filter((p) => p.kind !== 'standby');
  const recoveries = rows.filter((r): r is RecoveryRecord => r.type === 'recovery');
  const airIntervals = mergeIntervals(plays.map(intervalOf));
  const standbyIntervals = mergeIntervals(all.filter((p) => p.kind === 'standby').map(intervalOf));
  const inDates = (s: DaySpan): boolean => s.date >= range.from && s.date <= range.to;
  const air = splitByDay(airIntervals, range.timeZone, false).filter(inDates);
  const standby = splitByDay(standbyIntervals, range.timeZone, true).filter(inDates);
  const gaps = findGaps(mergeIntervals(all.map(intervalOf)), recoveries, (range.gapMinutes ?? 10) * 60_000);
  const days = perDay(range, plays, air, recoveries.map((r) => localTime(Date.parse(r.at), range.timeZone).date));
  const videos = plays.filter((p) => p.kind === 'video');
  return {
    range,
    screens: [...new Set(rows.map((r) => r.screenId))].sort(),
    totals: {
      plays: plays.length,
      distinctItems: new Set(plays.map((p) => p.itemId)).size,
      onAirMs: days.reduce((sum, d) => sum + d.onAirMs, 0),
      daysWithPlays: days.filter((d) => d.plays > 0).length,
      videos: videos.length,
      videosCompleted: videos.filter((v) => v.completed).length,
      recoveries: recoveries.length,
      gaps: gaps.length,
    },
    perDay: days,
    perKind: perKind(plays),
    topCases: topCases(plays, range.topN ?? 10),
    spans: [...standby, ...air],
    gaps,
    recoveries,
    rows,
  };
}
