/**
 * A seeded generator of contact details and blocked terms written the ways scammers write
 * them: mixed widths and scripts, odd separators, invisible characters, numerals for digits.
 */
import { DEFAULT_BLOCKED_TERMS } from '../../src/core/policy/blocked-terms';
import { mulberry32 } from '../../src/core/seeded-random';

export type Rng = () => number;

export const seeded: (seed: number) => Rng = mulberry32;

const pick = <T>(rng: Rng, list: readonly T[]): T => list[Math.floor(rng() * list.length)] as T;
const chance = (rng: Rng, p: number): boolean => rng() < p;
const digitsOf = (rng: Rng, n: number): string => Array.from({ length: n }, () => String(Math.floor(rng() * 10))).join('');

export const INVISIBLES = ['\u200b', '\u200c', '\u200d', '\u2060', '\u2063', '\ufeff', '\u00ad', '\u180e', '\u034f', '\ufe0f', '\u{e0020}', '\u{e0100}', '\u3164', '\u202c', '\ufdd0'];

function sprinkle(rng: Rng, text: string, p: number): string {
  return Array.from(text, (ch) => (chance(rng, p) ? ch + pick(rng, INVISIBLES) : ch)).join('');
}

const FULL_WIDTH_OFFSET = 0xfee0;
const fullWidth = (ch: string): string => (/[!-~]/.test(ch) ? String.fromCharCode(ch.charCodeAt(0) + FULL_WIDTH_OFFSET) : ch);
const dingbats = (d: number): string[] => (d === 0 ? ['⓿'] : [0x2776, 0x2780, 0x278a, 0x24f5].map((one) => String.fromCharCode(one + d - 1)));
const DIGIT_FORMS: readonly (readonly string[])[] = [
  ['〇', '零', '⓪', '٠', '洞'], ['一', '壹', '幺', '①', '١'], ['二', '贰', '貳', '②', '२', '两'], ['三', '叁', '參', '③', '३'],
  ['四', '肆', '④', '৪'], ['五', '伍', '⑤', '५'], ['六', '陆', '陸', '⑥'], ['七', '柒', '⑦', '७', '拐'],
  ['八', '捌', '⑧', '८'], ['九', '玖', '⑨', '९', '勾'],
].map((forms, d) => [...forms, ...dingbats(d)]);

function digitForm(rng: Rng, d: string, style: number): string {
  switch (style) {
    case 0: return d;
    case 1: return fullWidth(d);
    case 2: return pick(rng, DIGIT_FORMS[Number(d)] ?? [d]);
    case 3: return chance(rng, 0.5) ? fullWidth(d) : pick(rng, DIGIT_FORMS[Number(d)] ?? [d]);
    case 4: return d === '0' && chance(rng, 0.6) ? pick(rng, ['O', 'o']) : d === '1' && chance(rng, 0.5) ? 'l' : d;
    default: return `${d}\uFE0F\u20E3`;
  }
}

// Numbers that are not on any allowlist: mobiles, landlines, 400 lines, Hong Kong, Taiwan.
function phoneDigits(rng: Rng): { prefix: string; digits: string } {
  switch (Math.floor(rng() * 5)) {
    case 0: return { prefix: pick(rng, ['', '+86 ', '0086', '(+86)', '+86-']), digits: `1${pick(rng, ['3', '5', '7', '8', '9'])}${digitsOf(rng, 9)}` };
    case 1: return { prefix: pick(rng, ['', '+86 ']), digits: `0${pick(rng, ['10', '21', '571', '755'])}${digitsOf(rng, 8)}` };
    case 2: return { prefix: '', digits: `400${digitsOf(rng, 7)}` };
    case 3: return { prefix: pick(rng, ['+852 ', '(852) ', '00852 ']), digits: `${pick(rng, ['5', '6', '9'])}${digitsOf(rng, 7)}` };
    default: return { prefix: pick(rng, ['+886 ', '+886-', '']), digits: `09${digitsOf(rng, 8)}` };
  }
}

const SEPARATORS = ['', ' ', '-', '.', '·', '–', '—', '/', '_', ' - ', '・', '  ', '－', '．', '*', '•'];

