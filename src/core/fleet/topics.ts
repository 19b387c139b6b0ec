import { z } from 'zod';
import { AlertLevel } from '../model/content';
import { PlaysAck } from './plays';
import { SignedPlays } from './plays-signed';
import { SignedMessageEnvelope } from './signed-message';

/** A screen or group id as it appears in a topic: no MQTT wildcards or separators. */
export const TopicId = z.string().regex(/^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/, 'letters, digits, ".", "_" or "-" (max 64)');

export const ScreenStatus = z.strictObject({
  screenId: TopicId,
  online: z.boolean(),
  at: z.iso.datetime({ offset: true }),
  appVersion: z.string().max(40).optional(),
  uptimeSeconds: z.number().nonnegative().optional(),
  layout: z.string().max(20).optional(),
  groups: z.array(TopicId).max(20).optional(),
  currentItem: z.string().max(200).nullable().optional(),
  tickerSource: z.string().max(200).nullable().optional(),
  sync: z
    .strictObject({
      lastSuccess: z.string().nullable(),
      source: z.enum(['feed', 'snapshot', 'pack']),
      lastError: z.string().max(500).nullable(),
    })
    .nullable()
    .optional(),
  alerts: z.array(z.strictObject({ id: z.string().max(200), level: AlertLevel })).max(50).optional(),
  cacheBytes: z.number().nonnegative().optional(),
  warnings: z.number().int().nonnegative().optional(),
  /** The newest of those warnings, so the dashboard says what went wrong, not only how often. */
  lastWarning: z.string().max(300).optional(),
});
export type ScreenStatus = z.infer<typeof ScreenStatus>;

/** What a screen reports back: a command's result, or the alert set it now plays (ids in its state). */
export const ScreenEvent = z.discriminatedUnion('type', [
  z.strictObject({
    type: z.literal('ack'),
    screenId: TopicId,
    at: z.iso.datetime({ offset: true }),
    seq: z.number().int().nonnegative(),
    result: z.enum(['done', 'refused', 'unsupported', 'failed']),
    detail: z.string().max(500).optional(),
  }),
  z.strictObject({
    type: z.literal('alerts-applied'),
    screenId: TopicId,
    at: z.iso.datetime({ offset: true }),
    seq: z.number().int().nonnegative(),
    alertIds: z.array(z.string().max(200)).max(50),
  }),
  /** The answer to a `screenshot` command: a JPEG of at most 200 KB, base64. */
  z.strictObject({
    type: z.literal('screenshot'),
    screenId: TopicId,
    at: z.iso.datetime({ offset: true }),
    seq: z.number().int().nonnegative(),
    jpegBase64: z.string().max(280_000),
  }),
]);
export type ScreenEvent = z.infer<typeof ScreenEvent>;

/**
 * Every fleet topic, declared once (relative to the deployment's prefix). The agent and
 * the console both build and parse topics from this table, and a broker ACL is derived
 * from it in docs/fleet.md.
 */
export const fleetTopics = {
  status: { path: ['screens', '{screen}', 'status'], retain: true, qos: 1, payload: ScreenStatus },
  events: { path: ['screens', '{screen}', 'events'], retain: false, qos: 1, payload: ScreenEvent },
  screenCmd: { path: ['screens', '{screen}', 'cmd'], retain: false, qos: 1, payload: SignedMessageEnvelope },
  groupCmd: { path: ['groups', '{group}', 'cmd'], retain: false, qos: 1, payload: SignedMessageEnvelope },
  alerts: { path: ['alerts'], retain: true, qos: 1, payload: SignedMessageEnvelope },
  /** Sealed play-log records, in numbered batches signed by the screen's own key, screen → console. */
  plays: { path: ['screens', '{screen}', 'plays'], retain: false, qos: 1, payload: SignedPlays },
  /** How far the console has stored a screen's chain; the screen sends what follows. */
  playsAck: { path: ['screens', '{screen}', 'plays-ack'], retain: true, qos: 1, payload: PlaysAck },
} as const;
export type FleetTopic = keyof typeof fleetTopics;

export interface TopicParams {
  readonly screen?: string;
  readonly group?: string;
}

const cleanPrefix = (prefix: string): string[] => prefix.split('/').filter((p) => p.length > 0);

/** The concrete topic for a declaration; undefined when a parameter is missing or unsafe. */
export function topicFor(prefix: string, name: FleetTopic, params: TopicParams = {}): string | undefined {
  const parts: string[] = [...cleanPrefix(prefix)];
  for (const segment of fleetTopics[name].path) {
    const key = segment === '{screen}' ? 'screen' : segment === '{group}' ? 'group' : undefined;
    if (key === undefined) {
      parts.push(segment);
      continue;
    }
    const value = params[key];
    if (value === undefined || !TopicId.safeParse(value).success) return undefined;
    parts.push(value);
  }
  return parts.join('/');
}

/** The subscription filter for a declaration, with `+` in place of each parameter. */
export function topicFilter(prefix: string, name: FleetTopic): string {
  const parts = fleetTopics[name].path.map((s) => (s.startsWith('{') ? '+' : s));
  return [...cleanPrefix(prefix), ...parts].join('/');
}

export type ParsedTopic = { readonly name: FleetTopic } & TopicParams;

/** Which declared topic a concrete topic is, with its parameters; undefined when none. */
export function parseTopic(prefix: string, topic: string): ParsedTopic | undefined {
  const head = cleanPrefix(prefix);
  const parts = topic.split('/');
  if (head.some((p, i) => parts[i] !== p)) return undefined;
  const rest = parts.slice(head.length);
  for (const name of Object.keys(fleetTopics) as FleetTopic[]) {
    const path = fleetTopics[name].path;
    if (path.length !== rest.length) continue;
    const params: { screen?: string; group?: string } = {};
    const matches = path.every((segment, i) => {
      const value = rest[i] ?? '';
      if (segment === '{screen}') return TopicId.safeParse(value).success && ((params.screen = value), true);
      if (segment === '{group}') return TopicId.safeParse(value).success && ((params.group = value), true);
      return segment === value;
    });
    if (matches) return { name, ...params };
  }
  return undefined;
}
