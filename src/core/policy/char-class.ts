/**
 * Fast character tests. A regex with a large Unicode class (`\p{Cf}`, `\p{Script=Latin}`)
 * costs tens of nanoseconds per character scanned, and the policy scans every field of
 * every feed item. So large classes become a 64 KB lookup table built once, and the
 * regexes use short explicit ranges that cover the scripts a host name can use.
 */

/** Built on first use, so loading the module costs nothing until a feed is checked. */
export function lazy<T>(make: () => T): () => T {
  let value: T | undefined;
  return () => (value ??= make());
}

/** One flag per BMP code unit: whether `oneChar` (anchored, one character) accepts it. */
export type CodeTable = Uint8Array;

export function codeTable(oneChar: RegExp): CodeTable {
  const table = new Uint8Array(0x10000);
  for (let cp = 0; cp < 0x10000; cp++) {
    if (cp >= 0xd800 && cp <= 0xdfff) continue;
    if (oneChar.test(String.fromCharCode(cp))) table[cp] = 1;
  }
  return table;
}

/** Whether the text holds a flagged BMP character, or (when asked) any astral character. */
export function holdsAny(text: string, table: CodeTable, astral: boolean): boolean {
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (table[c] === 1 || (astral && c >= 0xd800 && c <= 0xdfff)) return true;
  }
  return false;
}

/** The text without flagged BMP characters and without astral ones. */
export function dropFlagged(text: string, table: CodeTable): string {
  let out = '';
  let from = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (table[c] === 1 || (c >= 0xd800 && c <= 0xdfff)) {
      out += text.slice(from, i);
      from = i + 1;
    }
  }
  return from === 0 ? text : out + text.slice(from);
}

/** Per BMP code unit: 0 keeps it, DROP removes it, anything else replaces it. */
export type CharMap = Uint16Array;
export const DROP = 0xffff;

/** One pass over the text applying a CharMap; astral characters are kept, or dropped when asked. */
export function mapChars(text: string, map: CharMap, dropAstral: boolean): string {
  let out = '';
  let from = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    const to = c >= 0xd800 && c <= 0xdfff ? (dropAstral ? DROP : 0) : (map[c] ?? 0);
    if (to === 0) continue;
    out += text.slice(from, i);
    if (to !== DROP) out += String.fromCharCode(to);
    from = i + 1;
  }
  return from === 0 ? text : out + text.slice(from);
}

/** A CharMap from pairs of equally long strings: each character of `from` becomes the one at its place in `to`. */
export function charMap(pairs: readonly (readonly [string, string])[], drop?: CodeTable): CharMap {
  const map = new Uint16Array(0x10000);
  if (drop) drop.forEach((flag, c) => void (flag === 1 && (map[c] = DROP)));
  for (const [from, to] of pairs) {
    if (from.length !== to.length) throw new Error(`charMap: "${from}" and "${to}" differ in length`);
    for (let i = 0; i < from.length; i++) map[from.charCodeAt(i)] = to.charCodeAt(i);
  }
  return map;
}

// Letters of the scripts whose look-alikes pass for Latin (Latin, Greek, Cyrillic, without
// × and ÷), and ASCII digits: what host names are made of. Full-width forms are gone after NFKC.
export const NAME_LETTER = String.raw`a-zA-Z\u00c0-\u00d6\u00d8-\u00f6\u00f8-\u024f\u0370-\u03ff\u0400-\u052f\u1e00-\u1eff`;
export const NAME_CHAR = `0-9${NAME_LETTER}`;
export const HAN = String.raw`\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff`;
/** Any letter or digit a word can continue with, for "not in the middle of a word" tests. */
export const WORD_CHAR = String.raw`${NAME_CHAR}${HAN}\u3040-\u30ff\uac00-\ud7af`;
// Dashes (\p{Pd}) and the combining marks a digit can carry (the keycap frame of 1️⃣).
const DASHES = String.raw`\-\u058a\u05be\u1400\u1806\u2010-\u2015\u2e17\u2e1a\u2e3a\u2e3b\u2e40\u2e5d\u301c\u3030\u30a0\ufe31\ufe32\ufe58\ufe63\uff0d`;
const MARKS = String.raw`\u0300-\u036f\u20d0-\u20ff\ufe20-\ufe2f`;
/** What people put between the digits of one number: spaces, dots, dashes, brackets, slashes, stars, marks. */
export const DIGIT_SEPARATOR = String.raw`[\s${DASHES}${MARKS}./()[\]【】〔〕·・•‧∙⋅*_,~\u2212]`;
