import type { AlertItem } from '../model/content';
import type { Playlist } from '../model/playlist';
import { activeAlerts } from './alerts';
import { isOnAir } from './on-hours';

export type ScreenMode =
  | { readonly mode: 'alert'; readonly alert: AlertItem }
  | { readonly mode: 'loop' }
  | { readonly mode: 'standby' }
  | { readonly mode: 'black' };

/** What the whole screen does at `now`: an alert pre-empts everything, then on-hours decide. */
export function screenMode(input: {
  readonly playlist: Playlist;
  readonly alerts: readonly AlertItem[];
  readonly now: Date;
}): ScreenMode {
  const [alert] = activeAlerts(input.alerts, input.now);
  if (alert) return { mode: 'alert', alert };
  if (isOnAir(input.playlist.onHours, input.now, input.playlist.timeZone)) return { mode: 'loop' };
  return { mode: input.playlist.onHours.outside };
}