function group(rng: Rng, digits: string): string[] {
  const sizes = pick(rng, [[3, 4, 4], [4, 4], [3, 3, 4], [2, 3, 3, 3], [4, 3, 4], [100]]);
  const parts: string[] = [];
  let at = 0;
  for (const size of sizes) {
    if (at >= digits.length) break;
    parts.push(digits.slice(at, at + size));
    at += size;
  }
  if (at < digits.length) parts.push(digits.slice(at));
  return parts.filter((p) => p.length > 0);
}

export function phoneVariant(rng: Rng): { text: string; what: string } {
  const { prefix, digits } = phoneDigits(rng);
  const style = Math.floor(rng() * 6);
  const sep = pick(rng, SEPARATORS);
  const parts = group(rng, digits).map((p) => Array.from(p, (d) => digitForm(rng, d, style)).join(''));
  const bracketed = chance(rng, 0.2) && parts.length > 2 ? [`(${parts[0]})`, ...parts.slice(1)] : parts;
  const written = sprinkle(rng, (style === 1 ? Array.from(prefix, fullWidth).join('') : prefix) + bracketed.join(sep), 0.15);
  const template = pick(rng, PHONE_TEMPLATES);
  return { text: template.replace('{}', written), what: written };
}

const PHONE_TEMPLATES = [
  '客服电话{}退款', '请联系 {} 领取补贴', '加我{}，带你赚钱', 'Call {} now to claim your refund', '熱線：{} 立即辦理',
  '有问题找{}', '{}', '官方客服 {}（24小时）', 'WhatsApp {} for a loan', '貸款請洽{}', '中奖请拨{}兑奖', '退税专线{}',
];

const TLDS = ['com', 'cn', 'net', 'top', 'xyz', 'vip', 'shop', 'help', 'money', 'app', 'club', 'online', 'com.cn', 'hk', 'tw', 'cc', 'me', 'info', 'bet', 'icu', 'site', 'co.uk', 'io', 'live', 'fun'];
const DOTS = ['.', '。', '．', '｡', '・', '·', '[.]', '(.)', '[dot]', '(dot)', ' dot ', ' . ', '點', '点', '【.】'];
const CYRILLIC: Readonly<Record<string, string>> = { a: 'а', c: 'с', e: 'е', o: 'о', p: 'р', x: 'х', y: 'у', i: 'і', s: 'ѕ' };

function label(rng: Rng): string {
  const letters = 'abcdefghijklmnopqrstuvwxyz';
  const length = 3 + Math.floor(rng() * 8);
  return Array.from({ length }, (_, i) => (i > 0 && chance(rng, 0.15) ? String(Math.floor(rng() * 10)) : pick(rng, [...letters]))).join('');
}

function disguise(rng: Rng, text: string): string {
  const style = Math.floor(rng() * 4);
  return Array.from(text, (ch) => {
    if (style === 1 && chance(rng, 0.7)) return fullWidth(ch);
    if (style === 2 && chance(rng, 0.3)) return CYRILLIC[ch] ?? ch;
    if (style === 3 && chance(rng, 0.5)) return ch.toUpperCase();
    return ch;
  }).join('');
}

export function domainVariant(rng: Rng): { text: string; what: string } {
  const kind = Math.floor(rng() * 8);
  let written: string;
  if (kind === 0) written = `${pick(rng, ['http://', 'https://', ''])}${1 + Math.floor(rng() * 222)}.${Math.floor(rng() * 256)}.${Math.floor(rng() * 256)}.${1 + Math.floor(rng() * 254)}${pick(rng, ['', ':8080', '/pay', ':443/x'])}`;
  else if (kind === 1) written = `${pick(rng, ['t.cn', 'bit.ly', 'url.cn', 'reurl.cc', 'tinyurl.com', 'dwz.cn'])}/${label(rng)}`;
  else if (kind === 2) written = `${pick(rng, ['www.', ''])}${pick(rng, ['gov.cn', 'mps.gov.cn', 'police.example.org'])}.${label(rng)}.${pick(rng, TLDS)}`;
  else if (kind === 3) written = `www.mps.g${pick(rng, ['о', 'ο', '0'])}v.cn`;
  else {
    const parts = [...(chance(rng, 0.3) ? ['www'] : []), ...Array.from({ length: 1 + Math.floor(rng() * 2) }, () => label(rng)), ...pick(rng, TLDS).split('.')];
    const dot = pick(rng, DOTS);
    written = parts.map((p) => disguise(rng, p)).join(dot);
    if (chance(rng, 0.2)) written = `${pick(rng, ['https://', 'http://', 'hxxp://'])}${parts.join('.')}`;
    if (chance(rng, 0.2)) written += `/${label(rng)}`;
  }
  const what = sprinkle(rng, written, 0.1);
  return { text: pick(rng, DOMAIN_TEMPLATES).replace('{}', what), what };
}

