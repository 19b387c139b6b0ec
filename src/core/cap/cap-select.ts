import { stableHash } from '../feed/stable-id';
import type { AlertItem, AlertLevel, Locale } from '../model/content';
import { capKey, type CapAlert, type CapInfo } from './cap-model';
import type { CapState } from './cap-state';

export interface CapAreaFilter {
  /** Geocode values (any valueName), e.g. a county code. */
  readonly geocodes?: readonly string[];
  /** Substrings of <areaDesc>, e.g. 臺北市. */
  readonly areaDesc?: readonly string[];
}

export interface CapSelectOptions {
  /** Besides Actual: Exercise and Test are shown only when listed. Draft and System never. */
  readonly include: readonly ('Exercise' | 'Test')[];
  readonly area?: CapAreaFilter;
  /** How long an alert without <expires> stays on screen. */
  readonly defaultHours: number;
}

/** Why a message is kept off screen by its status, or undefined when it may be shown. */
export function statusRefusal(alert: CapAlert, options: Pick<CapSelectOptions, 'include'>): string | undefined {
  switch (alert.status) {
    case 'Actual':
      return undefined;
    case 'Exercise':
    case 'Test':
      return options.include.includes(alert.status) ? undefined : `status ${alert.status} (not opted in)`;
    case 'Draft':
    case 'System':
      return `status ${alert.status} is never shown`;
  }
}

const FAMILY: Record<Locale, readonly string[]> = {
  'zh-TW': ['zh-tw', 'zh-hant', 'zh-hant-tw'],
  'zh-HK': ['zh-hk', 'zh-mo', 'zh-hant-hk', 'zh-hant-mo', 'yue', 'yue-hant'],
  'zh-CN': ['zh-cn', 'zh-hans', 'zh', 'zh-sg', 'zh-hans-cn'],
  en: ['en', 'en-us', 'en-gb'],
};

function matchScore(language: string, locale: Locale): number {
  const tag = language.toLowerCase();
  if (tag === locale.toLowerCase()) return 3;
  if (FAMILY[locale].includes(tag)) return 2;
  return tag.split('-')[0] === locale.split('-')[0] ? 1 : 0;
}

/** The <info> block in the screen's first locale that has one, else the first block. */
export function chooseInfo(infos: readonly CapInfo[], locales: readonly Locale[]): { info: CapInfo; locale?: Locale } | undefined {
  for (const locale of locales) {
    const best = infos
      .map((info) => ({ info, score: matchScore(info.language, locale) }))
      .filter((c) => c.score > 0)
      .sort((a, b) => b.score - a.score)[0];
    if (best) return { info: best.info, locale };
  }
  return infos[0] ? { info: infos[0] } : undefined;
}

export function inArea(info: CapInfo, filter: CapAreaFilter | undefined): boolean {
  // An alert with no <area> concerns everyone (Xibo drops these: we do not).
  if (!filter || info.areas.length === 0) return true;
  const codes = new Set(filter.geocodes ?? []);
  const descs = filter.areaDesc ?? [];
  if (codes.size === 0 && descs.length === 0) return true;
  return info.areas.some(
    (a) => a.geocodes.some((g) => codes.has(g.value)) || descs.some((d) => d.length > 0 && a.areaDesc.includes(d)),
  );
}

export function levelOf(info: Pick<CapInfo, 'severity' | 'urgency'>): AlertLevel {
  if (info.urgency === 'Past') return 'info';
  if (info.severity === 'Extreme') return 'critical';
  if (info.severity === 'Severe') return info.urgency === 'Immediate' || info.urgency === 'Expected' ? 'critical' : 'warning';
  return info.severity === 'Moderate' ? 'warning' : 'info';
}

function alertText(info: CapInfo): string {
  const head = info.headline || info.event;
  const body = [info.description, info.instruction].filter((s): s is string => Boolean(s)).join(' ');
  const text = body ? `${head}：${body}` : head;
  return text.length > 300 ? `${text.slice(0, 299)}…` : text;
}

function toItem(alert: CapAlert, chosen: { info: CapInfo; locale?: Locale }, options: CapSelectOptions): AlertItem | undefined {
  const start = chosen.info.onset ?? chosen.info.effective ?? alert.sent;
  const startMs = Date.parse(start);
  const expiresMs = chosen.info.expires ? Date.parse(chosen.info.expires) : Date.parse(alert.sent) + options.defaultHours * 3_600_000;
  if (Number.isNaN(startMs) || Number.isNaN(expiresMs)) return undefined;
  const text = alertText(chosen.info).trim();
  if (text.length === 0) return undefined;
  return {
    kind: 'alert',
    id: `cap-${stableHash(capKey(alert))}`,
    ...(chosen.locale ? { locale: chosen.locale } : {}),
    text,
    level: levelOf(chosen.info),
    starts: new Date(startMs).toISOString(),
    expires: new Date(expiresMs).toISOString(),
  };
}

/** The alerts a screen shows now from the CAP state: status, area, language and expiry applied. */
export function capAlertItems(state: CapState, locales: readonly Locale[], nowMs: number, options: CapSelectOptions): AlertItem[] {
  const items: AlertItem[] = [];
  for (const alert of Object.values(state.active)) {
    if (statusRefusal(alert, options) !== undefined) continue;
    const local = alert.infos.filter((i) => inArea(i, options.area));
    const chosen = chooseInfo(local, locales);
    const item = chosen ? toItem(alert, chosen, options) : undefined;
    if (item && Date.parse(item.expires) > nowMs) items.push(item);
  }
  return items.sort((a, b) => a.starts.localeCompare(b.starts));
}
