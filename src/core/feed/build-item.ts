import { AlertItem, AlertLevel, type Locale } from '../model/content';
import { Region } from '../model/region';
import type { FeedKind } from '../model/feed-config';
import { assertNever } from '../assert-never';
import { err, ok, type Result } from '../result';
import { clip, toPlainText } from '../policy/plain-text';
import { fraudTypeOf } from './kind-words';
import { StoredItem, type MediaNeed } from './entry';
import { fastStoredItem } from './stored-check';
import type { RawItem, RawMedia } from './raw-item';

export interface BuildContext {
  readonly id: string;
  readonly kind: FeedKind;
  readonly locale: Locale;
  readonly tags: readonly string[];
  readonly feedTitle: string;
  readonly published: Date | undefined;
  readonly now: Date;
}

/** What one raw item becomes; an expired alert is an outcome of its own, not an error. */
export type BuildOutcome =
  | { readonly kind: 'entry'; readonly item: StoredItem; readonly media: readonly MediaNeed[] }
  | { readonly kind: 'alert'; readonly alert: AlertItem }
  | { readonly kind: 'expired' }
  | { readonly kind: 'refused'; readonly reason: string };

const refused = (reason: string): BuildOutcome => ({ kind: 'refused', reason });

const DEFAULT_LESSON: Readonly<Record<Locale, string>> = {
  'zh-CN': '转账汇款多核实，拿不准就拨打 96110 咨询。',
  'zh-TW': '轉帳匯款多核實，拿不準就撥打 96110 諮詢。',
  'zh-HK': '過數前先核實，有懷疑先收線、再查證。',
  en: 'Verify before any transfer; when in doubt, call 96110.',
};

const isVideo = (m: RawMedia): boolean =>
  /^video\//i.test(m.type ?? '') || (!m.type && /\.(webm|mp4|m4v|mov|ogv|mkv)(\?|$)/i.test(m.url));
const isImage = (m: RawMedia): boolean =>
  /^image\//i.test(m.type ?? '') || (!m.type && /\.(jpe?g|png|webp|gif|avif)(\?|$)/i.test(m.url));

const need = (field: MediaNeed['field'], m: RawMedia | undefined): MediaNeed[] =>
  m ? [{ field, url: m.url, ...(m.sha256 ? { sha256: m.sha256 } : {}) }] : [];

function instant(text: string | undefined): Date | undefined {
  if (!text) return undefined;
  const d = new Date(text.trim());
  return Number.isNaN(d.getTime()) ? undefined : d;
}

function amountOf(raw: RawItem['amount'], text: string): number {
  if (typeof raw === 'number' && Number.isFinite(raw) && raw >= 0) return raw;
  const explicit = typeof raw === 'string' ? Number(raw.replace(/[,\s]/g, '')) : NaN;
  if (Number.isFinite(explicit) && explicit >= 0) return explicit;
  const wan = /(\d+(?:\.\d+)?)\s*[万萬]\s*元/.exec(text);
  if (wan) return Math.round(Number(wan[1]) * 10_000);
  const yuan = /(\d[\d,]*(?:\.\d+)?)\s*元/.exec(text);
  return yuan ? Number((yuan[1] ?? '0').replace(/,/g, '')) : 0;
}

/** Fields shorter than the limit pass; longer ones are clipped where clipping keeps the sense. */
function limited(text: string, max: number, what: string, strict: boolean): Result<string> {
  if (text.length === 0) return err(`${what} is empty`);
  if (Array.from(text).length <= max) return ok(text);
  return strict ? err(`${what} is longer than ${max} characters`) : ok(clip(text, max));
}

function caseItem(raw: RawItem, ctx: BuildContext, title: string, body: string): Result<unknown> {
  const fraudType = fraudTypeOf(raw.fraudType, raw.categories, `${title} ${body}`);
  if (!fraudType) return noticeItem(raw, ctx, title, body);
  const story = limited(body || title, 1200, 'case story', false);
  const head = limited(title || body, 80, 'case title', false);
  if (!story.ok) return story;
  if (!head.ok) return head;
  const lesson = toPlainText(raw.lesson ?? '') || DEFAULT_LESSON[ctx.locale];
  return ok({
    kind: 'case', title: head.value, story: story.value, fraudType,
    amountLost: amountOf(raw.amount, body), currency: 'CNY', lesson: clip(lesson, 300),
    date: (ctx.published ?? ctx.now).toISOString().slice(0, 10), source: clip(ctx.feedTitle, 200),
  });
}

