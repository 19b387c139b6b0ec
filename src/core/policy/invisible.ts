/**
 * Characters a screen draws as nothing. Feeds use them to split a phone number or a blocked
 * term so a matcher misses what a viewer still reads as one word.
 */

// Format characters (zero-width, bidi controls, tags), every default-ignorable code point
// (variation selectors, Hangul fillers, U+E0000-E0FFF), noncharacters, lone surrogates,
// the braille blank, and control characters other than whitespace.
const INVISIBLE =
  /(?![\t\n\v\f\r])[\p{Cf}\p{Cc}\p{Cs}\p{Default_Ignorable_Code_Point}\p{Noncharacter_Code_Point}\p{Variation_Selector}\u2800]/gu;

/** The text without anything invisible; whitespace stays for the caller to collapse. */
export function stripInvisible(text: string): string {
  return text.replace(INVISIBLE, '');
}

export function hasInvisible(text: string): boolean {
  INVISIBLE.lastIndex = 0;
  const found = INVISIBLE.test(text);
  INVISIBLE.lastIndex = 0;
  return found;
}
