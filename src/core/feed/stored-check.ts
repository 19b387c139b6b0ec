import { Locale } from '../model/content';
import { Region } from '../model/region';
import type { StoredItem } from './entry';

/**
 * The StoredItem schema's check, written out for the two kinds a feed mostly brings (slogans
 * and notices, as buildItem makes them): an item whose fields plainly pass gets exactly the
 * schema's output (its keys in the schema's order) without zod's cost, 5,000 items a feed.
 * Anything else answers undefined, and the schema decides and words any refusal.
 */
const LOCALES: ReadonlySet<string> = new Set(Locale.options);
const REGIONS: ReadonlySet<string> = new Set(Region.options);
const ID = /^[a-z0-9][a-z0-9._-]{0,127}$/;

type Loose = Readonly<Record<string, unknown>>;

const text = (v: unknown, max: number): v is string => typeof v === 'string' && v.length >= 1 && v.length <= max;

const tagsOk = (v: unknown): boolean =>
  v === undefined || (Array.isArray(v) && v.length <= 20 && v.every((t) => typeof t === 'string' && t.length <= 40));

const regionsOk = (v: unknown): boolean =>
  v === undefined || (Array.isArray(v) && v.length >= 1 && v.every((r) => typeof r === 'string' && REGIONS.has(r)));

/** id, locale, tags and regions, in the schema's order; undefined when one does not plainly pass. */
function base(c: Loose): Record<string, unknown> | undefined {
  if (typeof c.id !== 'string' || !ID.test(c.id) || typeof c.locale !== 'string' || !LOCALES.has(c.locale)) return undefined;
  if (!tagsOk(c.tags) || !regionsOk(c.regions)) return undefined;
  const out: Record<string, unknown> = { kind: c.kind, id: c.id, locale: c.locale };
  if (c.tags !== undefined) out.tags = [...(c.tags as string[])];
  if (c.regions !== undefined) out.regions = [...(c.regions as string[])];
  return out;
}

const SLOGAN_KEYS: ReadonlySet<string> = new Set(['kind', 'id', 'locale', 'tags', 'regions', 'text']);
const NOTICE_KEYS: ReadonlySet<string> = new Set(['kind', 'id', 'locale', 'tags', 'regions', 'variant', 'title', 'text', 'qr']);

const onlyKeys = (c: Loose, keys: ReadonlySet<string>): boolean => Object.keys(c).every((k) => keys.has(k));

function slogan(c: Loose): StoredItem | undefined {
  const out = onlyKeys(c, SLOGAN_KEYS) && text(c.text, 200) ? base(c) : undefined;
  if (!out) return undefined;
  out.text = c.text;
  return out as StoredItem;
}

function notice(c: Loose): StoredItem | undefined {
  if (!onlyKeys(c, NOTICE_KEYS) || c.variant !== 'notice' || !text(c.title, 120) || !text(c.text, 800)) return undefined;
  if (c.qr !== undefined && !text(c.qr, 300)) return undefined;
  const out = base(c);
  if (!out) return undefined;
  out.variant = c.variant;
  out.title = c.title;
  out.text = c.text;
  if (c.qr !== undefined) out.qr = c.qr;
  return out as StoredItem;
}

/** The schema's output for a plainly valid slogan or notice; undefined lets the schema decide. */
export function fastStoredItem(candidate: Loose): StoredItem | undefined {
  if (candidate.kind === 'slogan') return slogan(candidate);
  if (candidate.kind === 'notice') return notice(candidate);
  return undefined;
}
