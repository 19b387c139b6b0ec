/**
 * The pictures of the warning videos: phone screens (incoming call, text message, chat,
 * payment page, app-store page, screen-share prompt, court judgment) drawn as HTML and
 * rendered to PNG stills with the system Chromium. A viewer without sound should
 * recognise the scam from the picture; the spoken sentence is in the captions only.
 */
import type { Browser } from 'playwright-core';

export type Loc = 'zh-CN' | 'zh-TW' | 'zh-HK' | 'en';
export type L = Readonly<Record<Loc, string>>;

export type Screen =
  | { readonly kind: 'call'; readonly caller: L; readonly number: string }
  | { readonly kind: 'sms'; readonly from: string; readonly messages: readonly L[] }
  | { readonly kind: 'chat'; readonly group: L; readonly messages: readonly { readonly from: 'them' | 'me'; readonly text: L }[] }
  | { readonly kind: 'payment'; readonly payee: L; readonly amount: L; readonly button: L }
  | { readonly kind: 'app'; readonly name: L; readonly tagline: L; readonly button: L; readonly rating: string }
  | { readonly kind: 'share'; readonly title: L; readonly button: L }
  | { readonly kind: 'verdict'; readonly title: L; readonly lines: readonly L[] };

/**
 * The script as one variant tells it: a text with a `locale@region` key (`"en@hk"`) replaces
 * the locale's own text there, so English on a Hong Kong screen shows HK$, not ¥.
 */
export function forVariant<T>(value: T, locale: Loc, region: string): T {
  if (Array.isArray(value)) return value.map((v: unknown) => forVariant(v, locale, region)) as T;
  if (value === null || typeof value !== 'object') return value;
  const entries = Object.entries(value).map(([k, v]) => [k, forVariant(v, locale, region)] as const);
  const own = (value as Record<string, unknown>)[`${locale}@${region}`];
  return Object.fromEntries(own === undefined ? entries : [...entries, [locale, own]]) as T;
}

export interface EndCard {
  readonly title: string;
  readonly hotlines: readonly { readonly label: string; readonly number: string }[];
}

export const WIDTH = 1280;
export const HEIGHT = 720;

const FONT: Record<Loc, string> = {
  'zh-CN': "'Noto Sans CJK SC', 'Noto Sans', sans-serif",
  'zh-TW': "'Noto Sans CJK TC', 'Noto Sans', sans-serif",
  'zh-HK': "'Noto Sans CJK HK', 'Noto Sans CJK TC', 'Noto Sans', sans-serif",
  en: "'Noto Sans', 'Noto Sans CJK SC', sans-serif",
};

const esc = (s: string): string => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

const UI: Record<Loc, { incoming: string; decline: string; accept: string; messages: string; transfer: string; payee: string; amount: string; rating: string; cancel: string }> = {
  'zh-CN': { incoming: '来电', decline: '拒绝', accept: '接听', messages: '信息', transfer: '转账', payee: '收款方', amount: '金额', rating: '评分', cancel: '取消' },
  'zh-TW': { incoming: '來電', decline: '拒絕', accept: '接聽', messages: '訊息', transfer: '轉帳', payee: '收款帳戶', amount: '金額', rating: '評分', cancel: '取消' },
  'zh-HK': { incoming: '來電', decline: '拒絕', accept: '接聽', messages: '短訊', transfer: '轉賬', payee: '收款戶口', amount: '金額', rating: '評分', cancel: '取消' },
  en: { incoming: 'Incoming call', decline: 'Decline', accept: 'Accept', messages: 'Messages', transfer: 'Transfer', payee: 'Payee', amount: 'Amount', rating: 'Rating', cancel: 'Cancel' },
};

