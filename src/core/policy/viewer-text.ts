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

// 〇零 一壹幺 二贰貳 三叁參 四肆 五伍 六陆陸 七柒 八捌 九玖: each stands for one digit in a number read aloud.
const NUMERALS: Readonly<Record<string, string>> = {
  〇: '0', 零: '0', 一: '1', 壹: '1', 幺: '1', 二: '2', 贰: '2', 貳: '2', 三: '3', 叁: '3', 參: '3',
  四: '4', 肆: '4', 五: '5', 伍: '5', 六: '6', 陆: '6', 陸: '6', 七: '7', 柒: '7', 八: '8', 捌: '8',
  九: '9', 玖: '9',
};
const NUMERAL_CHAR = /[〇零一壹幺二贰貳三叁參四肆五伍六陆陸七柒八捌九玖]/g;
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

function digitView(norm: string): string {
  return norm
    .replace(NUMERAL_CHAR, (ch) => NUMERALS[ch] ?? ch)
    .replace(OTHER_DIGIT, (ch) => (/\p{Nd}/u.test(ch) ? digitValue(ch) : ch));
}

// Between two name parts: 。｡・·‧∙⋅ 點 点, a spaced dot, or a written one: dot [dot] (dot) (.) [.] 【.】.
const DOT_LOOKALIKE =
  /(?<=[\p{Script=Latin}\p{Script=Cyrillic}\p{Script=Greek}\p{Nd}])(?:\s*[。｡・･·‧∙⋅點点]\s*|\s+\.\s*|\s*(?:\[\s*(?:dot|\.)\s*\]|\(\s*(?:dot|\.)\s*\)|【\s*(?:dot|\.)\s*】|\{\s*(?:dot|\.)\s*\}|<\s*dot\s*>)\s*|\s+dot\s+)(?=[\p{Script=Latin}\p{Script=Cyrillic}\p{Script=Greek}\p{Nd}])/giu;

export function viewOf(text: string): ViewerText {
  const norm = stripInvisible(text.normalize('NFKC'));
  return { norm, digits: digitView(norm), links: norm.replace(DOT_LOOKALIKE, '.') };
}
