import { useEffect, useLayoutEffect, useRef, useState } from 'react';

export interface PagedTickerProps {
  readonly segments: readonly string[];
  readonly pageSeconds: number;
  readonly paused: boolean;
}

/**
 * One slogan at a time, faded in and held still: for LED strips and for viewers who
 * cannot read moving text (WCAG 2.2.2). A line too wide for the strip is set smaller.
 */
export function PagedTicker({ segments, pageSeconds, paused }: PagedTickerProps) {
  const [index, setIndex] = useState(0);
  const boxRef = useRef<HTMLDivElement>(null);
  const lineRef = useRef<HTMLSpanElement>(null);
  const [fontPx, setFontPx] = useState<number | undefined>(undefined);

  useEffect(() => {
    if (paused || segments.length < 2) return undefined;
    const timer = window.setInterval(() => setIndex((i) => (i + 1) % segments.length), pageSeconds * 1000);
    return () => window.clearInterval(timer);
  }, [paused, segments.length, pageSeconds]);

  const line = segments.length === 0 ? '' : (segments[index % segments.length] ?? '');
  useLayoutEffect(() => {
    const box = boxRef.current;
    const text = lineRef.current;
    if (!box || !text) return;
    text.style.fontSize = '';
    text.style.whiteSpace = 'nowrap';
    const base = parseFloat(getComputedStyle(text).fontSize) || 16;
    const ratio = box.clientWidth / Math.max(1, text.scrollWidth);
    setFontPx(ratio < 1 ? Math.floor(base * Math.max(0.45, ratio * 0.98)) : undefined);
    // Below the smallest readable size the line wraps instead.
    text.style.whiteSpace = ratio < 0.45 ? 'normal' : 'nowrap';
  }, [line]);

  return (
    <div className="ticker ticker-paged" ref={boxRef} data-testid="ticker" data-mode="paged">
      <span key={index} ref={lineRef} className="ticker-copy ticker-page" style={fontPx === undefined ? undefined : { fontSize: `${fontPx}px` }}>
        {line}
      </span>
    </div>
  );
}
