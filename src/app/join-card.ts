import QRCode from 'qrcode';
import { ADD_SCREEN_PAGE, showCode } from '../core/fleet/pairing';

const escape = (text: string): string => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

export type CardState =
  | { readonly state: 'asking' }
  | { readonly state: 'code'; readonly code: string; readonly expires: string }
  | { readonly state: 'joined'; readonly screenId: string }
  | { readonly state: 'problem'; readonly message: string };

/** The console page the QR code opens, with the code filled in. */
export const addScreenUrl = (consoleUrl: string, code: string): string => `${new URL(consoleUrl).origin}${ADD_SCREEN_PAGE}?code=${code}`;

/**
 * The full-screen join card of an unconfigured screen: the code in letters a person reads
 * from 3 m (about 14 % of the screen height), a QR code for the console's "Add screen" page,
 * and one line saying what to do. A small script (same origin, no inline code) reloads the
 * page when the card changes, and so becomes the player once the screen has its config.
 */
export async function joinCardHtml(card: CardState, consoleUrl: string): Promise<string> {
  const body = await cardBody(card, consoleUrl);
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Join this screen</title>
<style>
html,body{margin:0;height:100%;background:#0b1f33;color:#fff;font-family:system-ui,"Noto Sans CJK SC",sans-serif}
main{height:100%;display:flex;align-items:center;justify-content:center;gap:6vw;padding:0 5vw;box-sizing:border-box}
.qr{background:#fff;padding:1.5vh;border-radius:1vh;width:38vh;height:38vh}
.qr svg{width:100%;height:100%}
h1{font-size:4.5vh;font-weight:600;margin:0 0 2vh}
.code{font:700 14vh/1 ui-monospace,"DejaVu Sans Mono",monospace;letter-spacing:.08em;margin:0 0 3vh;white-space:nowrap}
p{font-size:3.6vh;line-height:1.35;margin:0 0 1.5vh;max-width:60vw}
.small{font-size:2.6vh;opacity:.8}
</style><script src="/join/card.js" defer></script></head><body><main data-testid="join-card" data-state="${card.state}" data-key="${escape(cardKey(card))}">${body}</main></body></html>
`;
}

/** Changes whenever what the card shows changes (a new code, joined, a problem). */
export const cardKey = (card: CardState): string => (card.state === 'code' ? `code ${card.code}` : card.state);

/** Polls the card's key; a different answer (a new code, or the player now answering) reloads the page. */
export const CARD_SCRIPT = `const shown = document.querySelector('main')?.dataset.key;
setInterval(async () => {
  try {
    const now = await (await fetch('/join/key', { cache: 'no-store' })).text();
    if (now !== shown) location.reload();
  } catch {
    // The screen is switching to the player: ask again.
  }
}, 2000);
`;

async function cardBody(card: CardState, consoleUrl: string): Promise<string> {
  switch (card.state) {
    case 'asking':
      return `<div><h1>Joining the console…</h1><p>Asking ${escape(new URL(consoleUrl).origin)} for a pairing code.</p></div>`;
    case 'problem':
      return `<div><h1>This screen cannot reach its console yet</h1><p>${escape(card.message)}</p><p class="small">It keeps trying.</p></div>`;
    case 'joined':
      return `<div><h1>Joined as ${escape(card.screenId)}</h1><p>Starting its content…</p></div>`;
    case 'code': {
      const link = addScreenUrl(consoleUrl, card.code);
      const svg = await QRCode.toString(link, { type: 'svg', errorCorrectionLevel: 'M', margin: 1 });
      return `<div class="qr">${svg}</div><div><h1>Add this screen</h1><div class="code" data-testid="pair-code">${escape(showCode(card.code))}</div>` +
        `<p>Scan the code, or open <b>Add screen</b> in the console, and enter this code with a name and a group.</p>` +
        `<p class="small">The code changes every 10 minutes. ${escape(new URL(consoleUrl).origin)}</p></div>`;
    }
  }
}
