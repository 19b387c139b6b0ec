import { useEffect, useLayoutEffect, useRef, useState } from 'react';

export interface PagedTickerProps {
  readonly segments: readonly string[];
  readonly pageSeconds: number;
  readonly paused: boolean;
}

interface Fit {
  readonly fontPx: number | undefined;
  readonly wrap: boolean;
}

/** Below this share of the strip's type size a line wraps onto two lines instead of shrinking. */
const SMALLEST = 0.45;

/**
 * One slogan at a time, faded in and held still: for LED strips and for viewers who
 * cannot read moving text (WCAG 2.2.2). A line too wide for the screen is set smaller,
 * measured on a hidden copy so the shown line never flickers through sizes.
 */
export function PagedTicker({ segments, pageSeconds, paused }: PagedTickerProps) {
  const [index, setIndex] = useState(0);
  const boxRef = useRef<HTMLDivElement>(null);
  const probeRef = useRef<HTMLSpanElement>(null);
  const [fit, setFit] = useState<Fit>({ fontPx: undefined, wrap: false });

  useEffect(() => {
    if (paused || segments.length < 2) return undefined;
    const timer = window.setInterval(() => setIndex((i) => (i + 1) % segments.length), pageSeconds * 1000);
    return () => window.clearInterval(timer);
  }, [paused, segments.length, pageSeconds]);

  const line = segments.length === 0 ? '' : (segments[index % segments.length] ?? '');
  useLayoutEffect(() => {
    const box = boxRef.current;
    const probe = probeRef.current;
    if (!box || !probe) return;
    const base = parseFloat(getComputedStyle(probe).fontSize) || 16;
    const ratio = (box.clientWidth * 0.96) / Math.max(1, probe.scrollWidth);
    setFit(ratio >= 1 ? { fontPx: undefined, wrap: false } : { fontPx: Math.floor(base * Math.max(SMALLEST, ratio)), wrap: ratio < SMALLEST });
  }, [line]);

  return (
    <div className="ticker ticker-paged" ref={boxRef} data-testid="ticker" data-mode="paged">
      <span ref={probeRef} className="ticker-copy ticker-probe" aria-hidden="true">
        {line}
      </span>
      <span
        key={index}
        className={`ticker-copy ticker-page${fit.wrap ? ' ticker-page-wrap' : ''}`}
        style={fit.fontPx === undefined ? undefined : { fontSize: `${fit.fontPx}px` }}
      >
        {line}
      </span>
    </div>
  );
}
