/**
 * Feed text becomes plain text before anything else looks at it: the renderer shows it as
 * text, and the policy must judge exactly what the public would read.
 */

const NAMED_ENTITIES: Readonly<Record<string, string>> = {
  amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: ' ', ensp: ' ', emsp: ' ',
  thinsp: ' ', hellip: '…', mdash: '—', ndash: '–', lsquo: '‘', rsquo: '’', ldquo: '“',
  rdquo: '”', sbquo: '‚', bdquo: '„', laquo: '«', raquo: '»', middot: '·', bull: '•',
  copy: '©', reg: '®', trade: '™', yen: '¥', euro: '€', pound: '£', cent: '¢', deg: '°',
  times: '×', divide: '÷', plusmn: '±', sect: '§', para: '¶', shy: '', zwj: '', zwnj: '',
  lrm: '', rlm: '', eacute: 'é', egrave: 'è', agrave: 'à', aacute: 'á', ouml: 'ö',
  uuml: 'ü', auml: 'ä', szlig: 'ß', ccedil: 'ç', ntilde: 'ñ', iexcl: '¡', iquest: '¿',
};

// Elements whose content is never readable text.
const DROP_WITH_CONTENT = /<(script|style|noscript|template|iframe|object|embed|applet|svg|math|head|title)\b[^>]*>[\s\S]*?<\/\1\s*>/gi;
const BLOCK_TAG = /<\/?(br|p|div|li|ul|ol|h[1-6]|tr|td|th|table|blockquote|section|article|hr)\b[^>]*>/gi;
const ANY_TAG = /<\/?[a-z!?][^<>]*(>|$)/gi;
const COMMENT = /<!--[\s\S]*?(-->|$)/g;
const CDATA = /<!\[CDATA\[([\s\S]*?)(\]\]>|$)/g;
// Zero-width characters, bidi controls, other invisible format characters and C0/C1 controls.
// eslint-disable-next-line no-control-regex, no-misleading-character-class -- matching them is the point
const INVISIBLE = /[\u200B-\u200F\u202A-\u202E\u2060-\u206F\uFEFF\u180E\u061C\u00AD\u034F\u115F\u1160\u3164\uFFA0\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\uFFF9-\uFFFB]/g;

function codePointText(code: number): string {
  if (!Number.isFinite(code) || code <= 0 || code > 0x10ffff || (code >= 0xd800 && code <= 0xdfff)) {
    return '';
  }
  return String.fromCodePoint(code);
}

export function decodeEntities(text: string): string {
  return text.replace(/&(#x[0-9a-f]{1,6}|#\d{1,7}|[a-z][a-z0-9]{1,31});?/gi, (whole, body: string) => {
    if (body.startsWith('#x') || body.startsWith('#X')) return codePointText(parseInt(body.slice(2), 16));
    if (body.startsWith('#')) return codePointText(parseInt(body.slice(1), 10));
    const named = NAMED_ENTITIES[body.toLowerCase()];
    return named ?? whole;
  });
}

function stripMarkup(html: string): string {
  return html
    .replace(CDATA, '$1')
    .replace(COMMENT, ' ')
    .replace(DROP_WITH_CONTENT, ' ')
    .replace(BLOCK_TAG, ' ')
    .replace(ANY_TAG, '');
}

/** HTML or text in, one line of plain text out: no tags, no entities, no invisible characters. */
export function toPlainText(input: string): string {
  let text = input;
  // Double-escaped markup (`&lt;script&gt;`) becomes markup after decoding: strip until stable.
  for (let round = 0; round < 3; round++) {
    const next = decodeEntities(stripMarkup(text));
    if (next === text) break;
    text = next;
  }
  text = stripMarkup(text);
  return text.replace(INVISIBLE, '').replace(/\s+/g, ' ').trim();
}

/** Cuts at a word or sentence boundary where one is near, and marks the cut. */
export function clip(text: string, max: number): string {
  const chars = Array.from(text);
  if (chars.length <= max) return text;
  const head = chars.slice(0, max - 1).join('');
  const boundary = Math.max(head.lastIndexOf(' '), head.lastIndexOf('。'), head.lastIndexOf('，'));
  const cut = boundary > max * 0.7 ? head.slice(0, boundary) : head;
  return `${cut.trimEnd()}…`;
}
