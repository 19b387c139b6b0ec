import type { z } from 'zod';
import { DEFAULT_TARGETING, type ItemKind, type Targeting } from '../core/console/formats';
import { ContentItem } from '../core/model/content';
import { splitList } from './format';

/** The editor's fields as typed: every value a string, turned into an item only to check and save. */
export type FormValues = Readonly<Record<string, string>>;

export type FieldType = 'text' | 'textarea' | 'number' | 'date' | 'datetime' | 'select' | 'readonly';

export interface FieldSpec {
  readonly name: string;
  readonly type: FieldType;
  readonly options?: readonly string[];
  readonly wide?: boolean;
}

const TEXT: Readonly<Record<ItemKind, readonly FieldSpec[]>> = {
  slogan: [{ name: 'text', type: 'textarea', wide: true }],
  case: [
    { name: 'title', type: 'text', wide: true },
    { name: 'fraudType', type: 'select' },
    { name: 'date', type: 'date' },
    { name: 'amountLost', type: 'number' },
    { name: 'currency', type: 'text' },
    { name: 'story', type: 'textarea', wide: true },
    { name: 'lesson', type: 'textarea', wide: true },
    { name: 'source', type: 'text', wide: true },
  ],
  video: [
    { name: 'title', type: 'text', wide: true },
    { name: 'file', type: 'readonly' },
    { name: 'captions', type: 'readonly' },
    { name: 'poster', type: 'readonly' },
  ],
  notice: [
    { name: 'variant', type: 'select', options: ['notice', 'help'] },
    { name: 'title', type: 'text', wide: true },
    { name: 'text', type: 'textarea', wide: true },
    { name: 'qr', type: 'text', wide: true },
  ],
  alert: [
    { name: 'text', type: 'textarea', wide: true },
    { name: 'level', type: 'select', options: ['info', 'warning', 'critical'] },
    { name: 'starts', type: 'datetime' },
    { name: 'expires', type: 'datetime' },
  ],
};

export const fieldsOf = (kind: ItemKind): readonly FieldSpec[] => TEXT[kind];

const NUMBERS = new Set(['amountLost', 'maxSeconds']);

/** Builds the item the screens' schema will judge; empty optional fields are left out. */
export function toCandidate(kind: ItemKind, values: FormValues): Record<string, unknown> {
  const out: Record<string, unknown> = { kind, id: values.id ?? '' };
  if (kind !== 'alert' || values.locale) out.locale = values.locale || 'zh-CN';
  const tags = splitList(values.tags ?? '');
  if (tags.length > 0 && kind !== 'alert') out.tags = tags;
  for (const spec of TEXT[kind]) {
    const raw = values[spec.name] ?? '';
    if (raw === '') continue;
    if (NUMBERS.has(spec.name)) out[spec.name] = Number(raw);
    else if (spec.type === 'datetime') out[spec.name] = localToIso(raw);
    else out[spec.name] = spec.type === 'text' ? raw.trim() : raw;
  }
  return out;
}

/** The reverse: a stored item as form values. */
export function toValues(item: ContentItem): FormValues {
  const out: Record<string, string> = {};
  for (const [key, value] of Object.entries(item)) {
    if (key === 'kind' || key === 'pinnedDates') continue;
    if (Array.isArray(value)) out[key] = value.join(', ');
    else if ((key === 'starts' || key === 'expires') && typeof value === 'string') out[key] = isoToLocal(value);
    else if (value !== undefined) out[key] = String(value);
  }
  return out;
}

export type Check = { readonly ok: true; readonly item: ContentItem } | { readonly ok: false; readonly fields: Readonly<Record<string, string>> };

/** The same zod schema the screens use; problems keyed by the field they belong to. */
export function checkCandidate(candidate: unknown): Check {
  const parsed = ContentItem.safeParse(candidate);
  if (parsed.success) return { ok: true, item: parsed.data };
  return { ok: false, fields: issuesByField(parsed.error.issues) };
}

function issuesByField(issues: readonly z.core.$ZodIssue[]): Record<string, string> {
  const fields: Record<string, string> = {};
  for (const issue of issues) {
    const key = String(issue.path[0] ?? 'form');
    fields[key] ??= issue.message;
  }
  return fields;
}

export function toTargeting(values: FormValues): Targeting {
  const validity: Targeting['validity'] =
    values.validity === 'window'
      ? { type: 'window', ...(values.validFrom ? { from: values.validFrom } : {}), ...(values.validUntil ? { until: values.validUntil } : {}) }
      : values.validity === 'season'
        ? { type: 'season', from: values.seasonFrom ?? '', until: values.seasonUntil ?? '' }
        : { type: 'always' };
  return { audience: splitList(values.audience ?? ''), regions: splitList(values.regions ?? ''), validity, pins: splitList(values.pins ?? '') };
}

export function targetingValues(targeting: Targeting = DEFAULT_TARGETING): FormValues {
  const v = targeting.validity;
  return {
    audience: targeting.audience.join(', '),
    regions: targeting.regions.join(', '),
    pins: targeting.pins.join(', '),
    validity: v.type,
    validFrom: v.type === 'window' ? (v.from ?? '') : '',
    validUntil: v.type === 'window' ? (v.until ?? '') : '',
    seasonFrom: v.type === 'season' ? v.from : '',
    seasonUntil: v.type === 'season' ? v.until : '',
  };
}

/** `datetime-local` has no zone: read it as the browser's local time and write the offset out. */
export function localToIso(local: string): string {
  const date = new Date(local);
  if (Number.isNaN(date.getTime())) return local;
  const offset = -date.getTimezoneOffset();
  const sign = offset >= 0 ? '+' : '-';
  const hh = String(Math.floor(Math.abs(offset) / 60)).padStart(2, '0');
  const mm = String(Math.abs(offset) % 60).padStart(2, '0');
  return `${local.length === 16 ? `${local}:00` : local}${sign}${hh}:${mm}`;
}

export function isoToLocal(iso: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return '';
  const pad = (n: number): string => String(n).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}T${pad(date.getHours())}:${pad(date.getMinutes())}`;
}

/** A fresh id for a new item: kind, date and a short random tail, always valid for the schema. */
export function newId(kind: ItemKind, now: Date, random: () => number): string {
  const day = now.toISOString().slice(0, 10).replaceAll('-', '');
  const tail = Math.floor(random() * 36 ** 4).toString(36).padStart(4, '0');
  return `${kind}-${day}-${tail}`;
}
