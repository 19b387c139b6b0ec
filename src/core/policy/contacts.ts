/**
 * Finding the phone numbers and links a viewer could act on. A feed that slips in its
 * own "hotline" is the classic hijack of an anti-fraud screen.
 */

export const DEFAULT_ALLOWED_PHONES: readonly string[] = ['110', '96110'];

const URL_LIKE = /\b(?:[a-z][a-z0-9+.-]*:\/\/|www\.)[^\s<>"'，。、）)】]+/gi;
const BARE_DOMAIN =
  /(?<![\w@.-])(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+(?:com|cn|net|org|top|xyz|vip|cc|info|io|me|app|hk|tw|co|biz|shop|site|online|club|live|bet|casino|win|ly|to|gov|edu)(?![a-z0-9-])(?::\d+)?(?:\/[^\s<>"'，。、]*)?/gi;
const PHONE_WORDS = /(电话|電話|拨打|撥打|致电|致電|热线|熱線|咨询|諮詢|联系|聯繫|举报|舉報|报警|報警|短信|微信|call|dial|phone|tel|hotline|whatsapp|sms|contact)[^\d\n]{0,6}$/i;
const AMOUNT_AFTER = /^\s*(元|万|萬|亿|億|块|塊|年|月|日|号|號|岁|歲|人|名|%|次|个|個|yuan|rmb|cny|usd|dollars?|years?|people|percent)/i;

const DATE_LIKE = /^(\d{4}-\d{1,2}(-\d{1,2})?|(19|20)\d\d ?- ?(19|20)\d\d)$/;

export function normalisePhone(raw: string): string {
  const digits = raw.replace(/[^\d+]/g, '');
  return digits.replace(/^(\+86|0086)/, '').replace(/\+/g, '');
}

/** Phone numbers in text: long digit runs, or short ones after a word like "call" or 拨打. */
export function findPhones(text: string): string[] {
  const found: string[] = [];
  const re = /(?:\+|00)?\d[\d -]{1,18}\d/g;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    const raw = m[0];
    const before = text.slice(Math.max(0, m.index - 12), m.index);
    const after = text.slice(m.index + raw.length, m.index + raw.length + 8);
    const digits = normalisePhone(raw);
    if (DATE_LIKE.test(raw.trim())) continue;
    if (/[.,]\d/.test(text.slice(m.index + raw.length, m.index + raw.length + 2))) continue;
    if (AMOUNT_AFTER.test(after) || /[¥$￥]\s*$/.test(before)) continue;
    const keyword = PHONE_WORDS.test(before);
    if (digits.length >= 7 || (keyword && digits.length >= 3)) found.push(digits);
  }
  for (const m of text.matchAll(/tel:([+\d -]{3,20})/gi)) found.push(normalisePhone(m[1] ?? ''));
  return found;
}

function hostOf(link: string): string | undefined {
  const withScheme = /^[a-z][a-z0-9+.-]*:\/\//i.test(link) ? link : `https://${link}`;
  try {
    return new URL(withScheme).hostname.toLowerCase();
  } catch {
    return undefined;
  }
}

export interface FoundLink {
  readonly text: string;
  readonly host: string | undefined;
  readonly scheme: string;
}

export function findLinks(text: string): FoundLink[] {
  const seen = new Set<string>();
  const result: FoundLink[] = [];
  for (const re of [URL_LIKE, BARE_DOMAIN]) {
    for (const m of text.matchAll(re)) {
      const link = m[0];
      if (seen.has(link)) continue;
      seen.add(link);
      const scheme = /^([a-z][a-z0-9+.-]*):\/\//i.exec(link)?.[1]?.toLowerCase() ?? 'https';
      result.push({ text: link, host: hostOf(link), scheme });
    }
  }
  return result;
}

/** `example.org` matches itself; `*.example.org` matches itself and its subdomains. */
export function hostAllowed(host: string, allowed: readonly string[]): boolean {
  const h = host.toLowerCase().replace(/\.$/, '');
  return allowed.some((entry) => {
    const e = entry.toLowerCase().replace(/:\d+$/, '');
    if (e.startsWith('*.')) return h === e.slice(2) || h.endsWith(e.slice(1));
    return h === e;
  });
}
