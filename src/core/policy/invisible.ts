/**
 * Characters a screen draws as nothing. Feeds use them to split a phone number or a blocked
 * term so a matcher misses what a viewer still reads as one word.
 */
import { codeTable, holdsAny, lazy } from './char-class';

// Format characters (zero-width, bidi controls, tags), every default-ignorable code point
// (variation selectors, Hangul fillers, U+E0000-E0FFF), noncharacters, lone surrogates,
// the braille blank, and control characters other than whitespace.
const INVISIBLE =
  /(?![\t\n\v\f\r])[\p{Cf}\p{Cc}\p{Cs}\p{Default_Ignorable_Code_Point}\p{Noncharacter_Code_Point}\p{Variation_Selector}\u2800]/gu;
const ONE_INVISIBLE =
  /^(?![\t\n\v\f\r])[\p{Cf}\p{Cc}\p{Default_Ignorable_Code_Point}\p{Noncharacter_Code_Point}\p{Variation_Selector}\u2800]$/u;
// Most text holds none of them: a table scan decides whether the regex is needed.
const INVISIBLE_TABLE = lazy(() => codeTable(ONE_INVISIBLE));

/** The text without anything invisible; whitespace stays for the caller to collapse. */
export function stripInvisible(text: string): string {
  return holdsAny(text, INVISIBLE_TABLE(), true) ? text.replace(INVISIBLE, '') : text;
}

export function hasInvisible(text: string): boolean {
  return stripInvisible(text) !== text;
}
