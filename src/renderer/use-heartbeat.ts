import { useEffect } from 'react';
import { callRoute } from './api/client';

const HEARTBEAT_MS = 5_000;

/** Tells the host the renderer is alive; missing beats make it reload the renderer. */
export function useHeartbeat(): void {
  useEffect(() => {
    const beat = (): void => void callRoute('heartbeat', {});
    beat();
    const timer = window.setInterval(beat, HEARTBEAT_MS);
    return () => window.clearInterval(timer);
  }, []);
}
