/**
 * Words spelt out one character at a time: "w w w . b a d . c o m", "l.u.c.k.y.b.e.t..n.e.t",
 * "c a s i n o". A viewer reads the word at a glance; a matcher that looks for whole
 * words or host names does not. Invisible characters are already gone from the text.
 */

const SEP = String.raw`(?:\s+dot\s+|[\s.·・‧･]{1,4})`;
// Pieces of one to four letters or digits (or a hyphen) with separators between, at least
// three pieces: when some gaps are left out, "ww w" still reads as "www".
const PIECE = String.raw`[\p{L}\p{N}-]{1,4}(?![\p{L}\p{N}])`;
const RUN = new RegExp(String.raw`(?<![\p{L}\p{N}-])${PIECE}(?:${SEP}${PIECE}){2,}`, 'giu');
const SEP_ALONE = new RegExp(SEP, 'giu');
// A dot that stood for the host's dot: spaced on its left, or doubled ("w w w . b", "l.u..c").
// A sentence's ". " ("Mr. Li") is not one.
const STOOD_FOR_DOT = /^\s+[.·・‧･]|[.·・‧･]{2}|dot/i;
const ONLY_SINGLE_DOTS = /^(?:[^\s.·・‧･]+\.)+[^\s.·・‧･]+$/;
// Whole words with a doubled dot between them: "luckybet ..net".
const DOUBLED_DOT = /(?<=[a-z0-9])\s*[.·・‧･]{2,4}\s*(?=[a-z0-9])/gi;

/**
 * The last text joined and its result: one item's check asks for the same text twice (the
 * gambling pitch's word view, then the links), and the regular expressions are the cost.
 */
let last: { readonly text: string; readonly joined: string } | undefined;

/** The text with each spelt-out run joined; a separator that stood for a dot becomes one. */
export function joinSpelledOut(text: string): string {
  if (last?.text === text) return last.joined;
  const joined = joinRuns(text);
  last = { text, joined };
  return joined;
}

function joinRuns(text: string): string {
  const joined = text.replace(RUN, (run) =>
    // Single dots only ("www.mps.gov.cn") is a host written normally: leave it as it is.
    ONLY_SINGLE_DOTS.test(run) ? run : run.replace(SEP_ALONE, (sep) => (STOOD_FOR_DOT.test(sep) ? '.' : '')),
  );
  return joined.replace(DOUBLED_DOT, '.');
}
