import { memo, useEffect, useRef } from 'react';
import { createTickerEngine, type TickerEngine } from '../player/ticker-engine';

export interface TickerProps {
  readonly text: string;
  /** Fixed px/s; without it the speed follows charsPerSecond and the font size. */
  readonly speed?: number | undefined;
  readonly charsPerSecond: number;
  readonly wholePixelSteps: boolean;
  readonly paused?: boolean;
  readonly tone?: 'normal' | 'alert';
}

/** The scrolling line along the bottom (or the whole screen of an LED strip). */
export const Ticker = memo(function Ticker({ text, speed, charsPerSecond, wholePixelSteps, paused = false, tone = 'normal' }: TickerProps) {
  const viewportRef = useRef<HTMLDivElement>(null);
  const trackRef = useRef<HTMLDivElement>(null);
  const engineRef = useRef<TickerEngine | undefined>(undefined);

  useEffect(() => {
    const viewport = viewportRef.current;
    const track = trackRef.current;
    if (!viewport || !track) return undefined;
    const engine = createTickerEngine(viewport, track);
    engineRef.current = engine;
    return () => {
      engine.destroy();
      engineRef.current = undefined;
    };
  }, []);

  useEffect(() => {
    const engine = engineRef.current;
    if (!engine) return undefined;
    let cancelled = false;
    // Measure only once the font slices this text needs are in, or the loop width is wrong.
    void fontsFor(trackRef.current, text).then(() => {
      if (!cancelled) engine.update({ text, speed, charsPerSecond, wholePixelSteps, paused });
    });
    return () => {
      cancelled = true;
    };
  }, [text, speed, charsPerSecond, wholePixelSteps, paused]);

  return (
    <div className={`ticker ticker-${tone}`} ref={viewportRef} data-testid="ticker">
      <div className="ticker-track" ref={trackRef} />
    </div>
  );
});

async function fontsFor(element: HTMLElement | null, text: string): Promise<void> {
  if (!element || text === '') return;
  const style = getComputedStyle(element);
  try {
    await document.fonts.load(`${style.fontWeight} ${style.fontSize} ${style.fontFamily}`, text);
  } catch {
    // A font that cannot load falls back to the next family; the width is measured anyway.
  }
}
