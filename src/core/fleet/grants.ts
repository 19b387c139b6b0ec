import { z } from 'zod';
import { topicFor, TopicId } from './topics';

/**
 * What one broker account may do, derived from the topic table and the screens registry
 * (never from its user name): the embedded broker's hooks and the Mosquitto ACL file both
 * come from here, so the two brokers enforce the same rules.
 */
export interface ScreenGrant {
  readonly screenId: string;
  readonly groups: readonly string[];
}

export interface TopicGrants {
  readonly publish: readonly string[];
  readonly subscribe: readonly string[];
}

/** A screen publishes its own status, events and plays; it reads alerts, its own and its groups' commands, its own play ack. */
export function grantsFor(prefix: string, grant: ScreenGrant): TopicGrants {
  const screen = grant.screenId;
  const defined = (t: string | undefined): t is string => t !== undefined;
  return {
    publish: [topicFor(prefix, 'status', { screen }), topicFor(prefix, 'events', { screen }), topicFor(prefix, 'plays', { screen })].filter(defined),
    subscribe: [
      topicFor(prefix, 'alerts'),
      topicFor(prefix, 'screenCmd', { screen }),
      topicFor(prefix, 'playsAck', { screen }),
      ...grant.groups.map((group) => topicFor(prefix, 'groupCmd', { group })),
    ].filter(defined),
  };
}

/** Exact topics only: a screen never holds a wildcard, so `kiosk/#` or another screen's topic is refused. */
export const mayPublish = (prefix: string, grant: ScreenGrant, topic: string): boolean => grantsFor(prefix, grant).publish.includes(topic);
export const maySubscribe = (prefix: string, grant: ScreenGrant, filter: string): boolean => grantsFor(prefix, grant).subscribe.includes(filter);

/** One broker account of the registry, as the Mosquitto files need it. */
export interface BrokerAccount {
  readonly user: string;
  readonly grant: ScreenGrant;
}

export const BrokerUser = z.string().regex(/^[A-Za-z0-9._-]{3,64}$/, 'letters, digits, ".", "_" or "-" (3–64)');

/** A Mosquitto 2 `acl_file`: the console reads and writes the whole prefix; each screen account exactly its grants. */
export function mosquittoAcl(prefix: string, consoleUser: string, accounts: readonly BrokerAccount[]): string {
  const lines = [`user ${consoleUser}`, `topic readwrite ${prefix}/#`, ''];
  for (const a of accounts) {
    if (!BrokerUser.safeParse(a.user).success || !TopicId.safeParse(a.grant.screenId).success) continue;
    const g = grantsFor(prefix, a.grant);
    lines.push(`# screen ${a.grant.screenId}`, `user ${a.user}`, ...g.publish.map((t) => `topic write ${t}`), ...g.subscribe.map((t) => `topic read ${t}`), '');
  }
  return lines.join('\n');
}
