import { tickerDurationMs, tickerPxPerSecond, wholePixelSpeed } from '../../core/schedule';
import { copiesForLoop, repeatsToCover } from '../ticker-plan';

export interface TickerSettings {
  readonly text: string;
  /** Pixels per second, whatever the text length and font size; else from charsPerSecond. */
  readonly speed?: number | undefined;
  /** CJK characters per second, turned into px/s from the track's rendered font size. */
  readonly charsPerSecond: number;
  readonly wholePixelSteps: boolean;
  /** The operator stopped the motion: the line holds still where it is. */
  readonly paused?: boolean;
}

export interface TickerEngine {
  update(settings: TickerSettings): void;
  destroy(): void;
}

const REFRESH_HZ = 60;
const MAX_CATCH_UP_MS = 250;

/**
 * Drives the ticker imperatively: React renders the viewport and track once, the engine
 * fills the track with plain-text copies and slides it with the Web Animations API
 * (transform only, so no layout per frame). New text waits for the next loop seam.
 */
export function createTickerEngine(viewport: HTMLElement, track: HTMLElement): TickerEngine {
  let wanted: TickerSettings = { text: '', charsPerSecond: 6, wholePixelSteps: false };
  let currentCopy = '';
  let animation: Animation | undefined;
  let destroyed = false;

  const copyOf = (line: string): string => {
    if (line === '') return '';
    const probe = document.createElement('span');
    probe.className = 'ticker-copy';
    probe.textContent = line;
    track.append(probe);
    const repeats = repeatsToCover(probe.getBoundingClientRect().width, viewport.clientWidth);
    probe.remove();
    return line.repeat(repeats);
  };

  const layout = (copies: readonly string[]): number => {
    track.replaceChildren(
      ...copies.map((text, index) => {
        const span = document.createElement('span');
        span.className = 'ticker-copy';
        span.textContent = text;
        if (index > 0) span.setAttribute('aria-hidden', 'true');
        return span;
      }),
    );
    return track.firstElementChild?.getBoundingClientRect().width ?? 0;
  };

  const runLoop = (previous: Animation | undefined): void => {
    if (destroyed) return;
    const nextCopy = copyOf(wanted.text);
    const copies = currentCopy === '' ? [nextCopy, nextCopy] : copiesForLoop(currentCopy, nextCopy);
    const exact = layout(copies);
    currentCopy = nextCopy;
    if (nextCopy === '' || exact <= 0) return void (animation = undefined);
    const whole = wanted.wholePixelSteps;
    const distance = whole ? Math.round(exact) : exact;
    // The copies carry the ticker's font size; one CJK glyph is one em wide.
    const glyphPx = parseFloat(getComputedStyle(track.firstElementChild ?? track).fontSize) || 16;
    const pxPerSecond = tickerPxPerSecond(wanted, glyphPx);
    const speed = whole ? wholePixelSpeed(pxPerSecond, REFRESH_HZ) : pxPerSecond;
    const next = track.animate(
      [{ transform: 'translate3d(0,0,0)' }, { transform: `translate3d(${-distance}px,0,0)` }],
      {
        duration: tickerDurationMs(distance, speed),
        easing: whole ? `steps(${Math.max(1, distance)}, end)` : 'linear',
      },
    );
    continueFrom(previous, next);
    next.onfinish = () => runLoop(next);
    if (wanted.paused) next.pause();
    animation = next;
  };

  return {
    update(settings) {
      const idle = animation === undefined;
      wanted = settings;
      if (settings.paused) animation?.pause();
      else if (animation?.playState === 'paused') animation.play();
      // While a loop runs, the new text is picked up at its seam by runLoop.
      if (idle) runLoop(undefined);
    },
    destroy() {
      destroyed = true;
      animation?.cancel();
      track.replaceChildren();
    },
  };
}

/** Starts `next` where `previous` ended on the timeline, so late finish events cause no drift. */
function continueFrom(previous: Animation | undefined, next: Animation): void {
  const start = previous?.startTime;
  const duration = previous?.effect?.getTiming().duration;
  const timelineNow = document.timeline.currentTime;
  if (typeof start !== 'number' || typeof duration !== 'number' || typeof timelineNow !== 'number') return;
  // After a long stall (a hidden window) start afresh instead of racing to catch up.
  if (timelineNow - (start + duration) < MAX_CATCH_UP_MS) next.startTime = start + duration;
}
