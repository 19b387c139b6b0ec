import type { AlertItem, AlertLevel } from '../model/content';

const SEVERITY: Readonly<Record<AlertLevel, number>> = { critical: 3, warning: 2, info: 1 };

export const isAlertActive = (alert: AlertItem, now: Date): boolean =>
  Date.parse(alert.starts) <= now.getTime() && now.getTime() < Date.parse(alert.expires);

/** Alerts in force at `now`, most severe first, then the newest. */
export function activeAlerts(alerts: readonly AlertItem[], now: Date): AlertItem[] {
  return alerts
    .filter((a) => isAlertActive(a, now))
    .sort(
      (a, b) =>
        SEVERITY[b.level] - SEVERITY[a.level] || Date.parse(b.starts) - Date.parse(a.starts),
    );
}
