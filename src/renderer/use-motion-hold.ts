import { useEffect } from 'react';

/**
 * Holds every playing video while motion is paused (the fleet's `pause-motion`, WCAG 2.2.2)
 * and plays them on again after. A held video is marked, so the stage's stall watchdog
 * waits instead of skipping it.
 */
export function useMotionHold(paused: boolean): void {
  useEffect(() => {
    if (!paused) return undefined;
    const held = [...document.querySelectorAll('video')].filter((v) => !v.paused);
    for (const v of held) {
      v.dataset.held = '1';
      v.pause();
    }
    return () => {
      for (const v of held) {
        delete v.dataset.held;
        void v.play().catch(() => undefined);
      }
    };
  }, [paused]);
}
