/**
 * Phone numbers written as words: "one three eight…", pinyin ("yāo sān bā", "yao san ba"),
 * Cantonese readings ("saam baat") and any mix of these with digits or Chinese numerals.
 * A viewer reads "yao san ba ling ling" as a number to dial; the digit scanner sees letters.
 */

const WORD_VALUE: Readonly<Record<string, string>> = {
  zero: '0', oh: '0', o: '0', nought: '0', one: '1', two: '2', three: '3', four: '4', five: '5',
  six: '6', seven: '7', eight: '8', nine: '9',
  // Mandarin pinyin, tone marks removed; yao and liang are the spoken 1 and 2 of phone numbers.
  ling: '0', yi: '1', yao: '1', er: '2', liang: '2', san: '3', si: '4', wu: '5', liu: '6', qi: '7', ba: '8', jiu: '9',
  // Cantonese (Jyutping and the older Yale spellings), without tone numbers.
  jat: '1', yat: '1', ji: '2', saam: '3', sei: '4', ng: '5', luk: '6', baat: '8', gau: '9',
};

// Longest first, so "liang" wins over "li…" and "three" over "t…".
const WORDS = Object.keys(WORD_VALUE).sort((a, b) => b.length - a.length).join('|');
const DIGIT_CHARS = '0-9〇零洞一壹幺二贰貳两兩三叁參四肆五伍六陆陸七柒拐八捌九玖勾';
const TOKEN = String.raw`(?:(?:double|triple)[\s-]{0,2})?(?:${WORDS})|[${DIGIT_CHARS}]`;
// Words may also be run together ("yaosanba"); a run never starts or ends inside a longer word.
const RUN = new RegExp(String.raw`(?<![a-z])(?:${TOKEN})(?:[\s.,\-·_/]{0,3}(?:${TOKEN}))+(?![a-z])`, 'giu');
const ONE_TOKEN = new RegExp(TOKEN, 'giu');
const HAS_WORD = /[a-z]/i;

function tokenDigits(token: string): string {
  const lower = token.toLowerCase();
  const repeat = lower.startsWith('double') ? 2 : lower.startsWith('triple') ? 3 : 1;
  const word = lower.replace(/^(?:double|triple)[\s-]*/, '');
  return (WORD_VALUE[word] ?? word).repeat(repeat);
}

/** Tone marks off and letters lowered, so "Yāo Sān" meets "yao san". */
const plainLetters = (text: string): string => text.normalize('NFKD').replace(/\p{M}/gu, '').normalize('NFC');

export interface SpokenNumbers {
  /** The text with every run of number words turned into digits. */
  readonly text: string;
  /** The runs as written, in order. */
  readonly runs: readonly string[];
}

/** Turns runs of two or more number tokens that hold at least one word into digits. */
export function spokenAsDigits(text: string): SpokenNumbers {
  const runs: string[] = [];
  const plain = plainLetters(text);
  const out = plain.replace(RUN, (run) => {
    if (!HAS_WORD.test(run)) return run;
    runs.push(run);
    return run.replace(ONE_TOKEN, (token) => (HAS_WORD.test(token) ? ` ${tokenDigits(token)} ` : token));
  });
  return { text: runs.length > 0 ? out : text, runs };
}
