import type { PlayerState } from '../core/api/contract';
import type { AlertItem, Locale } from '../core/model/content';
import type { Layout } from '../core/model/playlist';
import { assertNever } from '../core/assert-never';
import { screenMode } from '../core/schedule';

/** What the whole screen shows now: a pure decision, rendered by App. */
export type ScreenPlan =
  | { readonly kind: 'loading' }
  | { readonly kind: 'black' }
  | { readonly kind: 'standby' }
  | { readonly kind: 'takeover'; readonly alert: AlertItem }
  | { readonly kind: 'loop'; readonly playable: boolean; readonly banner: AlertItem | undefined };

export function planScreen(input: {
  readonly state: PlayerState | undefined;
  readonly loaded: boolean;
  readonly now: Date;
}): ScreenPlan {
  const { state, loaded, now } = input;
  if (!state) return loaded ? { kind: 'loop', playable: false, banner: undefined } : { kind: 'loading' };
  const mode = screenMode({ playlist: state.playlist, alerts: state.alerts, now });
  switch (mode.mode) {
    case 'black':
      return { kind: 'black' };
    case 'standby':
      return { kind: 'standby' };
    case 'alert':
      return mode.alert.level === 'critical'
        ? { kind: 'takeover', alert: mode.alert }
        : { kind: 'loop', playable: !state.fallback, banner: mode.alert };
    case 'loop':
      return { kind: 'loop', playable: !state.fallback, banner: undefined };
    default:
      return assertNever(mode, 'screen mode');
  }
}

/** Layout when no state says otherwise: guessed from the window's shape. */
export function layoutForViewport(width: number, height: number): Layout {
  if (height < 200) return 'strip';
  return height > width ? 'portrait' : 'landscape';
}

export const DEFAULT_LOCALE: Locale = 'zh-CN';
export { DEFAULT_TIME_ZONE } from '../core/model/playlist';
