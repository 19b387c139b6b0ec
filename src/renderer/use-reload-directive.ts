import { useEffect, useRef } from 'react';

/** Reloads the page when the fleet's `reload` count grows past the one this page started with. */
export function useReloadDirective(count: number | undefined): void {
  const first = useRef<number | undefined>(undefined);
  useEffect(() => {
    if (count === undefined) return;
    if (first.current === undefined) first.current = count;
    else if (count > first.current) window.location.reload();
  }, [count]);
}
