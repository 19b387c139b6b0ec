import { err, ok, type Result } from '../result';

/**
 * Entity expansion ("billion laughs") and external entities live in the DOCTYPE's internal
 * subset. A document with one is refused before any parser sees it. A plain DOCTYPE without
 * a subset (old RSS 0.91 feeds carry one) is harmless to a parser that never fetches DTDs,
 * and is removed so the parser never sees it either.
 */
export function guardXml(text: string): Result<string> {
  if (/<!ENTITY/i.test(text)) return err('the feed declares XML entities (refused: entity expansion / XXE)');
  let i = 0;
  for (;;) {
    while (i < text.length && /\s/.test(text[i] ?? '')) i++;
    if (text.startsWith('<?', i)) {
      const end = text.indexOf('?>', i);
      if (end < 0) return err('the XML declaration is not closed');
      i = end + 2;
    } else if (text.startsWith('<!--', i)) {
      const end = text.indexOf('-->', i);
      if (end < 0) return err('an XML comment is not closed');
      i = end + 3;
    } else break;
  }
  if (!/^<!DOCTYPE/i.test(text.slice(i, i + 9))) return ok(text);
  const end = text.indexOf('>', i);
  const doctype = text.slice(i, end + 1);
  if (end < 0 || doctype.includes('[')) return err('the feed has a DOCTYPE with an internal subset (refused: entity expansion / XXE)');
  if (/^<!DOCTYPE\s+html\b/i.test(doctype)) return err('received an HTML page, not a feed');
  return ok(text.slice(0, i) + text.slice(end + 1));
}

/** An HTML page (a captive portal, an error page) served with status 200 is not a feed. */
export function looksLikeHtml(text: string): boolean {
  const head = text.slice(0, 2000).trimStart().toLowerCase();
  return head.startsWith('<!doctype html') || head.startsWith('<html') || /^<(head|body|meta|title)\b/.test(head);
}
