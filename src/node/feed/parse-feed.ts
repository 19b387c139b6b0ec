import { createRequire } from 'node:module';
import Parser from 'rss-parser';
import { err, ok, type Result } from '../../core/result';
import { JsonFeed, normaliseJsonFeed } from '../../core/feed/json-feed';
import { PublishedFeed, claimsPublished, readDocument } from '../../core/contract/published';
import { Manifest, SignedEnvelope, manifestToRawFeed } from '../../core/feed/manifest';
import { normaliseRss } from '../../core/feed/rss-normalize';
import type { RawFeed } from '../../core/feed/raw-item';
import { guardXml, looksLikeHtml } from '../../core/feed/xml-guard';
import { readXmlTree } from '../../core/feed/xml-tree';
import { decodeFeed } from './decode';

export interface ParsedFeed {
  readonly feed: RawFeed;
  /** The console's own document (src/core/contract): read by its schema, not mapped by category. */
  readonly published?: PublishedFeed;
  readonly charset: string;
  /** The signed manifest's text and signature, when the body was a signed envelope. */
  readonly embedded?: { readonly data: Buffer; readonly signature: string };
}

/**
 * rss-parser derives `contentSnippet` from every description with
 * `/([^\n])<\/?(h|br|p|…)(?:.|\n)*?>([^\n])/gm`: each "<p" with no ">" after it scans to the
 * end of the text, so a 180 KB description of them cost about 30 s. The kiosk never reads
 * the snippet, so the step is skipped; the parser worker's deadline covers what remains.
 */
const rssUtils = createRequire(import.meta.url)('rss-parser/lib/utils.js') as { getSnippet: (html: string) => string };
rssUtils.getSnippet = () => '';

const KIOSK_ITEM_FIELDS = ['kind', 'level', 'starts', 'expires', 'lesson', 'amount', 'fraudType', 'qr', 'locale', 'regions', 'sha256'];

function newParser(): Parser {
  // A fresh parser per document: xml2js keeps state between calls.
  return new Parser({
    defaultRSS: 2,
    customFields: {
      feed: ['kiosk:version', 'kiosk:expires'] as never[],
      item: [
        ['category', 'rawCategories', { keepArray: true }],
        ['link', 'rawLinks', { keepArray: true }],
        ['media:content', 'mediaContent', { keepArray: true }],
        ['media:group', 'mediaGroup', { keepArray: true }],
        'language',
        ...KIOSK_ITEM_FIELDS.map((f) => `kiosk:${f}`),
      ] as never[],
    },
  });
}

/** rss-parser's own steps after xml2js (not in its typings): they map a tree to its feed. */
interface FeedBuilders {
  buildAtomFeed(tree: unknown): unknown;
  buildRSS2(tree: unknown): unknown;
  buildRSS1(tree: unknown): unknown;
  buildRSS0_9(tree: unknown): unknown;
}

interface Loose { readonly [key: string]: Loose | string | undefined }

/**
 * The feed rss-parser's `parseString` makes of an xml2js tree, step for step (the same
 * choice of format, then its own builders), or undefined where it would fail: the full
 * parse then runs and its refusal stands.
 */
function feedFromTree(tree: Loose): unknown {
  const p = newParser() as unknown as FeedBuilders;
  const rss = tree.rss;
  const attrs = typeof rss === 'object' ? rss.$ : undefined;
  const version = typeof attrs === 'object' && typeof attrs.version === 'string' ? attrs.version : undefined;
  try {
    if (tree.feed) return p.buildAtomFeed(tree);
    if (rss && version && /^2/.test(version)) return p.buildRSS2(tree);
    if (tree['rdf:RDF']) return p.buildRSS1(tree);
    if (rss && version && /0\.9/.test(version)) return p.buildRSS0_9(tree);
    if (rss) return p.buildRSS2(tree);
  } catch {
    return undefined;
  }
  return undefined;
}

/** The fast reader (xml-tree.ts) for plain documents; undefined sends the rest, and every refusal, to xml2js. */
export function readFeedFast(text: string): unknown {
  const tree = readXmlTree(text);
  return tree ? feedFromTree(tree as Loose) : undefined;
}

