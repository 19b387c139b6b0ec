import { useEffect, useState } from 'react';
import type { Clock } from './clock';

/** The clock's time, refreshed every `intervalMs` of real time. */
export function useNow(clock: Clock, intervalMs = 500): Date {
  const [now, setNow] = useState(() => clock.now());
  useEffect(() => {
    const timer = window.setInterval(() => setNow(clock.now()), intervalMs);
    return () => window.clearInterval(timer);
  }, [clock, intervalMs]);
  return now;
}
