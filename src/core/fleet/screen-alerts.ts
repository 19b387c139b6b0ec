import type { AlertItem } from '../model/content';
import { checkItem, type PolicyConfig } from '../policy/content-policy';
import type { FleetAlert } from './signed-message';

export interface VettedAlerts {
  readonly shown: readonly AlertItem[];
  /** Alerts the content policy refused, with the reason: a signed alert is still plain text to vet. */
  readonly refused: readonly { readonly id: string; readonly reason: string }[];
}

/** A verified fleet alert set, as the screen's alert items, each through the content policy. */
export function vetFleetAlerts(alerts: readonly FleetAlert[], policy: PolicyConfig): VettedAlerts {
  const shown: AlertItem[] = [];
  const refused: { id: string; reason: string }[] = [];
  for (const a of alerts) {
    const item: AlertItem = { kind: 'alert', id: `fleet-${a.id}`.slice(0, 128), text: a.text, level: a.level, starts: a.start, expires: a.expires };
    const checked = checkItem(item, policy);
    if (checked.ok && checked.value.kind === 'alert') shown.push(checked.value);
    else refused.push({ id: a.id, reason: checked.ok ? 'not an alert' : checked.error });
  }
  return { shown, refused };
}
