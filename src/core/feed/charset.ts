/**
 * Which charset a feed body is in. A byte-order mark is unambiguous and wins; then the
 * HTTP header, then the XML prolog (or JSON, which is UTF-8), then a look at the bytes.
 * The label returned is normalised to a name iconv-lite knows.
 */

export type CharsetSource = 'bom' | 'header' | 'prolog' | 'detected' | 'default';

export interface CharsetGuess {
  readonly charset: string;
  readonly source: CharsetSource;
  readonly bomLength: number;
}

const ALIASES: Readonly<Record<string, string>> = {
  'utf8': 'utf-8', 'utf-8': 'utf-8', 'unicode-1-1-utf-8': 'utf-8', 'us-ascii': 'utf-8', ascii: 'utf-8',
  gbk: 'gbk', gb2312: 'gb18030', 'gb_2312-80': 'gb18030', 'x-gbk': 'gbk', gb18030: 'gb18030', 'euc-cn': 'gb18030', cp936: 'gbk',
  big5: 'big5', 'big5-hkscs': 'big5hkscs', 'x-x-big5': 'big5', cp950: 'big5',
  'utf-16': 'utf-16', 'utf-16le': 'utf-16le', 'utf-16be': 'utf-16be', utf16: 'utf-16', ucs2: 'utf-16le', 'ucs-2': 'utf-16le',
  'utf-32': 'utf-32', 'utf-32le': 'utf-32le', 'utf-32be': 'utf-32be',
  'iso-8859-1': 'windows-1252', latin1: 'windows-1252', 'windows-1252': 'windows-1252', 'cp1252': 'windows-1252',
};

/** Known labels map to our names; other labels pass through for iconv-lite to judge. */
export function normaliseCharset(label: string | undefined): string | undefined {
  const l = label?.trim().replace(/^["']|["']$/g, '').toLowerCase();
  if (!l || !/^[a-z0-9._:-]{2,40}$/.test(l)) return undefined;
  return ALIASES[l] ?? l;
}

export function bomOf(bytes: Uint8Array): CharsetGuess | undefined {
  const [a, b, c, d] = [bytes[0], bytes[1], bytes[2], bytes[3]];
  if (a === 0x00 && b === 0x00 && c === 0xfe && d === 0xff) return { charset: 'utf-32be', source: 'bom', bomLength: 4 };
  if (a === 0xff && b === 0xfe && c === 0x00 && d === 0x00) return { charset: 'utf-32le', source: 'bom', bomLength: 4 };
  if (a === 0xef && b === 0xbb && c === 0xbf) return { charset: 'utf-8', source: 'bom', bomLength: 3 };
  if (a === 0xfe && b === 0xff) return { charset: 'utf-16be', source: 'bom', bomLength: 2 };
  if (a === 0xff && b === 0xfe) return { charset: 'utf-16le', source: 'bom', bomLength: 2 };
  return undefined;
}

/** Wide encodings show themselves by where the zero bytes sit around the first "<" or "{". */
function wideLayout(bytes: Uint8Array): string | undefined {
  const [a, b, c, d] = [bytes[0], bytes[1], bytes[2], bytes[3]];
  if (a === 0 && b === 0 && c === 0 && d !== 0) return 'utf-32be';
  if (a !== 0 && b === 0 && c === 0 && d === 0) return 'utf-32le';
  if (a === 0 && b !== 0) return 'utf-16be';
  if (a !== 0 && b === 0) return 'utf-16le';
  return undefined;
}

export function charsetFromContentType(contentType: string | undefined): string | undefined {
  const m = /;\s*charset\s*=\s*("?)([^";\s]+)\1/i.exec(contentType ?? '');
  return m ? normaliseCharset(m[2]) : undefined;
}

function prologCharset(bytes: Uint8Array): string | undefined {
  const head = String.fromCharCode(...bytes.subarray(0, 200));
  const m = /^\s*<\?xml[^>]*?encoding\s*=\s*["']([^"']+)["']/i.exec(head);
  return m ? normaliseCharset(m[1]) : undefined;
}

/** The declared or detectable charset; whether the bytes really are in it is checked by the decoder. */
export function sniffCharset(bytes: Uint8Array, contentType: string | undefined): CharsetGuess {
  const bom = bomOf(bytes);
  if (bom) return bom;
  const wide = wideLayout(bytes);
  if (wide) return { charset: wide, source: 'detected', bomLength: 0 };
  const header = charsetFromContentType(contentType);
  if (header) return { charset: header, source: 'header', bomLength: 0 };
  const prolog = prologCharset(bytes);
  if (prolog) return { charset: prolog, source: 'prolog', bomLength: 0 };
  return { charset: 'utf-8', source: 'default', bomLength: 0 };
}

/** The prolog's own declaration, for when the header's charset turns out wrong. */
export const declaredInProlog = prologCharset;

const COMMON_HAN = /[的一是不了人我在有他这中大来上国个到说们为子和你地出道也时年诈骗反电信网络防警钱转账银行这個來說們為國時詐騙電網絡轉帳銀]/g;

/** Scores a decoding of CJK bytes: common characters count, replacement characters cost. */
export function cjkScore(text: string): number {
  const common = text.match(COMMON_HAN)?.length ?? 0;
  const broken = text.match(/\uFFFD/g)?.length ?? 0;
  return common - broken * 5;
}
