/**
 * Seeded variants of the three classes the first policy missed: numbers spelt in words
 * (English, pinyin, Cantonese, mixed), gambling and rebate pitches of any brand, and text
 * broken up by invisible characters, spaces or dots.
 */
import { INVISIBLES, seeded, type Rng } from './policy-variants';

export { seeded };

const pick = <T>(rng: Rng, list: readonly T[]): T => list[Math.floor(rng() * list.length)] as T;
const chance = (rng: Rng, p: number): boolean => rng() < p;
const digitsOf = (rng: Rng, n: number): string => Array.from({ length: n }, () => String(Math.floor(rng() * 10))).join('');

const ENGLISH = ['zero', 'one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine'];
const PINYIN_TONES = ['líng', 'yāo', 'èr', 'sān', 'sì', 'wǔ', 'liù', 'qī', 'bā', 'jiǔ'];
const PINYIN = ['ling', 'yao', 'er', 'san', 'si', 'wu', 'liu', 'qi', 'ba', 'jiu'];
const PINYIN_ALT = ['ling', 'yi', 'liang', 'san', 'si', 'wu', 'liu', 'qi', 'ba', 'jiu'];
const JYUTPING = ['ling', 'jat', 'ji', 'saam', 'sei', 'ng', 'luk', 'cat', 'baat', 'gau'];
const CJK = ['零', '幺', '二', '三', '四', '五', '六', '七', '八', '九'];
const SPOKEN_SEPARATORS = [' ', '-', ', ', ' . ', '  ', '', '·'];

function spokenDigit(rng: Rng, d: number, style: number): string {
  switch (style) {
    case 0: return pick(rng, [ENGLISH[d], ENGLISH[d]?.toUpperCase(), d === 0 ? 'oh' : ENGLISH[d]]) ?? '';
    case 1: return PINYIN_TONES[d] ?? '';
    case 2: return pick(rng, [PINYIN, PINYIN_ALT])[d] ?? '';
    // Jyutping's "cat" (7) reads as an English word, so mixed text spells 7 as a digit.
    case 3: return d === 7 ? '7' : JYUTPING[d] ?? '';
    default: return pick(rng, [String(d), CJK[d] ?? '', ENGLISH[d] ?? '', PINYIN[d] ?? '']);
  }
}

function mobileDigits(rng: Rng): string {
  return pick(rng, [`1${pick(rng, ['3', '5', '8'])}${digitsOf(rng, 9)}`, `${pick(rng, ['5', '6', '9'])}${digitsOf(rng, 7)}`, `09${digitsOf(rng, 8)}`]);
}

export function spokenPhoneVariant(rng: Rng): { text: string; what: string } {
  const style = Math.floor(rng() * 5);
  const sep = style === 2 && chance(rng, 0.3) ? '' : pick(rng, SPOKEN_SEPARATORS.filter((s) => s !== '' || style !== 0));
  const digits = mobileDigits(rng);
  const words = Array.from(digits, (d) => spokenDigit(rng, Number(d), style));
  // A mixed number needs a word somewhere, or it is the digit scanner's case.
  if (style === 4) words[Math.floor(rng() * words.length)] = ENGLISH[Number(digits[0])] ?? 'one';
  const what = words.join(sep);
  return { text: pick(rng, SPOKEN_TEMPLATES).replace('{}', what), what };
}

const SPOKEN_TEMPLATES = ['加我 {} 带你赚钱', 'Call {} for a refund', '客服：{}', '{}', 'WhatsApp {} now', '退款請致電 {}', '有疑問打 {} 搵我'];

