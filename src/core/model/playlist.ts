import { z } from 'zod';
import { strictObject } from './strict';
import { Locale } from './content';
import { Audience } from './region';

/** The zone a playlist's hours and days are read in when it names none; every other default of it comes from here. */
export const DEFAULT_TIME_ZONE = 'Asia/Shanghai';

export const Layout = z.enum(['landscape', 'portrait', 'strip']);
export type Layout = z.infer<typeof Layout>;

export const Weekday = z.enum(['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun']);
export type Weekday = z.infer<typeof Weekday>;

const ClockTime = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'a time as HH:MM (00:00-23:59)');
const Seconds = z.number().positive().max(3600);

export const TickerSource = z.discriminatedUnion('type', [
  strictObject({ type: z.literal('slogans'), tags: z.array(z.string()).optional() }),
  strictObject({ type: z.literal('case-titles') }),
  strictObject({ type: z.literal('notices') }),
]);
export type TickerSource = z.infer<typeof TickerSource>;

export const Ticker = strictObject({
  sources: z.array(TickerSource).min(1).default([{ type: 'slogans' }]),
  /** `scroll` moves the line; `paged` shows one line at a time with a fade (LED strips, WCAG 2.2.2). */
  mode: z.enum(['scroll', 'paged']).default('scroll'),
  /**
   * Reading speed in CJK characters per second (about 6 reads best), turned into pixels
   * per second from the rendered glyph height. Used unless `speed` is given.
   */
  charsPerSecond: z.number().min(1).max(30).default(6),
  /** A fixed speed in CSS pixels per second, whatever the font size; wins over charsPerSecond. */
  speed: z.number().min(10).max(2000).optional(),
  /** How long each line stays in paged mode. */
  pageSeconds: z.number().min(2).max(60).default(6),
  separator: z.string().max(10).default('　◆　'),
  /** Round the speed to whole pixels per frame so small LED text does not shimmer; on for strips when absent. */
  wholePixelSteps: z.boolean().optional(),
  /** Slogans with this tag form the core set that every loop shows. */
  coreTag: z.string().max(40).default('core'),
  /** How many other slogans per locale each loop adds to the core set, rotating through all of them. */
  rotateIn: z.number().int().min(0).max(500).default(8),
});
export type Ticker = z.infer<typeof Ticker>;

export const StageEntry = z.discriminatedUnion('type', [
  /** One specific video. */
  strictObject({ type: z.literal('video'), id: z.string() }),
  /** The next video of the pack in rotation, one per pass. */
  strictObject({ type: z.literal('next-video') }),
  strictObject({ type: z.literal('case-of-the-day'), seconds: Seconds.default(20) }),
  /** One specific notice or help slide. */
  strictObject({ type: z.literal('notice'), id: z.string(), seconds: Seconds.default(12) }),
  /** The next notice of a variant in rotation, one per pass. */
  strictObject({
    type: z.literal('next-notice'),
    variant: z.enum(['help', 'notice', 'quiz']).optional(),
    seconds: Seconds.default(12),
  }),
]);
export type StageEntry = z.infer<typeof StageEntry>;

export const OnHoursRule = strictObject({
  days: z.array(Weekday).min(1),
  from: ClockTime,
  /** May be earlier than `from`: the period then crosses midnight. */
  to: ClockTime,
});
export type OnHoursRule = z.infer<typeof OnHoursRule>;

export const OnHours = strictObject({
  rules: z.array(OnHoursRule).default([]),
  /** What the screen shows outside the on-hours. */
  outside: z.enum(['standby', 'black']).default('standby'),
});
export type OnHours = z.infer<typeof OnHours>;

/**
 * Screens of one sync group play the stage loop in step (docs/sync.md): item k starts at
 * `epoch + k·duration` on the clock they share, so no message is needed per switch.
 */
export const SyncGroup = strictObject({
  group: z.string().regex(/^[a-z0-9][a-z0-9-]{0,39}$/, 'lower-case letters, digits or "-" (max 40)'),
  /** The loop's origin in shared time; the Unix epoch when absent (every screen agrees on it). */
  epoch: z.iso.datetime({ offset: true }).optional(),
  /** How long a video's slot lasts in the synced loop (a shorter clip holds its last frame). */
  videoSeconds: Seconds.optional(),
});
export type SyncGroup = z.infer<typeof SyncGroup>;

export const Playlist = strictObject({
  $schema: z.string().optional(),
  name: z.string().min(1).max(80),
  layout: Layout.default('landscape'),
  /** The first locale is the screen's language; the others rotate in the ticker. */
  locales: z.array(Locale).min(1).default(['zh-CN']),
  /** Who the screen speaks to; the case of the day comes from cases tagged for them. */
  audiences: z.array(Audience).min(1).optional(),
  /** Content pack files, relative to the playlist file. */
  pack: z.array(z.string().min(1)).min(1),
  ticker: Ticker.prefault({}),
  stage: z.array(StageEntry).default([]),
  /** Without rules the screen is always on. */
  onHours: OnHours.prefault({}),
  timeZone: z.string().default(DEFAULT_TIME_ZONE),
  /** Play the stage in step with the other screens of this sync group. */
  sync: SyncGroup.optional(),
});
export type Playlist = z.infer<typeof Playlist>;
