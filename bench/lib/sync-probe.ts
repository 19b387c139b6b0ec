import { median, percentile } from './stats';
import { shownAt, type ScreenFrame } from './sync-screen';

/**
 * Injected before any page script of a sync bench player: makes that player's clock wrong
 * by `offsetMs` (Date.now and performance.timeOrigin, what a screen with a wrong wall clock
 * reads), and records, on the machine's real clock, each switch and video frame the synced
 * stage reports. All players run on one machine, so their real clocks are one clock.
 */
export const syncProbe = (offsetMs: number): string => `
(() => {
  const offset = ${JSON.stringify(offsetMs)};
  const realOrigin = performance.timeOrigin;
  const realDateNow = Date.now.bind(Date);
  const trueNow = () => realOrigin + performance.now();
  Object.defineProperty(Performance.prototype, 'timeOrigin', { configurable: true, get: () => realOrigin + offset });
  Date.now = () => realDateNow() + offset;
  const log = [];
  Object.defineProperty(window, '__syncLog', { value: { take: () => log.splice(0) } });
  window.addEventListener('kiosk-sync', (event) => {
    const d = event.detail;
    if (d.type === 'switch') log.push({ type: 'switch', k: d.k, at: trueNow(), joining: d.joining, instant: d.instant, sharedAt: d.sharedAt });
    else log.push({ type: 'frame', k: d.k, first: d.first, start: realOrigin + d.displayTime - d.mediaTime * 1000, aheadMs: d.aheadMs });
  });
})();
`;

/** A switch committed at real instant `at`; a video frame whose clip start it implies (`start`: display time − media time). */
export type ProbeEntry =
  | { readonly type: 'switch'; readonly k: number; readonly at: number; readonly joining: boolean; readonly instant: number; readonly sharedAt: number }
  | { readonly type: 'frame'; readonly k: number; readonly first: boolean; readonly start: number; readonly aheadMs: number };

export interface Spread {
  readonly p50: number;
  readonly p95: number;
  readonly max: number;
  readonly n: number;
}

export function spreadOf(values: readonly number[]): Spread {
  return { p50: median(values), p95: percentile(values, 95), max: values.length ? Math.max(...values) : Number.NaN, n: values.length };
}

/** Per item k seen by every player, the spread (max − min) of `pick`'s value across players. */
function acrossPlayers(logs: readonly (readonly ProbeEntry[])[], pick: (log: readonly ProbeEntry[], k: number) => number | undefined): Map<number, number> {
  const ks = new Set(logs.flatMap((log) => log.map((e) => e.k)));
  const out = new Map<number, number>();
  for (const k of [...ks].sort((a, b) => a - b)) {
    const values = logs.map((log) => pick(log, k));
    if (values.every((v): v is number => v !== undefined)) out.set(k, Math.max(...values) - Math.min(...values));
  }
  return out;
}

const switchAt = (log: readonly ProbeEntry[], k: number): number | undefined =>
  log.find((e): e is Extract<ProbeEntry, { type: 'switch' }> => e.type === 'switch' && e.k === k && !e.joining)?.at;
const firstFrame = (log: readonly ProbeEntry[], k: number): number | undefined =>
  log.find((e): e is Extract<ProbeEntry, { type: 'frame' }> => e.type === 'frame' && e.k === k && e.first)?.start;
const lastFrame = (log: readonly ProbeEntry[], k: number): number | undefined =>
  log.filter((e): e is Extract<ProbeEntry, { type: 'frame' }> => e.type === 'frame' && e.k === k && !e.first).at(-1)?.start;

/** Per item every player switched to on time, the spread of the moments its switch reached their screens. */
function shownSpreads(logs: readonly (readonly ProbeEntry[])[], screens: readonly (readonly ScreenFrame[])[]): Map<number, number> {
  const out = new Map<number, number>();
  const instants = new Map<number, number>();
  for (const e of logs.flat()) if (e.type === 'switch' && !e.joining) instants.set(e.k, e.instant);
  for (const [k, instant] of [...instants].sort((a, b) => a[0] - b[0])) {
    if (!logs.every((log) => switchAt(log, k) !== undefined)) continue;
    const times = screens.map((frames) => shownAt(frames, instant));
    if (times.every((t): t is number => t !== undefined)) out.set(k, Math.max(...times) - Math.min(...times));
  }
  return out;
}

export interface SyncFigures {
  /** Across players, per item: when its switch reached the screen (screencast swap times). */
  readonly switchSkew: Spread;
  /** Across players, per item: when the page's main thread committed it (the compositor had shown it already). */
  readonly commitSkew: Spread;
  readonly videoStartSkew: Spread;
  /** Spread of the clip position (as its implied start) across players at the run's first and last synced video. */
  readonly driftStartMs: number;
  readonly driftEndMs: number;
  /** Items the restarted player showed until its switch was within `inStepMs` of the others'. */
  readonly rejoinItems: number;
}

/** Figures over the players' logs; `restarted` is the restarted player's log after its restart. */
export function syncFigures(logs: readonly (readonly ProbeEntry[])[], screens: readonly (readonly ScreenFrame[])[], restarted: readonly ProbeEntry[], others: readonly (readonly ProbeEntry[])[], inStepMs: number): SyncFigures {
  const switches = acrossPlayers(logs, switchAt);
  const shown = shownSpreads(logs, screens);

  const starts = acrossPlayers(logs, firstFrame);
  const drift = [...acrossPlayers(logs, lastFrame).values()];
  return {
    switchSkew: spreadOf([...shown.values()]),
    commitSkew: spreadOf([...switches.values()]),
    videoStartSkew: spreadOf([...starts.values()]),
    driftStartMs: drift[0] ?? Number.NaN,
    driftEndMs: drift.at(-1) ?? Number.NaN,
    rejoinItems: rejoinItems(restarted, others, inStepMs),
  };
}

/** Counting the item it joined mid-way as the first: how many items until a switch is in step. */
function rejoinItems(restarted: readonly ProbeEntry[], others: readonly (readonly ProbeEntry[])[], inStepMs: number): number {
  const own = restarted.filter((e): e is Extract<ProbeEntry, { type: 'switch' }> => e.type === 'switch');
  for (const [i, e] of own.entries()) {
    if (e.joining) continue;
    const theirs = others.map((log) => switchAt(log, e.k)).filter((v): v is number => v !== undefined);
    if (theirs.length > 0 && Math.abs(e.at - median(theirs)) <= inStepMs) return i + (own[0]?.joining ? 0 : 1);
  }
  return Number.POSITIVE_INFINITY;
}
