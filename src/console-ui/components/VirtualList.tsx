import { useEffect, useLayoutEffect, useRef, useState, type ReactNode } from 'react';
import { visibleWindow } from '../library-query';

export interface VirtualListProps<T> {
  /** How many rows the list has (on the server, for a paged list). */
  readonly count: number;
  /** The row at an index, or undefined while its page is on its way. */
  readonly rowAt: (index: number) => T | undefined;
  readonly rowHeight: number;
  readonly rowKey: (item: T) => string;
  readonly renderRow: (item: T, index: number) => ReactNode;
  /** Told which rows are in view (with the spare ones), so a paged list fetches them. */
  readonly onRange?: (start: number, end: number) => void;
  readonly label: string;
  readonly testId?: string;
}

/**
 * A list that draws only the rows in view (plus a few spare), so 20,000 items cost the
 * same as 30. Rows have one fixed height; the spacer gives the scroll bar its true length.
 */
export function VirtualList<T>({ count, rowAt, rowHeight, rowKey, renderRow, onRange, label, testId }: VirtualListProps<T>) {
  const viewport = useRef<HTMLDivElement>(null);
  const [scrollTop, setScrollTop] = useState(0);
  const [height, setHeight] = useState(600);

  useLayoutEffect(() => {
    const el = viewport.current;
    if (!el) return;
    const measure = (): void => setHeight(el.clientHeight);
    measure();
    const observer = new ResizeObserver(measure);
    observer.observe(el);
    return () => observer.disconnect();
  }, []);

  const { start, end } = visibleWindow(scrollTop, height, rowHeight, count);
  useEffect(() => onRange?.(start, end), [onRange, start, end]);
  const rows: ReactNode[] = [];
  for (let i = start; i < end; i++) {
    const item = rowAt(i);
    rows.push(
      <div key={item === undefined ? `pending-${i}` : rowKey(item)} role="row" aria-rowindex={i + 1} aria-busy={item === undefined} className="vrow" style={{ top: i * rowHeight, height: rowHeight }}>
        {item === undefined ? <span className="muted">…</span> : renderRow(item, i)}
      </div>,
    );
  }
  return (
    <div
      ref={viewport}
      className="vlist"
      role="grid"
      aria-label={label}
      aria-rowcount={count}
      data-testid={testId}
      onScroll={(e) => setScrollTop(e.currentTarget.scrollTop)}
    >
      <div className="vlist-spacer" style={{ height: count * rowHeight }}>
        {rows}
      </div>
    </div>
  );
}
