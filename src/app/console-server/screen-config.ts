import type { z } from 'zod';
import { feedUrlOf, groupFeedName } from '../../core/console/feed-documents';
import type { ScreenGroup } from '../../core/console/formats';
import { DeviceConfig } from '../../core/model/config';
import type { ConsoleData } from '../../node/console/console-data';
import type { ConsoleFleet } from '../console-fleet';

/** A joined screen's own broker account, handed over once. */
export interface ScreenAccount {
  readonly screenId: string;
  readonly brokerUser: string;
  readonly brokerSecret: string;
}

/**
 * A device config for a screen of `group` (src/core/model/config.ts, the kiosk's own type):
 * who the screen is and where its group's signed documents are; the loop, ticker, hours,
 * languages and region come from those documents. With an account (a joined screen), the
 * fleet section carries the screen's own broker credentials; the snippet carries none.
 */
export function screenConfig(data: ConsoleData, fleet: ConsoleFleet | undefined, group: ScreenGroup, account?: ScreenAccount): { feedUrl: string; publicKey: string; config: z.input<typeof DeviceConfig> } {
  const base = data.settings.settings().publicUrl.replace(/\/+$/, '');
  const feedUrl = feedUrlOf(base, groupFeedName(group.id));
  const publicKey = data.keys().publicKeyBase64;
  // The console is often on the school's own network: its host may resolve to a private address.
  const privateHosts = [new URL(feedUrl).hostname.replace(/^\[|\]$/g, '')];
  const screenId = account?.screenId ?? `${group.id}-01`;
  const credentials = account ? { username: account.brokerUser, password: account.brokerSecret } : {};
  const fleetPart = fleet ? { fleet: { broker: fleet.brokerUrl, prefix: fleet.prefix, groups: [group.id], ...credentials, publicKey } } : {};
  const config: z.input<typeof DeviceConfig> = {
    ...fleetPart,
    screenId, organisation: group.name.slice(0, 60),
    publisher: { url: base, group: group.id, publicKey },
    feeds: { privateHosts, ...data.settings.settings().policy },
  };
  return { feedUrl, publicKey, config };
}
