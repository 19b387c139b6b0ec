import { z } from 'zod';
import { strictObject } from './strict';
import { Locale } from './content';
import { Layout } from './playlist';
import { FeedSettings } from './feed-config';
import { FleetSettings } from './fleet-config';
import { PublisherSettings } from './publisher-config';
import { HelpQr, LocalPolice, Region } from './region';

export const WindowPlacement = z.discriminatedUnion('mode', [
  /** Kiosk fullscreen on a display (index in the OS's display list; 0 = primary). */
  strictObject({ mode: z.literal('fullscreen'), display: z.number().int().min(0).default(0) }),
  /** A frameless window at an exact desktop rectangle, e.g. what an LED sending card mirrors. */
  strictObject({
    mode: z.literal('rect'),
    x: z.number().int(),
    y: z.number().int(),
    width: z.number().int().min(16).max(16384),
    height: z.number().int().min(16).max(16384),
  }),
]);
export type WindowPlacement = z.infer<typeof WindowPlacement>;

export const DeviceConfig = strictObject({
  $schema: z.string().optional(),
  screenId: z.string().min(1).max(64).default('screen-1'),
  /** Shown in the header; without it, a campaign name in the screen's language. */
  organisation: z.string().max(60).optional(),
  /** Path of the playlist file, relative to the app's folder or absolute. */
  playlist: z.string().min(1).default('playlists/default.playlist.json'),
  /** Overrides the playlist's layout and first locale when set. */
  layout: Layout.optional(),
  locale: Locale.optional(),
  /** Decides the hotlines on the header, the help slide and the videos' end cards. */
  region: Region.default('cn'),
  /** The local police station's number, shown beside the region's hotlines. */
  localPolice: LocalPolice.optional(),
  /** The page the help slide's QR code opens (printed under it); no QR code without it. */
  helpQr: HelpQr.optional(),
  window: WindowPlacement.default({ mode: 'fullscreen', display: 0 }),
  feeds: FeedSettings.prefault({}),
  /** The console's published folder for this screen's group: its playlist and feed (docs/feeds.md). */
  publisher: PublisherSettings.optional(),
  /** The fleet channel (docs/fleet.md); without it the screen plays and polls exactly as before. */
  fleet: FleetSettings.optional(),
  /** USB sticks (docs/usb.md): folders watched besides the usual removable-media mount points. */
  usb: strictObject({
    /** Each is watched like a mount point: a bundle is looked for at `<path>/anti-fraud-kiosk/` (or one level down). */
    paths: z.array(z.string().min(1).max(500)).max(20).default([]),
  }).prefault({}),
  /**
   * Leaving kiosk mode from the operator overlay needs this PIN; without it, it is not
   * possible. A shorter PIN is refused (as if unset), never weakened into a guessable one.
   */
  operatorPin: z.string().regex(/^\d{6,12}$/, 'at least 6 digits (and at most 12)').optional(),
  /** Start at login on Windows and macOS (Linux: the systemd unit or autostart file in resources/linux). */
  autostart: z.boolean().optional(),
  /** Reload the renderer once a day at this local time (a quiet hour), as a belt-and-braces cleanup. */
  nightlyReload: z
    .string()
    .regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'a time as HH:MM')
    .optional(),
  /** Missing renderer heartbeats for this long means the page hangs and is reloaded. */
  heartbeatTimeoutSeconds: z.number().int().min(5).max(3600).default(30),
  /** The browser player's address. */
  server: z
    .object({
      host: z.string().default('127.0.0.1'),
      port: z.number().int().min(0).max(65535).default(8787),
      /**
       * Names (or addresses) other than loopback that browsers may use to reach the player,
       * e.g. `kiosk.school.lan`; any other Host header is refused (DNS rebinding).
       */
      allowedHosts: z
        .array(z.string().regex(/^(\[[0-9a-f:.]+\]|[a-z0-9.-]+)(:\d{1,5})?$/i, 'a host name, IP address or [IPv6], optionally :port').max(253))
        .max(20)
        .default([]),
    })
    .prefault({}),
});
export type DeviceConfig = z.infer<typeof DeviceConfig>;
