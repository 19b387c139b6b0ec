import { useEffect, useLayoutEffect, useRef, useState, type FocusEvent, type ReactNode, type RefObject } from 'react';
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
  /** 'table' for rows of cells with their own buttons; 'grid' (the default) for rows that are one link. */
  readonly role?: 'grid' | 'table';
  /** The column headers' cells: drawn as the first row, kept in view while the rows scroll. */
  readonly header?: ReactNode;
  readonly className?: string;
  /** Extra height (px) besides the rows, e.g. the header's: the list then shrinks to fit few rows, its stylesheet height being the most. */
  readonly fitRows?: number;
}

/** The viewport's height, followed as the window resizes. */
function useViewportHeight(viewport: RefObject<HTMLDivElement | null>): number {
  const [height, setHeight] = useState(600);
  useLayoutEffect(() => {
    const el = viewport.current;
    if (!el) return;
    const measure = (): void => setHeight(el.clientHeight);
    measure();
    const observer = new ResizeObserver(measure);
    observer.observe(el);
    return () => observer.disconnect();
  }, [viewport]);
  return height;
}

/** The row holding the keyboard focus: it stays drawn when it scrolls away, so the focus is not lost. */
function useFocusedRow(): { focused: number | null; onFocus: (e: FocusEvent) => void; onBlur: (e: FocusEvent) => void } {
  const [focused, setFocused] = useState<number | null>(null);
  const indexOf = (el: EventTarget | null): number | null => {
    const row = el instanceof Element ? el.closest<HTMLElement>('[data-vindex]') : null;
    return row ? Number(row.dataset.vindex) : null;
  };
  return {
    focused,
    onFocus: (e) => setFocused(indexOf(e.target)),
    onBlur: (e) => void (e.currentTarget.contains(e.relatedTarget as Node | null) || setFocused(null)),
  };
}

/** The indexes to draw: the window, and the focused row wherever it is. */
function indexesToDraw(start: number, end: number, focused: number | null, count: number): number[] {
  const indexes = Array.from({ length: end - start }, (_, k) => start + k);
  if (focused !== null && focused < count && (focused < start || focused >= end)) indexes.push(focused);
  return indexes;
}

/**
 * A list that draws only the rows in view (plus a few spare), so 20,000 items cost the
 * same as 30. Rows have one fixed height; the spacer gives the scroll bar its true length.
 * aria-rowcount and aria-rowindex tell assistive technology where a drawn row sits.
 */
export function VirtualList<T>({ count, rowAt, rowHeight, rowKey, renderRow, onRange, label, testId, role = 'grid', header, className, fitRows }: VirtualListProps<T>) {
  const viewport = useRef<HTMLDivElement>(null);
  const [scrollTop, setScrollTop] = useState(0);
  const height = useViewportHeight(viewport);
  const focus = useFocusedRow();
  // A list that shrank under a scrolled viewport (a filter) is drawn from its new end, not left blank.
  const { start, end } = visibleWindow(Math.min(scrollTop, Math.max(0, count * rowHeight - height)), height, rowHeight, count);
  useEffect(() => onRange?.(start, end), [onRange, start, end]);
  const first = header === undefined ? 1 : 2;
  const rows = indexesToDraw(start, end, focus.focused, count).map((i) => {
    const item = rowAt(i);
    return (
      <div key={item === undefined ? `pending-${i}` : rowKey(item)} role="row" aria-rowindex={i + first} aria-busy={item === undefined} data-vindex={i} className="vrow" style={{ top: i * rowHeight, height: rowHeight }}>
        {item === undefined ? <span className="muted">…</span> : renderRow(item, i)}
      </div>
    );
  });
  return (
    <div ref={viewport} className={className ? `vlist ${className}` : 'vlist'} role={role} aria-label={label} aria-rowcount={count + first - 1} data-testid={testId}
      style={fitRows === undefined ? undefined : { maxHeight: count * rowHeight + fitRows }}
      onScroll={(e) => setScrollTop(e.currentTarget.scrollTop)} onFocus={focus.onFocus} onBlur={focus.onBlur}>
      {header === undefined ? null : <div role="rowgroup" className="vlist-head"><div role="row" aria-rowindex={1} className="vrow-head">{header}</div></div>}
      <div role="rowgroup" className="vlist-spacer" style={{ height: count * rowHeight }}>
        {rows}
      </div>
    </div>
  );
}
