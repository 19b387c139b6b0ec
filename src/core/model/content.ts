import { z } from 'zod';
import { strictObject } from './strict';
import { Audience, Region, Season } from './region';
import { Validity } from './validity';

/**
 * Locales the bundled pack and fonts cover. zh-HK is Hong Kong written Chinese (短訊, 網上,
 * 戶口), hand-written, not zh-TW converted: the two differ in words, not only in script.
 */
export const Locale = z.enum(['zh-CN', 'zh-TW', 'zh-HK', 'en']);
export type Locale = z.infer<typeof Locale>;

/** The fraud types named by the campaign documents (DOMAIN.md). */
export const FraudType = z.enum([
  'sms-fake-prize-or-bill',
  'hijacked-chat-account',
  'impersonating-police',
  'impersonating-bank',
  'online-shopping-rebate',
  'atm-trick',
  'job-or-study-abroad-bait',
  'fake-company-contract',
  'brushing-part-time-job',
  'high-interest-loan',
  'door-to-door-fake-goods',
  'sympathy-scam',
  'stolen-student-data',
  'investment-tip-group',
  'online-loan',
  'fake-customer-service-refund',
  'impersonating-boss',
  'cheap-goods-bait',
  'romance-investment',
  'fake-credit-record',
  'impersonating-soldier-purchase',
  'game-trading',
  'flight-change-refund',
  'student-grant',
  'rental-deposit',
  'ai-face-voice',
  'social-insurance-tax-refund',
  'elderly-care-investment',
  'renting-accounts-cards',
  'illegal-fundraising',
  'auto-renewal-cancel',
  'online-gambling',
  'fake-buyer',
  'guess-who-call',
  'fake-tickets',
]);
export type FraudType = z.infer<typeof FraudType>;

const Id = z
  .string()
  .regex(/^[a-z0-9][a-z0-9._-]{0,127}$/, 'lower-case letters, digits, ".", "_" or "-" (max 128)');
const IsoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'a date as YYYY-MM-DD');
const Instant = z.iso.datetime({ offset: true });
/** A media path relative to the pack's folder (or a cache key); never a remote URL. */
export const MediaRef = z
  .string()
  .min(1)
  .max(512)
  .refine((p) => !/^[a-z][a-z0-9+.-]*:/i.test(p), 'a path inside the pack, not a URL')
  .refine((p) => !p.split(/[\\/]/).includes('..'), 'a path that stays inside the pack')
  .refine((p) => !p.startsWith('/'), 'a relative path');

const Base = {
  id: Id,
  locale: Locale,
  tags: z.array(z.string().max(40)).max(20).optional(),
  /** Regions whose screens may show the item (it names their hotlines); all when absent. */
  regions: z.array(Region).min(1).optional(),
  /** Who the item speaks to; a playlist with audiences prefers items that share one. */
  audiences: z.array(Audience).min(1).optional(),
  /** Yearly windows the item belongs to; outside them it is not shown. Always, when absent. */
  seasons: z.array(Season).min(1).optional(),
  /** A date window or yearly season set in the console; each screen judges it with its own clock. */
  validity: Validity.optional(),
};

export const SloganItem = strictObject({
  kind: z.literal('slogan'),
  ...Base,
  text: z.string().min(1).max(200),
});

export const CaseItem = strictObject({
  kind: z.literal('case'),
  ...Base,
  title: z.string().min(1).max(80),
  fraudType: FraudType,
  story: z.string().min(1).max(1200),
  amountLost: z.number().nonnegative().finite(),
  /** Money kept because the victim was stopped in time; shown instead of a zero loss. */
  amountSaved: z.number().positive().finite().optional(),
  currency: z.string().length(3).default('CNY'),
  lesson: z.string().min(1).max(300),
  /** Only for a dated public case; adapted stories carry none. */
  date: IsoDate.optional(),
  /** Viewer-facing, in the item's language, e.g. 根据公安机关公布案例改编. */
  source: z.string().min(1).max(200),
  /** Show this case on these local dates instead of the rotation. */
  pinnedDates: z.array(IsoDate).optional(),
});

export const VideoItem = strictObject({
  kind: z.literal('video'),
  ...Base,
  title: z.string().min(1).max(120),
  file: MediaRef,
  captions: MediaRef.optional(),
  poster: MediaRef.optional(),
  /** Upper bound for one play; a video still running after it is skipped as stalled. */
  maxSeconds: z.number().positive().max(3600).optional(),
});

export const NoticeItem = strictObject({
  kind: z.literal('notice'),
  ...Base,
  /** `quiz`: the title is the question, shown alone first; the text is the answer. */
  variant: z.enum(['help', 'notice', 'quiz']).default('notice'),
  title: z.string().min(1).max(120),
  text: z.string().min(1).max(800),
  image: MediaRef.optional(),
  /** Payload rendered locally as a QR code. */
  qr: z.string().min(1).max(300).optional(),
});

export const AlertLevel = z.enum(['info', 'warning', 'critical']);
export type AlertLevel = z.infer<typeof AlertLevel>;

export const AlertItem = strictObject({
  kind: z.literal('alert'),
  id: Id,
  locale: Locale.optional(),
  text: z.string().min(1).max(300),
  level: AlertLevel,
  starts: Instant,
  expires: Instant,
});

export const ContentItem = z.discriminatedUnion('kind', [
  SloganItem,
  CaseItem,
  VideoItem,
  NoticeItem,
  AlertItem,
]);

export type SloganItem = z.infer<typeof SloganItem>;
export type CaseItem = z.infer<typeof CaseItem>;
export type VideoItem = z.infer<typeof VideoItem>;
export type NoticeItem = z.infer<typeof NoticeItem>;
export type AlertItem = z.infer<typeof AlertItem>;
export type ContentItem = z.infer<typeof ContentItem>;
export type ContentKind = ContentItem['kind'];

/** The kinds, read off the union itself so a new item kind joins every list that names kinds. */
function kindsOf<const T extends readonly { shape: { kind: { value: string } } }[]>(members: T): { [I in keyof T]: T[I]['shape']['kind']['value'] } {
  // map() forgets the tuple shape the signature restores: element i is member i's literal
  return members.map((m) => m.shape.kind.value) as { [I in keyof T]: T[I]['shape']['kind']['value'] };
}
export const ContentKind = z.enum(kindsOf(ContentItem.options));
