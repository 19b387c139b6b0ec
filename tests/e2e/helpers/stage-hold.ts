import type { Page } from 'playwright-core';

/**
 * A quiet point in a running loop: holds the clip in front the way the fleet's pause-motion
 * does (use-motion-hold.ts: `data-held`, then pause), in the same task that sees it in front
 * so it cannot end first, and lets three frames draw. The runner then waits on the held clip
 * and nothing changes the page until releaseClip(); the stage has been laid out without the
 * last card, which Blink's layout otherwise keeps alive until the next frame.
 */
export function holdClip(page: Page): Promise<void> {
  return page.evaluate(
    () =>
      new Promise<void>((resolve) => {
        const frame = (): Promise<void> => new Promise((r) => requestAnimationFrame(() => r()));
        const tryHold = (): void => {
          const stage = document.querySelector<HTMLElement>('[data-testid="stage"]');
          const video = document.querySelector<HTMLVideoElement>('video.stage-video-front');
          if (stage?.dataset.view !== 'video' || !video || video.paused || video.ended) return void requestAnimationFrame(tryHold);
          video.dataset.held = '1';
          video.pause();
          void frame().then(frame).then(frame).then(resolve);
        };
        tryHold();
      }),
  );
}

/** Plays the held clip on, as the end of pause-motion does. */
export function releaseClip(page: Page): Promise<void> {
  return page.evaluate(() => {
    for (const v of document.querySelectorAll<HTMLVideoElement>('video[data-held]')) {
      delete v.dataset.held;
      void v.play().catch(() => undefined);
    }
  });
}
