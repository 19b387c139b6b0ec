import { z } from 'zod';
import { AlertLevel } from '../model/content';
import { PlaysRefusal } from '../fleet/plays-signed';
import { FleetAlert, FleetCommand, MessageTarget } from '../fleet/signed-message';
import { ScreenStatus } from '../fleet/topics';

/** The payloads of the console's fleet and USB routes (declared with the rest in contract.ts). */

/** A stick the console sees (under the removable-media mount points, or a folder given with --usb). */
export const UsbStick = z.strictObject({
  path: z.string(),
  freeBytes: z.number().nonnegative().nullable(),
  /** The bundle already on it, if any. */
  bundleVersion: z.number().int().nullable(),
  /** Screens that wrote returns to it. */
  returns: z.number().int().nonnegative(),
});
/** The stick is named by a path the server listed itself (usbSticks); any other is refused. */
export const UsbTarget = z.strictObject({ path: z.string().min(1).max(500) });
export const UsbWritten = z.strictObject({ version: z.number().int(), files: z.number().int(), bytes: z.number().int() });
export const UsbImported = z.strictObject({
  screenId: z.string(),
  records: z.number().int(),
  problems: z.array(z.string()),
  outcome: z.string().nullable(),
  reason: z.string().nullable(),
});

/** One screen on the fleet dashboard (docs/fleet.md); its screenshot is fetched on its own. */
export const FleetScreen = z.strictObject({
  screenId: z.string(),
  presence: z.enum(['online', 'offline', 'stale']),
  lastSeen: z.string(),
  status: ScreenStatus,
  /** Command results by sequence number. */
  acks: z.record(z.string(), z.strictObject({ result: z.string(), at: z.string(), detail: z.string().optional() })),
  applied: z.strictObject({ seq: z.number(), at: z.string(), alertIds: z.array(z.string()) }).optional(),
  screenshot: z.strictObject({ seq: z.number(), at: z.string() }).optional(),
  /** Play uploads from this screen the console refused (malformed, forged, replayed…). */
  refusedUploads: z.number().int().nonnegative(),
  /** The same, per reason (core/fleet/plays-signed.ts). */
  refusedByReason: z.partialRecord(PlaysRefusal, z.number().int().nonnegative()).optional(),
});
export const FleetView = z.strictObject({
  /** Off when the console runs without a broker (a message says why). */
  enabled: z.boolean(),
  broker: z.string(),
  screens: z.array(FleetScreen),
  alerts: z.array(FleetAlert),
  /** What failed on the console's side of the fleet, newest last (also in the console's log). */
  problems: z.array(z.strictObject({ at: z.string(), what: z.string(), message: z.string() })),
});
export const FleetAlertRequest = z.strictObject({
  text: z.string().min(1).max(300),
  level: AlertLevel,
  minutes: z.number().int().min(1).max(7 * 24 * 60),
  target: MessageTarget,
});
export const FleetCommandRequest = z.strictObject({ command: FleetCommand, target: MessageTarget });
export const FleetSent = z.strictObject({ seq: z.number().int().nonnegative() });
export const FleetScreenshot = z.strictObject({ seq: z.number(), at: z.string(), jpegBase64: z.string() });
