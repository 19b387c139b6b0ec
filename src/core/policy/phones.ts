/**
 * Phone numbers a viewer could dial. A feed that slips in its own "hotline" is the classic
 * hijack of an anti-fraud screen, so every way of writing a number counts, while amounts,
 * dates, years and versions, which are also digits, stay visible.
 */
import { DIGIT_SEPARATOR } from './char-class';
import { viewOf, type ViewerText } from './viewer-text';

export const DEFAULT_ALLOWED_PHONES: readonly string[] = ['110', '96110'];

export interface FoundPhone {
  /** As the viewer reads it (NFKC, invisible characters removed). */
  readonly shown: string;
  /** Digits without country code or trunk zeros: `+86 571 1234 5678` and `0571-12345678` agree. */
  readonly key: string;
}

// Country codes of the places this kiosk serves; other prefixes stay part of the number.
const COUNTRY = /^(?:86|852|853|886)/;

export function phoneKey(raw: string): string {
  let digits = raw.replace(/\D/g, '');
  if (/^\s*(?:\+|00)/.test(raw)) digits = digits.replace(/^00/, '').replace(COUNTRY, '');
  else if (/^86[1-9]\d{10}$/.test(digits)) digits = digits.slice(2);
  return digits.replace(/^0+/, '');
}

/** The allowlist's numbers, each reduced to its key. */
export function phoneKeys(numbers: readonly string[]): ReadonlySet<string> {
  return new Set(numbers.map(phoneKey).filter((k) => k.length > 0));
}

// Digits joined by separators (the keycap frame of 1️⃣ among them).
// Each separator run is bounded and cannot be a digit, so matching stays linear.
const RUN = new RegExp(String.raw`(?:\+|(?<!\d)00)?\d(?:${DIGIT_SEPARATOR}{0,5}\d){2,24}`, 'g');
const DATE =
  /^(?:19|20)\d\d\s?[-./~\p{Pd}]\s?(?:(?:19|20)\d\d|(?:0?[1-9]|1[0-2])(?:\s?[-./\p{Pd}]\s?(?:0?[1-9]|[12]\d|3[01]))?)(?!\d)/u;
const GROUPED_AMOUNT = /^\d{1,3}(?:,\d{3})+(?:\.\d+)?$/;
const UNIT_AFTER =
  /^\s?(?:[元万萬亿億块塊年月日号號岁歲人名次个個位天周週时時分秒倍条條张張起家户戶部台%‰]|小时|小時|yuan|rmb|cny|usd|hkd|twd|dollars?|years?|people|percent|times|am\b|pm\b|km\b|kg\b)/i;
const MONEY_OR_VERSION_BEFORE = /(?:[¥$￥€£]|rmb|cny|usd|hkd|nt|\bv|version|ver\.|版本)\s*$/i;
const PHONE_WORDS =
  /(?:电话|電話|拨打|撥打|致电|致電|热线|熱線|专线|專線|客服|咨询|諮詢|联系|聯繫|聯絡|举报|舉報|报警|報警|短信|簡訊|微信|手机|手機|号码|號碼|call|dial|phone|tel|hotline|whatsapp|sms|text|contact)[^\d\n]{0,6}$/i;

function allowed(run: string, keys: ReadonlySet<string>): boolean {
  if (keys.has(phoneKey(run))) return true;
  const parts = run.split(/[\s,]+/).filter((p) => /\d/.test(p));
  return parts.length > 1 && parts.every((p) => keys.has(phoneKey(p)));
}

// How amounts and counts are written: plain digits, thousands commas, a decimal point.
// "in 2025", "version 17.4": a year, or a short number with one decimal point.
const YEAR_OR_DECIMAL = /^(?:(?:19|20)\d\d|\d{1,4}\.\d{1,2})$/;
const AMOUNT_SHAPE = /^\d+(?:[.,]\d+)*$/;

/** Whether a digit run is something other than a number to dial. */
function notAPhone(view: ViewerText, start: number, run: string): boolean {
  if (GROUPED_AMOUNT.test(run) || YEAR_OR_DECIMAL.test(run)) return true;
  const before = view.norm.slice(Math.max(0, start - 12), start);
  if (MONEY_OR_VERSION_BEFORE.test(before)) return true;
  // A unit after "138-0013-8000" or after eleven bare digits does not make it an amount.
  const amountLike = AMOUNT_SHAPE.test(run) && run.replace(/\D/g, '').length < 10;
  return amountLike && UNIT_AFTER.test(view.digits.slice(start + run.length, start + run.length + 8));
}

/** Length of a date at the start of the run, when the date stands alone or before a time. */
function dateLength(run: string): number {
  const date = DATE.exec(run);
  if (!date) return 0;
  const rest = run.slice(date[0].length);
  return rest === '' || /^\s/.test(rest) ? date[0].length : 0;
}

function judge(view: ViewerText, start: number, run: string, keys: ReadonlySet<string>): FoundPhone | undefined {
  // Cheapest test first: most digit runs in prose are short numbers nobody is asked to dial.
  const digitCount = run.replace(/\D/g, '').length;
  if (digitCount < 7) {
    // A short run glued to Latin letters is part of a name ("abc_12345"), not a number to dial.
    const inWord = /[A-Za-z_]$/.test(view.norm.slice(Math.max(0, start - 1), start));
    if (inWord || !PHONE_WORDS.test(view.norm.slice(Math.max(0, start - 12), start))) return undefined;
  }
  // "+886" alone is a country code, not a number anyone can dial.
  if (phoneKey(run).length < 3 || notAPhone(view, start, run) || allowed(run, keys)) return undefined;
  // Quote "(02)2345-6789" whole: the run itself starts at the first digit.
  const opened = view.norm[start - 1] === '(' && run.includes(')') ? 1 : 0;
  return { shown: view.norm.slice(start - opened, start + run.length), key: phoneKey(run) };
}

/** Ordinary text holds a few dozen numbers at most; a flood of digit runs is refused unread. */
export const MAX_NUMBER_RUNS = 200;

export type PhoneScan =
  | { readonly kind: 'phones'; readonly phones: readonly FoundPhone[] }
  | { readonly kind: 'too-many'; readonly count: number };

/** Numbers in the text that are not on the allowlist, as the viewer reads them. */
export function scanPhones(view: ViewerText, keys: ReadonlySet<string>, firstOnly = false): PhoneScan {
  const phones: FoundPhone[] = [];
  const re = RUN;
  re.lastIndex = 0;
  let runs = 0;
  for (let m = re.exec(view.digits); m; m = re.exec(view.digits)) {
    if (++runs > MAX_NUMBER_RUNS) return { kind: 'too-many', count: runs };
    const date = dateLength(m[0]);
    if (date > 0) {
      // "2026-12-01 09:30": look again just past the date.
      re.lastIndex = m.index + date;
      continue;
    }
    const phone = judge(view, m.index, m[0], keys);
    if (phone) phones.push(phone);
    if (phone && firstOnly) break;
  }
  return { kind: 'phones', phones };
}

export function phonesIn(view: ViewerText, keys: ReadonlySet<string>): FoundPhone[] {
  const scan = scanPhones(view, keys);
  return scan.kind === 'phones' ? [...scan.phones] : [];
}

/** Keys of every dialable number in the text, allowed or not. */
export function findPhones(text: string): string[] {
  return phonesIn(viewOf(text), new Set()).map((p) => p.key);
}
