import { useCallback, useEffect, useLayoutEffect, useRef, useState } from 'react';
import type { Result } from '../core/result';
import type { ApiError } from './api/client';

/**
 * Long lists (library, screens, audit) come from the server one page at a time: the list
 * asks for the pages under the rows in view, keeps those it has, and starts over when the
 * search or a filter changes. Nothing asks for every row.
 */
export const PAGE_ROWS = 100;

/** The page numbers covering rows [start, end). */
export function pagesFor(start: number, end: number, size = PAGE_ROWS): number[] {
  if (end <= start) return [];
  const first = Math.floor(start / size);
  const last = Math.floor((end - 1) / size);
  return Array.from({ length: last - first + 1 }, (_, k) => first + k);
}

export interface PageReply<T> { readonly total: number; readonly entries: readonly T[] }
export type FetchPage<T, R extends PageReply<T>> = (offset: number, limit: number) => Promise<Result<R, ApiError>>;

export interface PagedRows<T, R extends PageReply<T>> {
  /** Matching rows on the server; null until the first page arrives. */
  readonly total: number | null;
  /** The newest reply, for what else it carries (the library's tag list). */
  readonly last: R | null;
  readonly error: ApiError | null;
  rowAt(index: number): T | undefined;
  /** The list shows rows [start, end): fetches the pages under them not yet asked for. */
  show(start: number, end: number): void;
  reload(): void;
}

/** `key` names the query: when it changes, what was fetched is dropped and page 0 is asked for. */
export function usePagedRows<R extends PageReply<unknown>>(fetchPage: FetchPage<R['entries'][number], R>, key: string): PagedRows<R['entries'][number], R> {
  type T = R['entries'][number];
  const [pages, setPages] = useState<ReadonlyMap<number, readonly T[]>>(new Map());
  const [last, setLast] = useState<R | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const asked = useRef(new Set<number>());
  const generation = useRef(0);
  // Until the new query's first page arrives, the old rows stay: no flash of an empty list.
  const fresh = useRef(true);
  const fetchRef = useRef(fetchPage);
  // Layout effects run before effects: the reset below already asks with the new query.
  useLayoutEffect(() => {
    fetchRef.current = fetchPage;
  }, [fetchPage]);

  const load = useCallback((page: number) => {
    if (asked.current.has(page)) return;
    asked.current.add(page);
    const mine = generation.current;
    void fetchRef.current(page * PAGE_ROWS, PAGE_ROWS).then((reply) => {
      if (mine !== generation.current) return; // an answer to a query no longer shown
      if (!reply.ok) {
        asked.current.delete(page);
        setError(reply.error);
        return;
      }
      setError(null);
      setLast(reply.value);
      const replace = fresh.current;
      fresh.current = false;
      setPages((old) => (replace ? new Map([[page, reply.value.entries]]) : new Map(old).set(page, reply.value.entries)));
    });
  }, []);

  const reset = useCallback(() => {
    generation.current += 1;
    asked.current = new Set();
    fresh.current = true;
    load(0);
  }, [load]);
  useEffect(reset, [key, reset]);

  return {
    total: last?.total ?? null,
    last,
    error,
    rowAt: (index) => pages.get(Math.floor(index / PAGE_ROWS))?.[index % PAGE_ROWS],
    show: (start, end) => {
      for (const page of pagesFor(start, end)) load(page);
    },
    reload: reset,
  };
}
