/**
 * The text as a viewer reads it. Scammers write a number or a host so that a byte matcher
 * misses it while a person still reads it at a glance: full-width forms, Chinese numerals,
 * invisible characters, 。 for a dot. Every check runs on these views, never on the bytes.
 */
import { stripInvisible } from './invisible';

export interface ViewerText {
  /** NFKC, invisible characters gone: what reasons quote. */
  readonly norm: string;
  /** `norm` with every digit a viewer reads as a digit turned into 0-9, index for index. */
  readonly digits: string;
  /** `norm` with dot look-alikes between name parts turned into `.`. */
  readonly links: string;
}

// Chinese numerals, financial forms and the radio-call readings (幺 1, 两 2, 拐 7, 勾 9, 洞 0):
// each stands for one digit in a number read aloud.
const NUMERALS: Readonly<Record<string, string>> = {
  〇: '0', 零: '0', 洞: '0', 一: '1', 壹: '1', 幺: '1', 二: '2', 贰: '2', 貳: '2', 两: '2', 兩: '2',
  三: '3', 叁: '3', 參: '3', 四: '4', 肆: '4', 五: '5', 伍: '5', 六: '6', 陆: '6', 陸: '6', 七: '7',
  柒: '7', 拐: '7', 八: '8', 捌: '8', 九: '9', 玖: '9', 勾: '9',
};
const NUMERAL_CHAR = /[〇零洞一壹幺二贰貳两兩三叁參四肆五伍六陆陸七柒拐八捌九玖勾]/g;
// Dingbat and double-circled digits, which NFKC leaves alone: each range starts at its 1.
const DINGBAT_ONES = [0x2776, 0x2780, 0x278a, 0x24f5];
const DINGBAT = /[\u2776-\u277E\u2780-\u2788\u278A-\u2792\u24F5-\u24FD\u24FF]/g;
/** What people put between the digits of one number: spaces, dots, dashes, brackets, slashes, stars, marks. */
export const DIGIT_SEPARATOR = String.raw`[\s\-./()[\]【】〔〕·・•‧∙⋅*_,~\p{Pd}\p{M}\u2212]`;
// Letters that pass for digits inside a run that is mostly digits: 138OO138OOO.
const LETTER_DIGITS = new RegExp(String.raw`[\dOoIl](?:${DIGIT_SEPARATOR}{0,5}[\dOoIl]){6,}`, 'gu');
const SEPARATOR_RUN = new RegExp(String.raw`(${DIGIT_SEPARATOR}+)`, 'u');
const LETTER_VALUE: Readonly<Record<string, string>> = { O: '0', o: '0', I: '1', l: '1' };
// Decimal digits of other scripts (Arabic-Indic, Devanagari, ...) that NFKC leaves alone.
const OTHER_DIGIT = /[^\0-\x7f]/gu;
const IS_DIGIT = /^\p{Nd}$/u;

const digitValues = new Map<string, string>();

/** Decimal digits come in runs of ten starting at zero, so the value is the distance to the run's start. */
function digitValue(ch: string): string {
  const known = digitValues.get(ch);
  if (known !== undefined) return known;
  let value = '';
  if (IS_DIGIT.test(ch)) {
    const cp = ch.codePointAt(0) ?? 0;
    let start = cp;
    // Runs of ten can sit back to back (a block of several digit styles): count from the block's start.
    while (start > cp - 100 && IS_DIGIT.test(String.fromCodePoint(start - 1))) start--;
    value = String((cp - start) % 10);
  }
  // Astral digits are two code units: pad with a separator to keep indices aligned.
  const mapped = value === '' ? ch : value.padEnd(ch.length, '_');
  digitValues.set(ch, mapped);
  return mapped;
}

function dingbatValue(ch: string): string {
  const cp = ch.charCodeAt(0);
  if (cp === 0x24ff) return '0';
  const one = DINGBAT_ONES.filter((start) => cp >= start).reduce((a, b) => Math.max(a, b), 0);
  return String(cp - one + 1);
}

/**
 * Letters between the first and the last group that reads as digits become digits, when
 * there are at least four digits and at most twice as many letters: "call 96110" keeps its "ll", "138 OO13 8OOO" reads as a number.
 */
function lettersAsDigits(run: string): string {
  const parts = run.split(SEPARATOR_RUN);
  // A group counts when it holds a digit, or is three or more look-alike letters ("llOl").
  const counts = (p: string): boolean => /\d/.test(p) || /^[OoIl]{3,}$/.test(p);
  const first = parts.findIndex(counts);
  const last = parts.length - 1 - [...parts].reverse().findIndex(counts);
  const span = parts.slice(first, last + 1).join('');
  const digits = span.replace(/\D/g, '').length;
  const letters = span.replace(/[^OoIl]/g, '').length;
  if (first < 0 || digits < 4 || letters > 2 * digits) return run;
  return parts.map((p, i) => (i >= first && i <= last ? p.replace(/[OoIl]/g, (ch) => LETTER_VALUE[ch] ?? ch) : p)).join('');
}

function digitView(norm: string): string {
  return norm
    .replace(NUMERAL_CHAR, (ch) => NUMERALS[ch] ?? ch)
    .replace(DINGBAT, dingbatValue)
    .replace(OTHER_DIGIT, (ch) => (/\p{Nd}/u.test(ch) ? digitValue(ch) : ch))
    .replace(LETTER_DIGITS, lettersAsDigits);
}

// Between two name parts: 。｡・·‧∙⋅ 點 点, a spaced dot, or a written one: dot [dot] (dot) (.) [.] 【.】.
const DOT_LOOKALIKE =
  /(?<=[\p{Script=Latin}\p{Script=Cyrillic}\p{Script=Greek}\p{Nd}])(?:\s*[。｡・･·‧∙⋅點点]\s*|\s+\.\s*|\s*(?:\[\s*(?:dot|\.)\s*\]|\(\s*(?:dot|\.)\s*\)|【\s*(?:dot|\.)\s*】|\{\s*(?:dot|\.)\s*\}|<\s*dot\s*>)\s*|\s+dot\s+)(?=[\p{Script=Latin}\p{Script=Cyrillic}\p{Script=Greek}\p{Nd}])/giu;

export function viewOf(text: string): ViewerText {
  const norm = stripInvisible(text.normalize('NFKC'));
  return { norm, digits: digitView(norm), links: norm.replace(DOT_LOOKALIKE, '.') };
}
