import { Parser, processors } from 'xml2js';
import { capFromXml } from '../../core/cap/cap-from-xml';
import type { CapAlert } from '../../core/cap/cap-model';
import { guardXml, looksLikeHtml } from '../../core/feed/xml-guard';
import { err, ok, type Result } from '../../core/result';

/** What a CAP source gave: the messages it carried, links to the ones it only lists, and what was unreadable. */
export interface CapDocument {
  readonly alerts: readonly CapAlert[];
  readonly links: readonly string[];
  readonly rejected: readonly string[];
}

type Node = Record<string, unknown>;
const isNode = (v: unknown): v is Node => typeof v === 'object' && v !== null && !Array.isArray(v);
const children = (node: Node, key: string): Node[] => {
  const raw = node[key];
  return (Array.isArray(raw) ? raw : raw === undefined ? [] : [raw]).filter(isNode);
};
/** Feeds list at most this many CAP messages; a hostile feed cannot make us fetch thousands. */
const MAX_ENTRIES = 100;

function newParser(): Parser {
  // Namespace prefixes (cap:alert) vary between publishers; the local name is what counts.
  return new Parser({ tagNameProcessors: [processors.stripPrefix], explicitArray: true, async: false });
}

function linkOf(entry: Node): string | undefined {
  for (const link of children(entry, 'link')) {
    const attrs = isNode(link.$) ? link.$ : {};
    const href = typeof attrs.href === 'string' ? attrs.href : undefined;
    const type = typeof attrs.type === 'string' ? attrs.type : '';
    if (href && (type.includes('cap') || /\.(cap|xml)(\?|$)/i.test(href) || attrs.rel === 'alternate')) return href;
  }
  const text = entry.link;
  const first = Array.isArray(text) ? text[0] : text;
  return typeof first === 'string' ? first.trim() : undefined;
}

function collect(entries: readonly Node[]): CapDocument {
  const alerts: CapAlert[] = [];
  const links: string[] = [];
  const rejected: string[] = [];
  for (const entry of entries.slice(0, MAX_ENTRIES)) {
    const embedded = [...children(entry, 'alert'), ...children(entry, 'content').flatMap((c) => children(c, 'alert'))];
    if (embedded.length === 0) {
      const link = linkOf(entry);
      if (link) links.push(link);
      continue;
    }
    for (const node of embedded) {
      const alert = capFromXml(node);
      if (alert.ok) alerts.push(alert.value);
      else rejected.push(alert.error);
    }
  }
  return { alerts, links, rejected };
}

/** A single CAP message, or an Atom or RSS feed of CAP entries (embedded or linked). */
export async function parseCapText(text: string): Promise<Result<CapDocument>> {
  if (looksLikeHtml(text)) return err('received an HTML page, not CAP');
  const guarded = guardXml(text.replace(/^\uFEFF/, ''));
  if (!guarded.ok) return guarded;
  let doc: unknown;
  try {
    doc = await newParser().parseStringPromise(guarded.value);
  } catch (error) {
    return err(`not readable XML: ${(error instanceof Error ? error.message : String(error)).split('\n')[0]}`);
  }
  if (!isNode(doc)) return err('not readable XML');
  if (isNode(doc.alert)) {
    const alert = capFromXml(doc.alert);
    return alert.ok ? ok({ alerts: [alert.value], links: [], rejected: [] }) : alert;
  }
  if (isNode(doc.feed)) return ok(collect(children(doc.feed, 'entry')));
  if (isNode(doc.rss)) return ok(collect(children(doc.rss, 'channel').flatMap((c) => children(c, 'item'))));
  return err(`not CAP: the document's root is <${Object.keys(doc)[0] ?? '?'}>, not <alert>, <feed> or <rss>`);
}
