import { z } from 'zod';

/** A media file an item refers to; the URL never reaches the renderer, only the cached copy. */
export const RawMedia = z.object({
  url: z.string().min(1).max(2048),
  type: z.string().max(100).optional(),
  /** Published SHA-256 (hex); the download must match it. */
  sha256: z
    .string()
    .regex(/^[0-9a-fA-F]{64}$/)
    .transform((s) => s.toLowerCase())
    .optional(),
  bytes: z.number().int().nonnegative().optional(),
});
export type RawMedia = z.infer<typeof RawMedia>;

/**
 * One feed item after parsing, whatever the format: RSS, Atom, JSON Feed or the signed
 * manifest (whose items have exactly this shape). Text fields may still hold HTML.
 */
/** Our own item fields, the same in RSS/Atom (`kiosk:` elements) and JSON Feed (`_kiosk`). */
export const KIOSK_FIELDS = {
  level: z.string().max(20).optional(),
  starts: z.string().max(100).optional(),
  expires: z.string().max(100).optional(),
  lesson: z.string().max(5000).optional(),
  amount: z.union([z.number(), z.string().max(40)]).optional(),
  fraudType: z.string().max(60).optional(),
  qr: z.string().max(1000).optional(),
  locale: z.string().max(20).optional(),
  /** Regions the item is meant for, space-separated (`tw hk`): screens elsewhere leave it out. */
  regions: z.string().max(40).optional(),
};

/**
 * Longest kept text of a field. A shown case story is at most 1,200 characters; the rest is
 * markup and slack. Every later step (markup stripping, policy, guessing) uses regular
 * expressions, some of them O(n²) on hostile input, so fields are cut to this size first.
 */
export const FIELD_CAPS = { title: 2_000, text: 16_000 } as const;

/** The first `max` UTF-16 units, backing off so a surrogate pair is never split. */
export function capText(text: string, max: number): string {
  if (text.length <= max) return text;
  const end = /[\uD800-\uDBFF]/.test(text[max - 1] ?? '') ? max - 1 : max;
  return text.slice(0, end);
}

const capped = (max: number) => z.string().transform((s) => capText(s, max));

export const RawItem = z.object({
  /** GUID, Atom id, JSON Feed id or link: what de-duplicates. */
  key: z.string().min(1).max(2048),
  title: capped(FIELD_CAPS.title).optional(),
  text: capped(FIELD_CAPS.text).optional(),
  /** Explicit kind word; otherwise categories decide. */
  kind: z.string().max(40).optional(),
  categories: z.array(z.string().max(200)).max(50).default([]),
  published: z.string().max(100).optional(),
  media: z.array(RawMedia).max(20).default([]),
  ...KIOSK_FIELDS,
});
export type RawItem = z.infer<typeof RawItem>;
export type RawItemInput = z.input<typeof RawItem>;

export interface RawFeed {
  readonly format: 'rss' | 'atom' | 'json-feed' | 'manifest' | 'published';
  readonly title?: string;
  readonly language?: string;
  /** Content version and expiry, required when the feed is signed (stop rollback and replay). */
  readonly version?: number;
  readonly expires?: string;
  readonly items: readonly RawItem[];
  /** Items the parser could not read, with why. */
  readonly rejected: readonly { readonly key: string; readonly reason: string }[];
}

/** Validates loosely typed items one by one, so one bad item does not sink the feed. */
export function toRawItems(candidates: readonly unknown[]): Pick<RawFeed, 'items' | 'rejected'> {
  const items: RawItem[] = [];
  const rejected: { key: string; reason: string }[] = [];
  candidates.forEach((candidate, index) => {
    const parsed = RawItem.safeParse(candidate);
    if (parsed.success) {
      items.push(parsed.data);
      return;
    }
    const issue = parsed.error.issues[0];
    rejected.push({
      key: `item ${index + 1}`,
      reason: `unreadable item: ${issue ? `${issue.path.join('.')} ${issue.message}` : 'invalid'}`,
    });
  });
  return { items, rejected };
}
