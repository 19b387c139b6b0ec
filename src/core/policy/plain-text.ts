/**
 * Feed text becomes plain text before anything else looks at it: the renderer shows it as
 * text, and the policy must judge exactly what the public would read.
 */

import { stripInvisible } from './invisible';

const NAMED_ENTITIES: Readonly<Record<string, string>> = {
  amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: ' ', ensp: ' ', emsp: ' ',
  thinsp: ' ', hellip: '…', mdash: '—', ndash: '–', lsquo: '‘', rsquo: '’', ldquo: '“',
  rdquo: '”', sbquo: '‚', bdquo: '„', laquo: '«', raquo: '»', middot: '·', bull: '•',
  copy: '©', reg: '®', trade: '™', yen: '¥', euro: '€', pound: '£', cent: '¢', deg: '°',
  times: '×', divide: '÷', plusmn: '±', sect: '§', para: '¶', shy: '', zwj: '', zwnj: '',
  lrm: '', rlm: '', zerowidthspace: '', nobreak: '', invisibletimes: '', invisiblecomma: '',
  invisibleseparator: '', applyfunction: '', negativeverythinspace: '', negativethinspace: '',
  negativemediumspace: '', negativethickspace: '', eacute: 'é', egrave: 'è', agrave: 'à', aacute: 'á', ouml: 'ö',
  uuml: 'ü', auml: 'ä', szlig: 'ß', ccedil: 'ç', ntilde: 'ñ', iexcl: '¡', iquest: '¿',
};

// Elements whose content is never readable text.
const DROP_WITH_CONTENT = /<(script|style|noscript|template|iframe|object|embed|applet|svg|math|head|title)\b[^>]*>[\s\S]*?<\/\1\s*>/gi;
const BLOCK_TAG = /<\/?(br|p|div|li|ul|ol|h[1-6]|tr|td|th|table|blockquote|section|article|hr)\b[^>]*>/gi;
const ANY_TAG = /<\/?[a-z!?][^<>]*(>|$)/gi;
const COMMENT = /<!--[\s\S]*?(-->|$)/g;
const CDATA = /<!\[CDATA\[([\s\S]*?)(\]\]>|$)/g;
// HTML maps references to C1 controls onto the windows-1252 characters feeds meant.
const WINDOWS_1252: Readonly<Record<number, number>> = {
  0x80: 0x20ac, 0x82: 0x201a, 0x83: 0x0192, 0x84: 0x201e, 0x85: 0x2026, 0x86: 0x2020, 0x87: 0x2021,
  0x88: 0x02c6, 0x89: 0x2030, 0x8a: 0x0160, 0x8b: 0x2039, 0x8c: 0x0152, 0x8e: 0x017d, 0x91: 0x2018,
  0x92: 0x2019, 0x93: 0x201c, 0x94: 0x201d, 0x95: 0x2022, 0x96: 0x2013, 0x97: 0x2014, 0x98: 0x02dc,
  0x99: 0x2122, 0x9a: 0x0161, 0x9b: 0x203a, 0x9c: 0x0153, 0x9e: 0x017e, 0x9f: 0x0178,
};

/**
 * A reference of any length is consumed whole; one outside Unicode (or a surrogate, or NUL)
 * becomes nothing, so `&#99999999999;` leaves no digits behind.
 */
function codePointText(digits: string, radix: 10 | 16): string {
  const significant = digits.replace(/^0+/, '');
  if (significant.length === 0 || significant.length > (radix === 16 ? 6 : 7)) return '';
  const code = parseInt(significant, radix);
  if (code > 0x10ffff || (code >= 0xd800 && code <= 0xdfff)) return '';
  return String.fromCodePoint(WINDOWS_1252[code] ?? code);
}

const ENTITY = /&(?:#[xX]([0-9a-fA-F]+)|#(\d+)|([a-zA-Z][a-zA-Z0-9]{1,31}));?/g;

export function decodeEntities(text: string): string {
  return text.replace(ENTITY, (whole, hex: string | undefined, dec: string | undefined, name: string | undefined) => {
    if (hex !== undefined) return codePointText(hex, 16);
    if (dec !== undefined) return codePointText(dec, 10);
    return NAMED_ENTITIES[(name ?? '').toLowerCase()] ?? whole;
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
  // No `<` and no `&`: there is no markup to strip and no reference to decode.
  if (!input.includes('<') && !input.includes('&')) return stripInvisible(input).replace(/\s+/g, ' ').trim();
  let text = input;
  // Double-escaped markup (`&lt;script&gt;`) becomes markup after decoding: strip until stable.
  for (let round = 0; round < 3; round++) {
    const next = decodeEntities(stripMarkup(text));
    if (next === text) break;
    text = next;
  }
  text = stripMarkup(text);
  return stripInvisible(text).replace(/\s+/g, ' ').trim();
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