function noticeItem(raw: RawItem, _ctx: BuildContext, title: string, body: string): Result<unknown> {
  const head = limited(title || clip(body, 40), 80, 'notice title', false);
  const text = limited(body || title, 800, 'notice text', false);
  if (!head.ok) return head;
  if (!text.ok) return text;
  const qr = raw.qr?.trim();
  return ok({ kind: 'notice', variant: 'notice', title: head.value, text: text.value, ...(qr ? { qr } : {}) });
}

function alertItem(raw: RawItem, ctx: BuildContext, title: string, body: string): BuildOutcome {
  const text = limited(title || body, 300, 'alert text', true);
  if (!text.ok) return refused(text.error);
  const starts = instant(raw.starts) ?? ctx.published ?? ctx.now;
  const expires = instant(raw.expires) ?? new Date(starts.getTime() + 24 * 3600_000);
  if (expires.getTime() <= ctx.now.getTime()) return { kind: 'expired' };
  if (expires.getTime() <= starts.getTime()) return refused('alert expires before it starts');
  const level = AlertLevel.safeParse(raw.level?.trim().toLowerCase());
  const parsed = AlertItem.safeParse({
    kind: 'alert', id: ctx.id, locale: ctx.locale, text: text.value, level: level.success ? level.data : 'warning',
    starts: starts.toISOString(), expires: expires.toISOString(),
  });
  return parsed.success ? { kind: 'alert', alert: parsed.data } : refused(invalid('alert', parsed.error.issues[0]));
}

function fields(raw: RawItem, ctx: BuildContext, kind: Exclude<FeedKind, 'alert'>, title: string, body: string): Result<unknown> {
  switch (kind) {
    case 'slogan': {
      const text = limited(title || body, 200, 'slogan', true);
      return text.ok ? ok({ kind: 'slogan', text: text.value }) : text;
    }
    case 'video': {
      const head = limited(title || clip(body, 60), 120, 'video title', false);
      if (!head.ok) return head;
      if (!raw.media.some(isVideo)) return err('video item has no video enclosure');
      return ok({ kind: 'video', title: head.value });
    }
    case 'case':
      return caseItem(raw, ctx, title, body);
    case 'notice':
      return noticeItem(raw, ctx, title, body);
    default:
      return assertNever(kind, 'feed kind');
  }
}

const invalid = (kind: string, issue: { path: PropertyKey[]; message: string } | undefined): string =>
  `not a valid ${kind}: ${issue ? `${issue.path.map(String).join('.')} ${issue.message}` : 'invalid'}`;

function mediaOf(item: StoredItem, raw: RawItem): MediaNeed[] {
  switch (item.kind) {
    case 'video':
      return [...need('file', raw.media.find(isVideo)), ...need('poster', raw.media.find(isImage))];
    case 'notice':
      return need('image', raw.media.find(isImage));
    case 'slogan':
    case 'case':
      return [];
    default:
      return assertNever(item, 'stored item');
  }
}

const REGIONS: ReadonlySet<string> = new Set(Region.options);

/** The regions a feed names for an item; unknown words are ignored, none means everywhere. */
function regionsOf(text: string | undefined): { regions?: Region[] } {
  // A set lookup, not a schema parse per word: a refused parse builds an error (most items name no region).
  const regions = (text ?? '').split(/[\s,]+/).filter((r): r is Region => REGIONS.has(r));
  return regions.length > 0 ? { regions: [...new Set(regions)] } : {};
}

/** One raw item to one item of its kind (validated by its schema), an alert, or why not. */
export function buildItem(raw: RawItem, ctx: BuildContext): BuildOutcome {
  const title = toPlainText(raw.title ?? '');
  const body = toPlainText(raw.text ?? '');
  if (ctx.kind === 'alert') return alertItem(raw, ctx, title, body);
  const built = fields(raw, ctx, ctx.kind, title, body);
  if (!built.ok) return refused(built.error);
  const candidate = {
    ...(built.value as object), id: ctx.id, locale: ctx.locale, ...(ctx.tags.length ? { tags: ctx.tags } : {}), ...regionsOf(raw.regions),
  };
  const fast = fastStoredItem(candidate);
  if (fast) return { kind: 'entry', item: fast, media: mediaOf(fast, raw) };
  const parsed = StoredItem.safeParse(candidate);
  if (!parsed.success) return refused(invalid(ctx.kind, parsed.error.issues[0]));
  return { kind: 'entry', item: parsed.data, media: mediaOf(parsed.data, raw) };
}
