import iconv from 'iconv-lite';
import { cjkScore, declaredInProlog, normaliseCharset, sniffCharset, type CharsetSource } from '../../core/feed/charset';

export interface Decoded {
  readonly text: string;
  readonly charset: string;
  readonly source: CharsetSource;
}

/** The text when the bytes are valid UTF-8, else undefined: one pass both checks and decodes. */
function strictUtf8(bytes: Uint8Array): string | undefined {
  try {
    return new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(bytes);
  } catch {
    return undefined;
  }
}

function decodeAs(bytes: Uint8Array, charset: string): string | undefined {
  if (!iconv.encodingExists(charset)) return undefined;
  return iconv.decode(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength), charset, { stripBOM: true });
}

/** Bytes that are not UTF-8: the CJK legacy charset whose decoding reads best wins. */
function detectLegacy(bytes: Uint8Array): Decoded {
  const candidates = ['gb18030', 'big5'].map((charset) => ({ charset, text: decodeAs(bytes, charset) ?? '' }));
  const best = candidates.reduce((a, b) => (cjkScore(b.text) > cjkScore(a.text) ? b : a));
  if (cjkScore(best.text) > 0) return { text: best.text, charset: best.charset, source: 'detected' };
  return { text: decodeAs(bytes, 'windows-1252') ?? '', charset: 'windows-1252', source: 'detected' };
}

const hasHighBytes = (bytes: Uint8Array): boolean => bytes.some((b) => b >= 0x80);

/** Valid UTF-8 with non-ASCII bytes under a legacy label: the label is usually the mistake. */
function prefersUtf8(body: Uint8Array, asUtf8: string, declared: string): boolean {
  return cjkScore(asUtf8) >= cjkScore(decodeAs(body, declared) ?? '');
}

/**
 * Bytes to text. A declared charset that does not fit the bytes (a server that says
 * UTF-8 and sends GBK) is not trusted blindly: the prolog is tried, then detection.
 */
export function decodeFeed(bytes: Uint8Array, contentType: string | undefined): Decoded {
  const guess = sniffCharset(bytes, contentType);
  const body = bytes.subarray(guess.bomLength);
  if (guess.source === 'bom' || (guess.source === 'detected' && guess.charset.startsWith('utf-'))) {
    return { text: decodeAs(body, guess.charset) ?? '', charset: guess.charset, source: guess.source };
  }
  const declared = [guess.charset, declaredInProlog(body)].filter(
    (c): c is string => c !== undefined && iconv.encodingExists(c),
  );
  const utf8 = strictUtf8(body);
  for (const charset of declared) {
    if (charset === 'utf-8' && utf8 === undefined) continue;
    if (charset !== 'utf-8' && utf8 !== undefined && hasHighBytes(body) && prefersUtf8(body, utf8, charset)) break;
    const text = charset === 'utf-8' ? utf8 : decodeAs(body, charset);
    if (text !== undefined && !(charset !== 'utf-8' && /^utf-(16|32)/.test(charset))) {
      return { text, charset, source: charset === guess.charset ? guess.source : 'prolog' };
    }
  }
  if (utf8 !== undefined) return { text: utf8, charset: 'utf-8', source: 'detected' };
  return detectLegacy(body);
}

export const knownCharset = (label: string): boolean => {
  const c = normaliseCharset(label);
  return c !== undefined && iconv.encodingExists(c);
};
