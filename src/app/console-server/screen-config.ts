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
 * its feed and key, the group's layout and language, the fleet section with the screen's
 * own account when it joined, and the `publisher` section on kiosks that know it.
 */
export function screenConfig(data: ConsoleData, fleet: ConsoleFleet | undefined, group: ScreenGroup, account?: ScreenAccount): { feedUrl: string; publicKey: string; config: z.input<typeof DeviceConfig> } {
  const base = data.settings.settings().publicUrl.replace(/\/+$/, '');
  const feedUrl = group.tags.length > 0 ? feedUrlOf(base, groupFeedName(group.id)) : feedUrlOf(base);
  const publicKey = data.keys().publicKeyBase64;
  const allowHttp = feedUrl.startsWith('http:');
  // The console is often on the school's own network: its host may resolve to a private address.
  const privateHosts = [new URL(feedUrl).hostname.replace(/^\[|\]$/g, '')];
  const screenId = account?.screenId ?? `${group.id}-01`;
  const credentials = account ? { username: account.brokerUser, password: account.brokerSecret } : {};
  // Without an account the snippet has none: each screen gets its own when it joins.
  const fleetPart = fleet ? { fleet: { broker: fleet.brokerUrl, prefix: fleet.prefix, groups: [group.id], ...credentials, publicKey } } : {};
  // The group's published documents, for kiosks whose config format has this section.
  const publisherPart = 'publisher' in DeviceConfig.shape ? { publisher: { url: base, group: group.id, publicKey } } : {};
  const config: z.input<typeof DeviceConfig> = {
    ...fleetPart,
    ...publisherPart,
    screenId, organisation: group.name.slice(0, 60), layout: group.layout, locale: group.locales[0], region: group.region ?? 'cn',
    feeds: { sources: [{ url: feedUrl, allowHttp, tags: [] }], publicKey, privateHosts, pollSeconds: 300, maxItemsPerFeed: 5000, ...data.settings.settings().policy },
  };
  return { feedUrl, publicKey, config };
}
