import { z } from 'zod';
import { AlertLevel } from '../model/content';
import { err, ok, type Result } from '../result';

/**
 * A signed fleet message. As with the signed feed manifest, `message` holds the signed
 * JSON text verbatim and `signature` is Ed25519 over its UTF-8 bytes (base64), so the
 * signed bytes are canonical by construction: no canonical-JSON step can disagree.
 */
export const SignedMessageEnvelope = z.strictObject({
  format: z.literal('kiosk-signed-message/1'),
  message: z.string().min(2).max(200_000),
  signature: z.string().min(40).max(200),
});
export type SignedMessageEnvelope = z.infer<typeof SignedMessageEnvelope>;

const Instant = z.iso.datetime({ offset: true });
const Id = z.string().regex(/^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/);

export const MessageTarget = z.discriminatedUnion('scope', [
  z.strictObject({ scope: z.literal('all') }),
  z.strictObject({ scope: z.literal('group'), group: Id }),
  z.strictObject({ scope: z.literal('screen'), screen: Id }),
]);
export type MessageTarget = z.infer<typeof MessageTarget>;

export const FleetCommand = z.enum(['sync-now', 'reload', 'identify', 'pause-motion', 'resume-motion', 'screenshot']);
export type FleetCommand = z.infer<typeof FleetCommand>;

export const FleetAlert = z.strictObject({
  id: z.string().regex(/^[a-z0-9][a-z0-9._-]{0,127}$/),
  text: z.string().min(1).max(300),
  level: AlertLevel,
  start: Instant,
  expires: Instant,
  target: MessageTarget,
});
export type FleetAlert = z.infer<typeof FleetAlert>;

export const FleetMessageBody = z.discriminatedUnion('type', [
  /** The whole set of active alerts: a clear is a new set without the alert. Retained. */
  z.strictObject({ type: z.literal('alerts'), alerts: z.array(FleetAlert).max(50) }),
  z.strictObject({ type: z.literal('command'), command: FleetCommand, target: MessageTarget }),
]);
export type FleetMessageBody = z.infer<typeof FleetMessageBody>;

export const FleetMessage = z.strictObject({
  /** Strictly increasing per publisher: a lower number than the last accepted is a replay. */
  seq: z.number().int().nonnegative(),
  issuedAt: Instant,
  expires: Instant,
  body: FleetMessageBody,
});
export type FleetMessage = z.infer<typeof FleetMessage>;

/** Parses the signed text; the signature itself is checked at the edge (Node crypto). */
export function parseFleetMessage(text: string): Result<FleetMessage> {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return err('message is not JSON');
  }
  const parsed = FleetMessage.safeParse(json);
  if (!parsed.success) {
    const first = parsed.error.issues[0];
    return err(`message is malformed at ${first?.path.join('.') || '(root)'}: ${first?.message ?? 'invalid'}`);
  }
  return ok(parsed.data);
}

export interface ScreenIdentity {
  readonly screenId: string;
  readonly groups: readonly string[];
}

export function targets(target: MessageTarget, screen: ScreenIdentity): boolean {
  switch (target.scope) {
    case 'all':
      return true;
    case 'group':
      return screen.groups.includes(target.group);
    case 'screen':
      return target.screen === screen.screenId;
  }
}

export interface AcceptanceWindow {
  /** How far a sender's clock may run ahead of the screen's. */
  readonly maxSkewMs: number;
  /** A command older than this is stale (an alert set lives until its own expiry). */
  readonly maxCommandAgeMs: number;
}

export const DEFAULT_WINDOW: AcceptanceWindow = { maxSkewMs: 120_000, maxCommandAgeMs: 120_000 };

export type Verdict =
  | { readonly kind: 'accept' }
  /** The same alert set again (a retained message on reconnect): nothing changes. */
  | { readonly kind: 'duplicate' }
  | { readonly kind: 'ignore'; readonly reason: string }
  | { readonly kind: 'refuse'; readonly reason: string };

export interface AcceptanceInput {
  readonly message: FleetMessage;
  readonly screen: ScreenIdentity;
  readonly now: Date;
  /** The highest sequence number accepted so far for this message type, if any. */
  readonly lastSeq: number | undefined;
  readonly window?: AcceptanceWindow;
}

/** Whether a verified message may act on this screen: freshness, replay and target. */
export function judgeMessage(input: AcceptanceInput): Verdict {
  const { message, now } = input;
  const limits = input.window ?? DEFAULT_WINDOW;
  const issued = Date.parse(message.issuedAt);
  const expires = Date.parse(message.expires);
  if (issued > now.getTime() + limits.maxSkewMs) return { kind: 'refuse', reason: `issued in the future (${message.issuedAt})` };
  if (expires <= now.getTime()) return { kind: 'refuse', reason: `expired at ${message.expires}` };
  if (input.lastSeq !== undefined && message.seq < input.lastSeq) {
    return { kind: 'refuse', reason: `replayed: sequence ${message.seq} is below the last accepted ${input.lastSeq}` };
  }
  const body = message.body;
  switch (body.type) {
    case 'alerts':
      return message.seq === input.lastSeq ? { kind: 'duplicate' } : { kind: 'accept' };
    case 'command':
      if (message.seq === input.lastSeq) return { kind: 'refuse', reason: `replayed: sequence ${message.seq} was already used` };
      if (now.getTime() - issued > limits.maxCommandAgeMs) return { kind: 'refuse', reason: `stale: issued at ${message.issuedAt}` };
      return targets(body.target, input.screen) ? { kind: 'accept' } : { kind: 'ignore', reason: 'not for this screen' };
  }
}

/** The alerts of an accepted set that apply to this screen now. */
export function alertsForScreen(alerts: readonly FleetAlert[], screen: ScreenIdentity, now: Date): FleetAlert[] {
  const t = now.getTime();
  return alerts.filter((a) => targets(a.target, screen) && Date.parse(a.start) <= t && Date.parse(a.expires) > t);
}
