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
    const fast = fastRawItem(candidate);
    if (fast) {
      items.push(fast);
      return;
    }
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

/**
 * The RawItem schema's check, written out for the common case: an item whose fields all have
 * the types and sizes the schema wants gets exactly the schema's output, without zod's cost
 * (5,000 items a feed). Anything else (a wrong type, an unknown key, a field over its limit)
 * answers undefined, and the schema itself decides and words the refusal.
 */
const MAX_LENGTH: Readonly<Record<string, number>> = {
  kind: 40, published: 100, level: 20, starts: 100, expires: 100, lesson: 5000, fraudType: 60, qr: 1000, locale: 20, regions: 40,
};
const CAPPED: Readonly<Record<string, number>> = { title: FIELD_CAPS.title, text: FIELD_CAPS.text };
const SHA256 = /^[0-9a-fA-F]{64}$/;

class Unsure extends Error {}
const unsure = (): never => {
  throw new Unsure();
};

const str = (v: unknown, max: number, min = 0): string =>
  typeof v === 'string' && v.length <= max && v.length >= min ? v : unsure();

function media(value: unknown): RawMedia {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return unsure();
  const m: Partial<RawMedia> = {};
  for (const [k, v] of Object.entries(value as Record<string, unknown>)) {
    if (v === undefined) continue;
    if (k === 'url') m.url = str(v, 2048, 1);
    else if (k === 'type') m.type = str(v, 100);
    else if (k === 'sha256') m.sha256 = SHA256.test(str(v, 64)) ? (v as string).toLowerCase() : unsure();
    else if (k === 'bytes') m.bytes = typeof v === 'number' && Number.isSafeInteger(v) && v >= 0 ? v : unsure();
    else unsure();
  }
  return m.url === undefined ? unsure() : (m as RawMedia);
}

function list<T>(v: unknown, max: number, each: (x: unknown) => T): T[] {
  if (v === undefined) return [];
  return Array.isArray(v) && v.length <= max ? v.map(each) : unsure();
}

function field(out: Record<string, unknown>, k: string, v: unknown): void {
  const cap = CAPPED[k];
  const max = MAX_LENGTH[k];
  if (k === 'key') out.key = str(v, 2048, 1);
  else if (cap !== undefined) out[k] = capText(str(v, Number.MAX_SAFE_INTEGER), cap);
  else if (max !== undefined) out[k] = str(v, max);
  else if (k === 'amount') out.amount = typeof v === 'number' && Number.isFinite(v) ? v : str(v, 40);
  else if (k === 'categories') out.categories = list(v, 50, (c) => str(c, 200));
  else if (k === 'media') out.media = list(v, 20, media);
  else unsure();
}

/** The schema's output for a plainly valid item, or undefined to let the schema decide. */
export function fastRawItem(candidate: unknown): RawItem | undefined {
  if (typeof candidate !== 'object' || candidate === null || Array.isArray(candidate)) return undefined;
  const out: Record<string, unknown> = { categories: [], media: [] };
  try {
    for (const [k, v] of Object.entries(candidate as Record<string, unknown>)) if (v !== undefined) field(out, k, v);
  } catch (error) {
    if (error instanceof Unsure) return undefined;
    throw error;
  }
  return out.key === undefined ? undefined : (out as RawItem);
}
