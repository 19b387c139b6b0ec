import { useEffect, useState } from 'react';
import { EVENTS_PATH, STATE_CHANGE_EVENT, type PlayerState } from '../core/api/contract';
import { callRoute, relative } from './api/client';

export interface PlayerStateView {
  /** The last good state; kept when a later fetch fails, so a server hiccup changes nothing on screen. */
  readonly state: PlayerState | undefined;
  readonly error: string | undefined;
}

const POLL_MS = 30_000;
const RETRY_MS = 3_000;

/** Fetches the state, refetches on every `change` event and polls as a safety net. */
export function usePlayerState(): PlayerStateView {
  const [view, setView] = useState<PlayerStateView>({ state: undefined, error: undefined });

  useEffect(() => {
    let stopped = false;
    let timer: number | undefined;
    const refresh = async (): Promise<void> => {
      window.clearTimeout(timer);
      const result = await callRoute('state');
      if (stopped) return;
      setView((previous) =>
        result.ok
          ? { state: newer(previous.state, result.value), error: undefined }
          : { state: previous.state, error: result.error },
      );
      timer = window.setTimeout(() => void refresh(), result.ok ? POLL_MS : RETRY_MS);
    };
    const events = new EventSource(relative(EVENTS_PATH));
    events.addEventListener(STATE_CHANGE_EVENT, () => void refresh());
    // After a reconnect the version may have moved on while the stream was down.
    events.addEventListener('open', () => void refresh());
    void refresh();
    return () => {
      stopped = true;
      window.clearTimeout(timer);
      events.close();
    };
  }, []);

  return view;
}

function newer(previous: PlayerState | undefined, next: PlayerState): PlayerState {
  if (previous && previous.startedAt === next.startedAt && previous.version > next.version) return previous;
  return next;
}
