/**
 * Gambling and rebate sales pitches as a class, whatever the brand: the deposit bonus, the
 * daily rebate on losses, the live dealer, the "sure win" lottery plan. Warnings that
 * describe a trick ("the first order paid a 10 yuan rebate") name no offer and stay visible.
 */
import { foldForMatch } from './blocked-terms';
import { joinSpelledOut } from './spelled-out';

interface Pitch {
  readonly name: string;
  readonly pattern: RegExp;
}

// Matched on the folded text: no spaces or punctuation, traditional folded to simplified,
// so "首 充.送" and "首存送" and "註冊即送" all meet their pattern.
const FOLDED: readonly Pitch[] = [
  { name: 'deposit or sign-up bonus', pattern: /(?:首充|首[冲衝]|首存|充值|存款|入款|注册|开户|新会员|新人)(?:即|就|立|再|可|都|必|秒)?[送赠贈返]\d/ },
  { name: 'gambling rebate', pattern: /返水|反水|洗码|洗碼/ },
  { name: 'live dealer', pattern: /真人(?:荷官|[视視][讯訊频頻]|发牌)|荷官(?:在线|发牌|直播)/ },
  { name: 'betting offer', pattern: /(?:下注|投注|押注|体育|[竞競]彩|[电電][竞競])(?:即|就)?(?:[送赠贈返]|翻倍|包赢|[稳穩]赢)/ },
  { name: 'lottery tips', pattern: /(?:彩票|时时彩|六合彩|快三|pk10|赛车)(?:[计計][划劃]|[带帶][单單]|[导導][师師]|必中|[稳穩][赚賺]|包中)/ },
];

// Matched on words (folded one by one, spaced-out letters joined), so "timeslots" is not "slots".
const WORDED: readonly Pitch[] = [
  { name: 'deposit or sign-up bonus', pattern: /\b(?:deposit|sign ?up|welcome|first deposit|reload|casino|betting) (?:bonus|match)\b/ },
  { name: 'gambling rebate', pattern: /\b(?:casino|betting|slots?|baccarat|poker|roulette) .{0,40}\b(?:cashback|rebate|bonus|free ?spins?|free ?bets?)\b/ },
  { name: 'gambling rebate', pattern: /\b(?:cashback|rebate|bonus|free ?spins?|free ?bets?) .{0,40}\b(?:casino|betting|slots?|baccarat|poker|roulette)\b/ },
  { name: 'live dealer', pattern: /\blive (?:dealers?|roulette|baccarat)\b/ },
];

// A rebate advertised as "up to" a rate ("返利高达50%", "cashback up to 30%"), on the folded
// text. A bare rate ("每年返利12%") is how case stories retell the bait, so it stays.
const RATE = /(?:返利|返佣|返现|回馈|回饋|返傭|cashback|rebates?)(?:高达|高達|最高|最多|upto)\d/;

function wordView(text: string): string {
  return joinSpelledOut(text)
    .split(/\s+/)
    .map(foldForMatch)
    .filter((w) => w.length > 0)
    .join(' ');
}

/** The kind of pitch the text makes, or undefined when it makes none. */
export function findGamblingPitch(text: string): string | undefined {
  const folded = foldForMatch(text);
  let words: string | undefined;
  // The word view is built once, and only when no folded pattern matched.
  const hit = FOLDED.find((p) => p.pattern.test(folded)) ?? WORDED.find((p) => p.pattern.test((words ??= wordView(text))));
  if (hit) return hit.name;
  return RATE.test(folded) ? 'rebate promised as a rate' : undefined;
}
