/**
 * Injected before any page script (playwright addInitScript): records, on the page's
 * rendering timeline, every video frame presented (requestVideoFrameCallback), every
 * rendering opportunity (requestAnimationFrame) and every change of what the stage shows
 * (which item, which <video>, which source), so gaps can be computed afterwards.
 * Works on the kiosk player (data-view + stage-video-front) and on a bare <video> page.
 */
export const STAGE_RECORDER = `
(() => {
  const log = { frames: [], rafs: [], changes: [], loads: [] };
  const ids = new Map();
  const pending = new WeakSet();
  const idOf = (v) => { if (!ids.has(v)) ids.set(v, ids.size); return ids.get(v); };
  const hook = (v) => {
    if (pending.has(v)) return;
    pending.add(v);
    v.requestVideoFrameCallback((now, meta) => {
      pending.delete(v);
      log.frames.push([idOf(v), now, meta.mediaTime, v.currentSrc]);
      hook(v);
    });
  };
  const onScreen = () => {
    const stage = document.querySelector('[data-testid="stage"]');
    const videos = Array.from(document.querySelectorAll('video'));
    videos.forEach((v) => { idOf(v); hook(v); });
    if (!stage) {
      const v = videos[0];
      return v ? 'video|' + idOf(v) + '|' + v.getAttribute('src') : 'none';
    }
    const view = stage.getAttribute('data-view');
    if (view !== 'video') return (view || 'none') + '|' + (stage.querySelector('.card-layer [data-testid], .card-layer > *')?.textContent || '').slice(0, 40);
    const front = videos.find((v) => v.classList.contains('stage-video-front'));
    return front ? 'video|' + idOf(front) + '|' + front.getAttribute('src') : 'video|?|';
  };
  let last = '';
  const check = (records) => {
    for (const r of records || []) {
      if (r.type === 'attributes' && r.attributeName === 'src' && r.target instanceof HTMLVideoElement) {
        log.loads.push([idOf(r.target), performance.now(), r.target.getAttribute('src')]);
      }
    }
    const now = onScreen();
    if (now !== last) { log.changes.push([performance.now(), now]); last = now; }
  };
  const start = () => {
    new MutationObserver(check).observe(document.documentElement, { subtree: true, childList: true, attributes: true, attributeFilter: ['class', 'src', 'data-view'] });
    check();
    const raf = (t) => { log.rafs.push(t); requestAnimationFrame(raf); };
    requestAnimationFrame(raf);
  };
  if (document.documentElement) start(); else document.addEventListener('DOMContentLoaded', start);
  window.__stageLog = {
    take() { const out = { ...log }; log.frames = []; log.rafs = []; log.changes = []; log.loads = []; return out; },
    changes() { return log.changes.length; },
  };
})();
`;

export interface StageLog {
  /** [video id, rendering time, media time, currentSrc] */
  readonly frames: readonly (readonly [number, number, number, string])[];
  readonly rafs: readonly number[];
  /** [time, "kind|video id|src" or "card|text"] */
  readonly changes: readonly (readonly [number, string])[];
  /** [video id, time, src attribute]: when each element was given a source. */
  readonly loads: readonly (readonly [number, number, string | null])[];
}

const sameSrc = (currentSrc: string, src: string | undefined): boolean =>
  !!src && src !== 'null' && currentSrc.endsWith(src.replace(/^\.?\//, ''));

export interface Transition {
  readonly from: string;
  readonly to: string;
  readonly kind: 'video→video' | 'video→card' | 'card→video' | 'other';
  readonly at: number;
  /** Outgoing item's last presented frame to incoming item's first presented frame. */
  readonly gapMs: number;
}

const kindOf = (state: string): string => state.split('|')[0] ?? '';

function lastFrameBefore(log: StageLog, state: string, t: number): number | undefined {
  const [kind, id, src] = state.split('|');
  if (kind !== 'video') return [...log.rafs].reverse().find((r) => r <= t);
  let found: number | undefined;
  for (const [vid, now, , currentSrc] of log.frames) {
    if (now > t) break;
    if (String(vid) === id && sameSrc(currentSrc, src)) found = now;
  }
  return found;
}

function firstFrameAfter(log: StageLog, state: string, t: number): number | undefined {
  const firstRaf = log.rafs.find((r) => r > t);
  const [kind, id, src] = state.split('|');
  if (kind !== 'video' || firstRaf === undefined) return firstRaf;
  // The element may have played this source before: count only frames since it was last given it.
  const loadedAt = [...log.loads].reverse().find(([vid, at, s]) => String(vid) === id && at <= t && s === src)?.[1] ?? -Infinity;
  const own = log.frames.find(([vid, now, , currentSrc]) => String(vid) === id && now >= loadedAt && sameSrc(currentSrc, src));
  // Decoded while hidden: visible from the next rendering opportunity; else from its first frame.
  return own === undefined ? undefined : Math.max(firstRaf, own[1]);
}

/** Every change of the on-screen item, with its gap; changes to or from "none"/"starting" are skipped. */
export function transitionsOf(log: StageLog): Transition[] {
  const out: Transition[] = [];
  for (let i = 1; i < log.changes.length; i++) {
    const [, from] = log.changes[i - 1] ?? [0, ''];
    const [at, to] = log.changes[i] ?? [0, ''];
    const a = kindOf(from);
    const b = kindOf(to);
    if (!['video', 'card'].includes(a) || !['video', 'card'].includes(b)) continue;
    if (to.endsWith('|null') || to.endsWith('|')) continue;
    const last = lastFrameBefore(log, from, at);
    const first = firstFrameAfter(log, to, at);
    if (last === undefined || first === undefined) continue;
    const kind = a === 'video' && b === 'video' ? 'video→video' : a === 'video' ? 'video→card' : b === 'video' ? 'card→video' : 'other';
    out.push({ from, to, kind, at, gapMs: first - last });
  }
  return out;
}

/** The normal spacing of presented frames inside a clip (median rendering-time delta). */
export function cadenceMs(log: StageLog): number {
  const deltas: number[] = [];
  for (let i = 1; i < log.frames.length; i++) {
    const a = log.frames[i - 1];
    const b = log.frames[i];
    if (a && b && a[0] === b[0] && a[3] === b[3] && b[2] > a[2]) deltas.push(b[1] - a[1]);
  }
  deltas.sort((x, y) => x - y);
  return deltas[Math.floor(deltas.length / 2)] ?? Number.NaN;
}