/** rss-parser's whole parse (xml2js): every document the fast reader leaves, and every refusal. */
export const readFeedFull = (text: string): Promise<unknown> => newParser().parseString(text);

async function parseRss(text: string, reader: XmlReader): Promise<unknown> {
  const fast = reader === 'fast' ? readFeedFast(text) : undefined;
  return fast ?? readFeedFull(text);
}

/** `full` skips the fast reader: the parity test compares the two over the feed corpus. */
export type XmlReader = 'fast' | 'full';

async function parseXml(text: string, reader: XmlReader): Promise<Result<RawFeed>> {
  if (looksLikeHtml(text)) return err('received an HTML page, not a feed');
  const guarded = guardXml(text);
  if (!guarded.ok) return guarded;
  const head = guarded.value.slice(0, 4000);
  const format = /<feed[\s>]/.test(head) && !/<(rss|rdf:RDF)[\s>]/.test(head) ? 'atom' : 'rss';
  try {
    const parsed = await parseRss(guarded.value, reader);
    return ok(normaliseRss(parsed, format));
  } catch (error) {
    // rss-parser indexes into elements it assumes exist (`channel[0]`).
    if (error instanceof TypeError) return err('not a readable RSS/Atom feed: no channel or required element missing');
    const message = error instanceof Error ? error.message.split('\n')[0] : String(error);
    return err(`not a readable RSS/Atom feed: ${message}`);
  }
}

/** A published document's head as a feed head; its items are decoded by the contract (read-published.ts). */
function publishedHead(value: unknown): Result<Omit<ParsedFeed, 'charset'>> {
  const doc = readDocument(PublishedFeed, value, 'published feed');
  if (!doc.ok) return doc;
  const head = doc.value._kiosk;
  const feed: RawFeed = { format: 'published', title: doc.value.title, version: head.version, expires: head.expires, items: [], rejected: [] };
  return ok({ feed, published: doc.value });
}

function parseJson(text: string): Result<Omit<ParsedFeed, 'charset'>> {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    return err(`not valid JSON: ${error instanceof Error ? error.message : String(error)}`);
  }
  if (claimsPublished(value)) return publishedHead(value);
  const envelope = SignedEnvelope.safeParse(value);
  if (envelope.success) {
    let inner: unknown;
    try {
      inner = JSON.parse(envelope.data.manifest);
    } catch {
      return err('the signed manifest is not valid JSON');
    }
    const manifest = Manifest.safeParse(inner);
    if (!manifest.success) return err(`not a valid manifest: ${manifest.error.issues[0]?.message ?? 'invalid'}`);
    const embedded = { data: Buffer.from(envelope.data.manifest, 'utf8'), signature: envelope.data.signature };
    return ok({ feed: manifestToRawFeed(manifest.data), embedded });
  }
  const feed = JsonFeed.safeParse(value);
  if (!feed.success) {
    const issue = feed.error.issues[0];
    return err(`not a JSON Feed: ${issue ? `${issue.path.join('.') || 'document'} ${issue.message}` : 'invalid'}`);
  }
  return ok({ feed: normaliseJsonFeed(feed.data) });
}

/** Fetched (or read) bytes to a parsed feed; nothing here trusts the bytes. */
export async function parseFeedBytes(bytes: Uint8Array, contentType: string | undefined, reader: XmlReader = 'fast'): Promise<Result<ParsedFeed>> {
  if (bytes.byteLength === 0) return err('the feed is empty');
  const decoded = decodeFeed(bytes, contentType);
  const text = decoded.text.replace(/^\uFEFF/, '');
  if (text.trim().length === 0) return err('the feed is empty');
  const first = text.trimStart()[0];
  if (first === '{' || first === '[') {
    const json = parseJson(text);
    return json.ok ? ok({ ...json.value, charset: decoded.charset }) : json;
  }
  if (first !== '<') return err(`not a feed: it starts with "${text.trimStart().slice(0, 20)}"`);
  const xml = await parseXml(text, reader);
  return xml.ok ? ok({ feed: xml.value, charset: decoded.charset }) : xml;
}