const DOMAIN_TEMPLATES = ['访问 {} 领取补贴', '下载APP：{}', 'Visit {} to claim', '官网{}，立即到账', '詳情請見 {} 。', '{}', '打开{}认证', 'Refund form at {} today'];

const MARKS = ['\u0336', '\u0335', '\u0332', '\u0301', '\u0308'];
const BETWEEN = ['', ' ', '.', '-', '*', '·', '_', '/', '|', '~', '、', '　'];

// Taiwan and Hong Kong spell the same terms in traditional characters.
const SIMPLIFIED = '时网赌开户注册体门阳团娱乐场彩';
const TRADITIONAL = '時網賭開戶註冊體門陽團娛樂場彩';
const traditional = (text: string): string => Array.from(text, (ch) => TRADITIONAL[SIMPLIFIED.indexOf(ch)] ?? ch).join('');

const LEET: Readonly<Record<string, readonly string[]>> = { a: ['4', '@'], e: ['3'], i: ['1'], o: ['0'], s: ['5', '$'], t: ['7'], l: ['1'], b: ['8'] };
const leet = (rng: Rng, text: string): string => Array.from(text, (ch) => (LEET[ch] && chance(rng, 0.5) ? pick(rng, LEET[ch]) : ch)).join('');

export function termVariant(rng: Rng): { text: string; what: string } {
  const plain = pick(rng, DEFAULT_BLOCKED_TERMS);
  const term = chance(rng, 0.3) ? traditional(plain) : chance(rng, 0.2) ? leet(rng, plain) : plain;
  const between = pick(rng, BETWEEN);
  const marked = chance(rng, 0.2);
  const written = Array.from(disguise(rng, term), (ch) => (marked && ch !== ' ' ? ch + pick(rng, MARKS) : ch)).join(between);
  const what = sprinkle(rng, written, 0.2);
  return { text: pick(rng, TERM_TEMPLATES).replace('{}', what), what };
}

const TERM_TEMPLATES = ['{}注册就送', '最新{}上线', 'Join {} today', '{}', '快来{}，稳赚不赔', '澳門{}開業'];

const QQ_WORDS = ['QQ', 'qq', 'Ｑ Ｑ', '扣扣', '企鹅', 'Q群', 'ＱＱ号'];
const WECHAT_WORDS = ['微信', '微 信', '薇信', '威信', 'V信', 'VX', 'vx', 'WX', '加V', '加微', 'weixin', 'ＶＸ', 'V·X'];
const GAPS = ['', ' ', '：', ':', '号：', '号 ', ' 是 ', '：  ', '号码:'];

function chatId(rng: Rng): string {
  const letters = 'abcdefghijklmnopqrstuvwxyz';
  const head = Array.from({ length: 3 + Math.floor(rng() * 5) }, () => pick(rng, [...letters])).join('');
  return `${head}${pick(rng, ['_', '-', ''])}${digitsOf(rng, 2 + Math.floor(rng() * 5))}`;
}

export function chatIdVariant(rng: Rng): { text: string; what: string } {
  const qq = chance(rng, 0.5);
  const id = qq ? `${1 + Math.floor(rng() * 9)}${digitsOf(rng, 4 + Math.floor(rng() * 6))}` : chatId(rng);
  const shown = qq && chance(rng, 0.3) ? Array.from(id, (d) => digitForm(rng, d, 2)).join('') : disguise(rng, id).replace(/[а-яіѕ]/g, (c) => c);
  const written = sprinkle(rng, `${pick(rng, qq ? QQ_WORDS : WECHAT_WORDS)}${pick(rng, GAPS)}${qq ? shown : id}`, 0.1);
  return { text: pick(rng, ['加{}领红包', '{}', '客服{}，24小时在线', '详情请加{} 咨询']).replace('{}', written), what: written };
}
