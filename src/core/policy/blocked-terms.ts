import { charMap, codeTable, lazy, mapChars } from './char-class';

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

// Cyrillic and Greek letters that pass for Latin ones: "сasino" with a Cyrillic с.
const CONFUSABLE_FROM = 'авеёкмнорстухіјѕԁԛԝɡαβεικνορτυχ';
const CONFUSABLE_TO = 'abeekmhopctyxijsdqwgabeikvoptux';
// Traditional forms of the characters in gambling and scam vocabulary, so one simplified
// term also catches its Taiwan and Hong Kong spelling (時時彩, 網賭平台, 澳門威尼斯人).
const TRADITIONAL = '時網賭開戶註冊體門陽團娛樂場線發財寶賽馬獎勵錢幣貸紅額機遊戲點擊國際會員優禮贏輸號碼萬億凱薩龍鳳雙對幫買賣價盤間專業債證資訊紀鐘淨進運傳';
const SIMPLIFIED = '时网赌开户注册体门阳团娱乐场线发财宝赛马奖励钱币贷红额机游戏点击国际会员优礼赢输号码万亿凯萨龙凤双对帮买卖价盘间专业债证资讯纪钟净进运传';
// Spaces, punctuation, symbols, marks (strike-through overlays, accents) and everything
// invisible are dropped; astral characters (emoji, tag characters) go too.
const FOLD = lazy(() =>
  charMap(
    [
      [CONFUSABLE_FROM, CONFUSABLE_TO],
      [TRADITIONAL, SIMPLIFIED],
      ['@$', 'as'],
    ],
    codeTable(/^[\s\p{P}\p{S}\p{M}\p{Cf}\p{Cc}\p{Default_Ignorable_Code_Point}\p{Noncharacter_Code_Point}\u2800]$/u),
  ),
);

/**
 * Compares in a folded form: compatibility forms unified (full-width letters), accents and
 * overlays dropped, case folded, look-alike letters mapped to Latin, and spaces, punctuation
 * and invisible characters dropped, so "B e t 3 6 5", "ｂｅｔ３６５" and "b̶e̶t̶365" all match.
 */
// Digits and letters standing in for letters in spam ("c4s1no", "r0lex", "8et365"); i and l
// fold together so "s1ot" meets "slot". Compared on a second fold, so plain text is unaffected.
const LEET = lazy(() => charMap([['013457l8', 'oieastib']]));
const leet = (folded: string): string => mapChars(folded, LEET(), false);

/** The last text folded: an item's check folds its whole text twice (blocked terms, then pitches). */
let lastFold: { readonly text: string; readonly folded: string } | undefined;

export function foldForMatch(text: string): string {
  if (lastFold?.text === text) return lastFold.folded;
  const folded = mapChars(text.normalize('NFKD').toLowerCase(), FOLD(), true).normalize('NFC');
  lastFold = { text, folded };
  return folded;
}

interface FoldedTerm {
  readonly term: string;
  readonly folded: string;
  readonly leet: string;
}

/** Folded forms of a term list, computed once per list: a feed checks every field of every item. */
const foldedLists = new WeakMap<readonly string[], readonly FoldedTerm[]>();

function foldedTerms(terms: readonly string[]): readonly FoldedTerm[] {
  let folded = foldedLists.get(terms);
  if (!folded) {
    folded = terms
      .map((term) => ({ term, folded: foldForMatch(term), leet: leet(foldForMatch(term)) }))
      .filter((t) => t.folded.length > 0);
    foldedLists.set(terms, folded);
  }
  return folded;
}

export function findBlockedTerm(text: string, terms: readonly string[]): string | undefined {
  const folded = foldForMatch(text);
  const list = foldedTerms(terms);
  const plain = list.find((t) => folded.includes(t.folded));
  if (plain) return plain.term;
  const asLeet = leet(folded);
  return list.find((t) => asLeet.includes(t.leet))?.term;
}

function spanBy(chars: readonly string[], target: string, fold: (s: string) => string): string | undefined {
  for (let start = 0; start < chars.length; start++) {
    if (fold(chars[start] ?? '') === '') continue;
    let folded = '';
    for (let end = start; end < chars.length && folded.length < target.length; end++) {
      folded += fold(chars[end] ?? '');
      if (folded === target) return chars.slice(start, end + 1).join('');
      if (!target.startsWith(folded)) break;
    }
  }
  return undefined;
}

/** The stretch of `text` that folds to `term`'s folded form, to show the operator what was there. */
export function blockedSpan(text: string, term: string): string | undefined {
  const chars = Array.from(text);
  const leetFold = (s: string): string => leet(foldForMatch(s));
  return spanBy(chars, foldForMatch(term), foldForMatch) ?? spanBy(chars, leetFold(term), leetFold);
}