const BRANDS = ['金沙', '永利', '星河', 'Lucky Star', 'Golden Dragon', '威尼斯', 'Royal88', '皇冠'];
const GAMBLING_PITCHES = [
  '{b}首充送{n}%，天天返水', '{b}註冊即送{n}元彩金', '{b}真人荷官在線發牌', '新會員存款送{n}元，{b}等你', '{b}體育投注即送{n}元',
  '{b}每日返水{n}%', '時時彩計劃必中，{b}導師帶單', '{b}：首存送{n}，流水低', '{b} deposit bonus {n}%', 'Welcome bonus {n}% at {b}',
  'Daily cashback up to {n}% on {b} slots', '{b} live dealer baccarat, free spins', '{b} casino: {n} free spins on sign up', '返利最高{n}%，{b}等你來',
  'Rebates up to {n}% every week at {b}', '{b}洗碼無上限', '{b}充值秒送{n}', '{b}電競投注翻倍',
];
const SPLIT = ['', ' ', '.', '\u200b', '·', ' . '];

export function gamblingPitchVariant(rng: Rng): { text: string; what: string } {
  const pitch = pick(rng, GAMBLING_PITCHES).replace('{b}', pick(rng, BRANDS)).replace('{n}', String(10 + Math.floor(rng() * 290)));
  const between = chance(rng, 0.3) ? pick(rng, SPLIT) : '';
  // Only CJK pitches are split letter by letter; English words stay words, split inside by invisibles.
  const written = /[a-z]/i.test(pitch) ? pitch : Array.from(pitch).join(between);
  return { text: written, what: written };
}

function splitBy(rng: Rng, text: string): string {
  const style = Math.floor(rng() * 4);
  const invisible = (): string => pick(rng, INVISIBLES);
  const join = [(): string => invisible(), (): string => ' ', (): string => pick(rng, ['.', '·', '・']), (): string => pick(rng, [' ', invisible(), '.'])][style] ?? (() => ' ');
  // The host's own dots stay readable as dots: spaced or doubled, as a person would split them.
  const pieces = text.split('.').map((part) => Array.from(part, (ch, i) => (i === 0 ? ch : join() + ch)).join(''));
  return pieces.join(pick(rng, [' . ', '..', ' .', ' ..']));
}

const SPLIT_TARGETS = (rng: Rng): string =>
  pick(rng, [`13${digitsOf(rng, 9)}`, `www.${pick(rng, ['luckybet', 'fastloan', 'refund-help', 'safe-invest'])}.${pick(rng, ['com', 'net', 'top', 'hk'])}`, pick(rng, ['bet365', '百家樂', '博彩', 'sportsbook', '網賭平台'])]);

export function splitVariant(rng: Rng): { text: string; what: string } {
  const what = splitBy(rng, SPLIT_TARGETS(rng));
  return { text: pick(rng, ['详情 {}', 'Visit {} today', '{}', '請聯絡 {}', '快上 {} 領獎']).replace('{}', what), what };
}

/** Hand-written examples of each class, at least five per class. */
export const HAND_WRITTEN: Readonly<Record<'spoken' | 'pitch' | 'split', readonly string[]>> = {
  spoken: [
    '加我 one three eight zero zero one three eight zero zero zero',
    '电话 yī sān bā líng líng yī sān bā líng líng líng',
    'yao san ba ling ling yao san ba ling ling ling 找客服',
    '138 零零 one three 8000',
    'Call nine one two three, four five six seven for your parcel',
    'WhatsApp 我：luk gau ng ng ji ji saam saam',
    'one three eight double oh one three eight triple zero',
  ],
  pitch: [
    '首充送100%，每日返水1.5%',
    '真人荷官在線發牌，註冊即送88元',
    'Deposit bonus 200% + daily cashback at Lucky Star Casino',
    '六合彩計劃必中，導師帶單',
    '刷單返利最高30%，日結',
    'Weekly rebates up to 15% on every slot',
  ],
  split: [
    '1\u200b3\u200b8\u200b0\u200b0\u200b1\u200b3\u200b8\u200b0\u200b0\u200b0',
    'w w w . b a d s i t e . c o m',
    'b a d s i t e dot c o m',
    'b\u2060e\u2060t\u2060365 開戶',
    '博 . 彩 . 平 . 台',
    '百\u200d家\u200d乐 在线',
  ],
};
