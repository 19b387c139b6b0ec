import { useLayoutEffect, useRef, useState, type ReactNode } from 'react';
import { visibleWindow } from '../library-query';

export interface VirtualListProps<T> {
  readonly items: readonly T[];
  readonly rowHeight: number;
  readonly rowKey: (item: T) => string;
  readonly renderRow: (item: T, index: number) => ReactNode;
  readonly label: string;
  readonly testId?: string;
}

/**
 * A list that draws only the rows in view (plus a few spare), so 5,000 items cost the
 * same as 30. Rows have one fixed height; the spacer gives the scroll bar its true length.
 */
export function VirtualList<T>({ items, rowHeight, rowKey, renderRow, label, testId }: VirtualListProps<T>) {
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

  const { start, end } = visibleWindow(scrollTop, height, rowHeight, items.length);
  const rows: ReactNode[] = [];
  for (let i = start; i < end; i++) {
    const item = items[i]!;
    rows.push(
      <div key={rowKey(item)} role="row" aria-rowindex={i + 1} className="vrow" style={{ top: i * rowHeight, height: rowHeight }}>
        {renderRow(item, i)}
      </div>,
    );
  }
  return (
    <div
      ref={viewport}
      className="vlist"
      role="grid"
      aria-label={label}
      aria-rowcount={items.length}
      data-testid={testId}
      onScroll={(e) => setScrollTop(e.currentTarget.scrollTop)}
    >
      <div className="vlist-spacer" style={{ height: items.length * rowHeight }}>
        {rows}
      </div>
    </div>
  );
}
