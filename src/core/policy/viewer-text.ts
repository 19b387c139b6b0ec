/**
 * The text as a viewer reads it. Scammers write a number or a host so that a byte matcher
 * misses it while a person still reads it at a glance: full-width forms, Chinese numerals,
 * invisible characters, 。 for a dot. Every check runs on these views, never on the bytes.
 */
import { charMap, codeTable, DIGIT_SEPARATOR, holdsAny, lazy, mapChars, NAME_CHAR } from './char-class';
import { stripInvisible } from './invisible';

export interface ViewerText {
  /** NFKC, invisible characters gone: what reasons quote. */
  readonly norm: string;
  /** `norm` with every digit a viewer reads as a digit turned into 0-9, index for index. */
  readonly digits: string;
  /** `norm` with dot look-alikes between name parts turned into `.`. */
  readonly links: string;
}

// Chinese numerals, financial forms and the radio-call readings (幺 1, 两 2, 拐 7, 勾 9, 洞 0),
// and the dingbat and double-circled digits NFKC leaves alone: each stands for one digit.
const READ_AS_DIGIT = lazy(() =>
  charMap([
    ['〇零洞一壹幺二贰貳两兩三叁參四肆五伍六陆陸七柒拐八捌九玖勾⓿', '000111222223334455666777889990'],
    ['❶❷❸❹❺❻❼❽❾➀➁➂➃➄➅➆➇➈➊➋➌➍➎➏➐➑➒⓵⓶⓷⓸⓹⓺⓻⓼⓽', '123456789123456789123456789123456789'],
  ]),
);
// Letters that pass for digits inside a run that is mostly digits: 138OO138OOO.
const LETTER_DIGITS = new RegExp(String.raw`[\dOoIl](?:${DIGIT_SEPARATOR}{0,5}[\dOoIl]){6,}`, 'g');
const SEPARATOR_RUN = new RegExp(String.raw`(${DIGIT_SEPARATOR}+)`);
const LETTER_VALUE: Readonly<Record<string, string>> = { O: '0', o: '0', I: '1', l: '1' };
// Decimal digits of other scripts (Arabic-Indic, Devanagari, ...) that NFKC leaves alone.
const OTHER_DIGIT = /(?![0-9])\p{Nd}/gu;
const OTHER_DIGIT_TABLE = lazy(() => codeTable(/^(?![0-9])\p{Nd}$/u));
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
  return mapChars(otherDigits(norm), READ_AS_DIGIT(), false).replace(LETTER_DIGITS, lettersAsDigits);
}

function otherDigits(text: string): string {
  return holdsAny(text, OTHER_DIGIT_TABLE(), true) ? text.replace(OTHER_DIGIT, digitValue) : text;
}

// Between two name parts: 。｡・·‧∙⋅ 點 点, a spaced dot, or a written one: dot [dot] (dot) (.) [.] 【.】.
const DOT_LOOKALIKE = new RegExp(
  String.raw`(?<=[${NAME_CHAR}])(?:\s*[。｡・･·‧∙⋅點点]\s*|\s+\.\s*|\s*(?:\[\s*(?:dot|\.)\s*\]|\(\s*(?:dot|\.)\s*\)|【\s*(?:dot|\.)\s*】|\{\s*(?:dot|\.)\s*\}|<\s*dot\s*>)\s*|\s+dot\s+)(?=[${NAME_CHAR}])`,
  'gi',
);
// Cheap test for anything DOT_LOOKALIKE could match.
const MAY_HOLD_DOT = /[。｡・･·‧∙⋅點点[(【{<]|\s\.|\sdot\s/i;

export function viewOf(text: string): ViewerText {
  const norm = stripInvisible(text.normalize('NFKC'));
  const links = MAY_HOLD_DOT.test(norm) ? norm.replace(DOT_LOOKALIKE, '.') : norm;
  return { norm, digits: digitView(norm), links };
}
