import { useEffect, useRef } from 'react';
import type { PlayEvent } from '../core/api/contract';
import type { Clock } from './clock';

export interface Shown {
  readonly id: string;
  readonly kind: 'alert' | 'standby';
  readonly title: string;
}

/**
 * Records screens that are not stage items (an alert, the standby card) in the play log:
 * one event when each one leaves the screen, with how long it was up.
 */
export function useShownReport(current: Shown | undefined, clock: Clock, report: (event: PlayEvent) => void): void {
  const shown = useRef<{ item: Shown; start: Date } | undefined>(undefined);
  const key = current ? `${current.kind}:${current.id}` : '';
  useEffect(() => {
    const previous = shown.current;
    if (previous) {
      const end = clock.now();
      report({
        itemId: previous.item.id,
        kind: previous.item.kind,
        title: previous.item.title.slice(0, 300),
        start: previous.start.toISOString(),
        durationMs: Math.max(0, end.getTime() - previous.start.getTime()),
        completed: true,
      });
    }
    shown.current = current ? { item: current, start: clock.now() } : undefined;
    // Keyed on identity only: a re-render with the same alert is not a new showing.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [key]);
}
