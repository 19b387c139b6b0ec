/**
 * Chat ids after their keywords ("加QQ 12345678", "VX：kefu888"): a screen that shows one
 * sends its viewers to a scammer as surely as a phone number does.
 */
import type { ViewerText } from './viewer-text';

export interface FoundId {
  readonly app: 'QQ' | 'WeChat' | 'LINE' | 'Telegram';
  readonly id: string;
}

// What may sit between the keyword and the id: 号/ID, a colon, 是/为, a few spaces.
const GAP = String.raw`\s{0,2}(?:号码|號碼|号|號|群|账号|帳號|id){0,2}\s{0,3}[:：]?\s{0,3}(?:是|为|為|搜索|搜)?\s{0,3}[:：]?\s{0,3}`;

/** A keyword still reads as one when a space or dot splits it: "Q Q", "微 信", "V·X". */
const spaced = (words: readonly string[]): string => words.map((w) => Array.from(w).join(String.raw`[\s.·]?`)).join('|');

const QQ_WORD = spaced(['qq', '扣扣', '企鹅', '企鵝', 'q群']);
const WECHAT_WORD = spaced(['微信', '薇信', '威信', '徽信', '维信', '維信', 'v信', 'vx', 'wx', 'weixin', 'wei xin', 'wechat', '加v', '加微']);
const TELEGRAM_WORD = spaced(['telegram', '纸飞机', '紙飛機', '飞机号', '飛機號', 'tg']);
const LINE_WORD = String.raw`line\s?id|line\s?(?:帳號|账号|號|号)|賴`;
const QQ = new RegExp(String.raw`(${QQ_WORD})${GAP}([1-9](?:[\s\-.]?\d){4,11})(?!\d)`, 'gi');
const CHAT = new RegExp(
  String.raw`(${WECHAT_WORD}|${TELEGRAM_WORD}|${LINE_WORD})(${GAP})(@?[a-z0-9][a-z0-9_\-.]{3,29})`,
  'gi',
);
const TELEGRAM = new RegExp(`^(?:${TELEGRAM_WORD})$`, 'i');
// Upper-case LINE on its own is the app; lower-case "line" is an English word.
const LINE_CAPS = new RegExp(String.raw`(LINE)(?![A-Za-z])(${GAP})(@?[A-Za-z0-9][A-Za-z0-9_\-.]{3,29})`, 'g');
// An id needs a digit or - _ in it, or an explicit marker (号, ID, 是) before it, so
// "WeChat official account" stays readable. A colon marks an id only after a Chinese keyword
// or an abbreviation: after an English word it ends a phrase ("on WeChat: never tap them").
const MARKER = /[号號是为為搜]|id/i;
const COLON = /[:：]/;
const ENGLISH_WORD = /^(?:wechat|wei\s?xin|telegram)$/i;

function appOf(word: string): FoundId['app'] {
  const w = word.toLowerCase();
  if (/line|賴/.test(w)) return 'LINE';
  if (TELEGRAM.test(w)) return 'Telegram';
  return 'WeChat';
}

/** A keyword glued to the end of a Latin word ("bq", "Nowx") is part of that word. */
const midWord = (text: string, at: number): boolean => at > 0 && /[a-z]/i.test(text[at - 1] ?? '');

function chatIds(text: string, re: RegExp): FoundId[] {
  const found: FoundId[] = [];
  re.lastIndex = 0;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    const [, word = '', gap = '', raw = ''] = m;
    const id = raw.replace(/[.\-_]+$/, '');
    const marked = MARKER.test(gap) || MARKER.test(word) || (COLON.test(gap) && !ENGLISH_WORD.test(word));
    if (!midWord(text, m.index) && id.length >= 4 && (/[\d_-]/.test(id) || marked)) {
      found.push({ app: appOf(word), id });
    } else {
      // What looked like an id may be the next keyword ("賴 line id: tw_888"): look again right after this one.
      re.lastIndex = m.index + Math.max(1, word.length);
    }
  }
  return found;
}

export function idsIn(view: ViewerText): FoundId[] {
  const qq = [...view.digits.matchAll(QQ)]
    .filter((m) => !midWord(view.digits, m.index))
    .map((m): FoundId => ({ app: 'QQ', id: (m[2] ?? '').replace(/\D/g, '') }));
  return [...qq, ...chatIds(view.digits, CHAT), ...chatIds(view.digits, LINE_CAPS)];
}