function phoneBody(screen: Screen, loc: Loc): string {
  const ui = UI[loc];
  switch (screen.kind) {
    case 'call':
      return `<div class="call"><div class="muted">${ui.incoming}</div><div class="avatar">?</div>
        <div class="caller">${esc(screen.caller[loc])}</div><div class="number">${esc(screen.number)}</div>
        <div class="buttons"><span class="round red">✕</span><span class="round green">✆</span></div>
        <div class="labels"><span>${ui.decline}</span><span>${ui.accept}</span></div></div>`;
    case 'sms':
      return `<div class="bar">${ui.messages} · ${esc(screen.from)}</div><div class="thread">${screen.messages
        .map((m) => `<div class="bubble them">${esc(m[loc])}</div>`)
        .join('')}</div>`;
    case 'chat':
      return `<div class="bar">${esc(screen.group[loc])}</div><div class="thread">${screen.messages
        .map((m) => `<div class="bubble ${m.from}">${esc(m.text[loc])}</div>`)
        .join('')}</div>`;
    case 'payment':
      return `<div class="bar">${ui.transfer}</div><div class="pay"><div class="muted">${ui.payee}</div>
        <div class="payee">${esc(screen.payee[loc])}</div><div class="muted">${ui.amount}</div>
        <div class="amount">${esc(screen.amount[loc])}</div><div class="cta">${esc(screen.button[loc])}</div></div>`;
    case 'app':
      return `<div class="app"><div class="icon">${esc(screen.name[loc].slice(0, 1))}</div><div class="appname">${esc(screen.name[loc])}</div>
        <div class="muted">${esc(screen.tagline[loc])}</div><div class="stars">★★★★★ ${esc(screen.rating)}</div>
        <div class="cta">${esc(screen.button[loc])}</div></div>`;
    case 'share':
      return `<div class="dialog"><div class="screen-icon"></div><div class="dialog-title">${esc(screen.title[loc])}</div>
        <div class="dialog-buttons"><span class="ghost">${ui.cancel}</span><span class="cta small">${esc(screen.button[loc])}</span></div></div>`;
    case 'verdict':
      return `<div class="verdict"><div class="seal"></div><div class="verdict-title">${esc(screen.title[loc])}</div>${screen.lines
        .map((l) => `<div class="verdict-line">${esc(l[loc])}</div>`)
        .join('')}</div>`;
  }
}

