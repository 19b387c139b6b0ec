/**
 * Gambling and spam phrases that have no place on a school or bank screen. Scraped pages
 * carry them spliced into sentences (seed 002: "bet365 online live casino").
 */
export const DEFAULT_BLOCKED_TERMS: readonly string[] = [
  'online live casino',
  'live casino',
  'online casino',
  'casino bonus',
  'bet365',
  'sportsbook',
  'free spins',
  'slot online',
  'baccarat',
  '博彩',
  '赌场',
  '賭場',
  '百家乐',
  '百家樂',
  '真人娱乐',
  '真人娛樂',
  '娱乐城',
  '娛樂城',
  '皇冠体育',
  '澳门威尼斯人',
  '太阳城集团',
  '葡京娱乐',
  '六合彩',
  '时时彩',
  '注册送彩金',
  '彩金',
  '菠菜',
  '网赌平台',
  '开户送',
];

/**
 * Compares in a folded form: compatibility forms unified (full-width letters), case
 * folded, and spaces, punctuation and invisible separators dropped, so "B e t 3 6 5"
 * and "ｂｅｔ３６５" still match.
 */
export function foldForMatch(text: string): string {
  return text
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[\s\p{P}\p{S}\p{Cf}]+/gu, '');
}

/** Folded forms of a term list, computed once per list: a feed checks every field of every item. */
const foldedLists = new WeakMap<readonly string[], readonly (readonly [string, string])[]>();

function foldedTerms(terms: readonly string[]): readonly (readonly [string, string])[] {
  let folded = foldedLists.get(terms);
  if (!folded) {
    folded = terms.map((term) => [term, foldForMatch(term)] as const).filter(([, f]) => f.length > 0);
    foldedLists.set(terms, folded);
  }
  return folded;
}

export function findBlockedTerm(text: string, terms: readonly string[]): string | undefined {
  const folded = foldForMatch(text);
  return foldedTerms(terms).find(([, f]) => folded.includes(f))?.[0];
}
