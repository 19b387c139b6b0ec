import type { Hono } from 'hono';
import { streamSSE } from 'hono/streaming';
import { EVENTS_PATH, STATE_CHANGE_EVENT } from '../core/api/contract';
import { createSlots } from './security/request-guard';

/**
 * The change stream: one `change` event per new state version. Streams are capped, since
 * each one holds a socket and a listener for as long as the client keeps it open.
 */
export function mountEvents(
  app: Hono,
  deps: {
    readonly subscribe: (listener: (version: number) => void) => () => void;
    readonly version: () => number;
    readonly maxStreams: number;
  },
): void {
  const slots = createSlots(deps.maxStreams);
  app.get(EVENTS_PATH, (c) => {
    const release = slots.tryAcquire();
    if (!release) {
      c.header('retry-after', '5');
      return c.json({ ok: false, error: 'too many event streams' }, 503);
    }
    return streamSSE(c, async (stream) => {
      let wake: (() => void) | undefined;
      const pending: number[] = [];
      const unsubscribe = deps.subscribe((version) => {
        pending.push(version);
        wake?.();
      });
      stream.onAbort(() => {
        unsubscribe();
        release();
        wake?.();
      });
      try {
        await stream.writeSSE({ event: STATE_CHANGE_EVENT, data: String(deps.version()) });
        while (!stream.aborted) {
          // A comment line every 15 s keeps proxies and the renderer's watchdog content.
          await new Promise<void>((r) => {
            wake = r;
            setTimeout(r, 15_000);
          });
          const version = pending.splice(0).pop();
          if (stream.aborted) break;
          if (version === undefined) await stream.write(': keep-alive\n\n');
          else await stream.writeSSE({ event: STATE_CHANGE_EVENT, data: String(version) });
        }
      } finally {
        unsubscribe();
        release();
      }
    });
  });
}