const STYLE = `
*{box-sizing:border-box;margin:0}
body{width:${WIDTH}px;height:${HEIGHT}px;overflow:hidden;color:#fff;background:radial-gradient(circle at 30% 20%,#1b2d5c,#070d1f 70%)}
.topic{position:absolute;left:40px;top:32px;max-width:340px;font-size:30px;font-weight:700;line-height:1.3;color:#ffd54a}
.phone{position:absolute;left:${WIDTH / 2 - 165}px;top:26px;width:330px;height:560px;border-radius:44px;background:#111;border:10px solid #2a2a2a;box-shadow:0 20px 60px #000a;overflow:hidden}
.screen{position:absolute;inset:0;background:#f4f5f7;color:#111;display:flex;flex-direction:column}
.bar{padding:30px 18px 12px;background:#fff;font-weight:700;font-size:19px;border-bottom:1px solid #ddd;text-align:center}
.thread{padding:16px 14px;display:flex;flex-direction:column;gap:12px}
.bubble{max-width:84%;padding:11px 14px;border-radius:16px;font-size:19px;line-height:1.4}
.bubble.them{background:#fff;align-self:flex-start;border:1px solid #ddd}
.bubble.me{background:#95ec69;align-self:flex-end}
.muted{color:#777;font-size:17px}
.call{flex:1;background:linear-gradient(#2b3a55,#0e1626);color:#fff;display:flex;flex-direction:column;align-items:center;padding-top:54px;gap:10px}
.call .muted{color:#b8c4da}
.avatar{width:96px;height:96px;border-radius:50%;background:#60708f;font-size:54px;display:flex;align-items:center;justify-content:center;margin:18px 0 6px}
.caller{font-size:28px;font-weight:700;text-align:center;padding:0 12px}
.number{font-size:20px;color:#cbd5e8;font-family:'Noto Sans',sans-serif}
.buttons{margin-top:auto;display:flex;gap:110px}
.labels{display:flex;gap:118px;font-size:15px;color:#cbd5e8;margin-bottom:46px}
.round{width:66px;height:66px;border-radius:50%;display:flex;align-items:center;justify-content:center;font-size:30px}
.red{background:#e53935}.green{background:#43a047}
.pay{padding:26px 22px;display:flex;flex-direction:column;gap:10px}
.payee{font-size:23px;font-weight:700;margin-bottom:16px}
.amount{font-size:40px;font-weight:800;color:#c62828;font-family:'Noto Sans',sans-serif;margin-bottom:30px}
.cta{background:#1e88e5;color:#fff;border-radius:12px;padding:14px;text-align:center;font-size:21px;font-weight:700}
.cta.small{padding:9px 18px;font-size:18px}
.app{padding:48px 22px;display:flex;flex-direction:column;align-items:center;gap:12px;text-align:center}
.icon{width:110px;height:110px;border-radius:26px;background:linear-gradient(135deg,#ffb300,#e65100);color:#fff;font-size:58px;font-weight:800;display:flex;align-items:center;justify-content:center}
.appname{font-size:27px;font-weight:800}
.stars{color:#f9a825;font-size:21px;margin-bottom:22px}
.app .cta{width:80%}
.dialog{margin:150px 20px 0;background:#fff;border-radius:18px;padding:24px 18px;box-shadow:0 8px 30px #0003;display:flex;flex-direction:column;gap:16px;align-items:center;text-align:center}
.screen-icon{width:70px;height:50px;border:6px solid #1e88e5;border-radius:8px}
.dialog-title{font-size:20px;font-weight:700;line-height:1.4}
.dialog-buttons{display:flex;gap:16px;align-items:center}
.ghost{color:#777;font-size:18px}
.verdict{margin:40px 18px;background:#fffdf5;border:2px solid #b71c1c;padding:30px 16px;display:flex;flex-direction:column;gap:16px;align-items:center;text-align:center}
.seal{width:70px;height:70px;border-radius:50%;border:6px solid #b71c1c}
.verdict-title{font-size:30px;font-weight:800;color:#b71c1c;letter-spacing:.2em}
.verdict-line{font-size:21px;font-weight:700}
.stamp{position:absolute;left:${WIDTH / 2 + 40}px;top:300px;transform:rotate(-14deg);border:8px solid #ff3b30;color:#ff3b30;background:#0008;font-size:64px;font-weight:900;padding:4px 26px;border-radius:12px;letter-spacing:.08em}
.end{position:absolute;inset:0;display:flex;flex-direction:column;align-items:center;justify-content:center;gap:34px;padding-bottom:90px}
.end-title{font-size:46px;font-weight:800;color:#ffd54a;text-align:center;max-width:1100px}
.end-lines{display:flex;gap:90px}
.end-line{display:flex;flex-direction:column;align-items:center}
.end-label{font-size:28px;color:#cfd8ea}
.end-number{font-size:110px;font-weight:900;font-family:'Noto Sans',sans-serif;color:#fff;line-height:1.1}
`;

const page = (loc: Loc, inner: string): string =>
  `<!doctype html><html lang="${loc}"><head><meta charset="utf-8"><style>${STYLE} body{font-family:${FONT[loc]}}</style></head><body>${inner}</body></html>`;

export function sceneHtml(topic: string, screen: Screen, loc: Loc, stamp: string | undefined): string {
  const stampHtml = stamp ? `<div class="stamp">${esc(stamp)}</div>` : '';
  return page(loc, `<div class="topic">${esc(topic)}</div><div class="phone"><div class="screen">${phoneBody(screen, loc)}</div></div>${stampHtml}`);
}

export function endHtml(topic: string, card: EndCard, loc: Loc): string {
  const lines = card.hotlines
    .map((h) => `<div class="end-line"><span class="end-label">${esc(h.label)}</span><span class="end-number">${esc(h.number)}</span></div>`)
    .join('');
  return page(loc, `<div class="topic">${esc(topic)}</div><div class="end"><div class="end-title">${esc(card.title)}</div><div class="end-lines">${lines}</div></div>`);
}

/** Renders an HTML still to a PNG file at the video's size. */
export async function renderStill(browser: Browser, html: string, file: string): Promise<void> {
  const tab = await browser.newPage({ viewport: { width: WIDTH, height: HEIGHT } });
  try {
    await tab.setContent(html);
    await tab.evaluate('document.fonts.ready');
    await tab.screenshot({ path: file });
  } finally {
    await tab.close();
  }
}
