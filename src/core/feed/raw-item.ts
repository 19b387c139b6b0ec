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
};

export const RawItem = z.object({
  /** GUID, Atom id, JSON Feed id or link: what de-duplicates. */
  key: z.string().min(1).max(2048),
  title: z.string().max(20_000).optional(),
  text: z.string().max(200_000).optional(),
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
  readonly format: 'rss' | 'atom' | 'json-feed' | 'manifest';
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
