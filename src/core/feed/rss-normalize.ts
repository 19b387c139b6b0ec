import { toRawItems, type RawFeed } from './raw-item';

/**
 * rss-parser hands back whatever xml2js made of the document: a field may be a string, an
 * object with `_` and `$`, an array, or missing. Every field is type-checked here.
 */

type Loose = Record<string, unknown>;

const isObject = (v: unknown): v is Loose => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Text of an xml2js node: a string, `{ _: string }`, or the first of an array of those. */
export function textOf(value: unknown): string | undefined {
  if (typeof value === 'string') return value;
  if (typeof value === 'number') return String(value);
  if (Array.isArray(value)) return textOf(value[0]);
  if (isObject(value)) return typeof value._ === 'string' ? value._ : undefined;
  return undefined;
}

const attrs = (value: unknown): Loose => (isObject(value) && isObject(value.$) ? value.$ : {});
const list = (value: unknown): unknown[] => (Array.isArray(value) ? value : value === undefined ? [] : [value]);

function categoriesOf(item: Loose): string[] {
  return list(item.rawCategories ?? item.categories)
    .map((c) => textOf(c) ?? textOf(attrs(c).term) ?? textOf(attrs(c).label))
    .filter((c): c is string => c !== undefined && c.trim().length > 0);
}

function mediaOf(item: Loose): unknown[] {
  const media: unknown[] = [];
  const add = (url: unknown, type: unknown, sha: unknown, bytes: unknown): void => {
    const u = textOf(url)?.trim();
    if (!u) return;
    const n = Number(textOf(bytes));
    media.push({
      url: u,
      ...(textOf(type) ? { type: textOf(type) } : {}),
      ...(textOf(sha) ? { sha256: textOf(sha)?.trim() } : {}),
      ...(Number.isInteger(n) && n > 0 ? { bytes: n } : {}),
    });
  };
  const sha = textOf(item['kiosk:sha256']);
  const enclosure = item.enclosure;
  if (isObject(enclosure)) add(enclosure.url, enclosure.type, sha, enclosure.length);
  for (const link of list(item.rawLinks)) {
    const a = attrs(link);
    if (textOf(a.rel) === 'enclosure') add(a.href, a.type, sha, a.length);
  }
  const groups = list(item.mediaGroup).flatMap((g) => (isObject(g) ? list(g['media:content']) : []));
  for (const content of [...list(item.mediaContent), ...groups]) {
    const a = attrs(content);
    const medium = textOf(a.medium);
    const type = textOf(a.type) ?? (medium === 'video' || medium === 'image' ? `${medium}/*` : undefined);
    add(a.url, type, a.hash ?? sha, a.fileSize);
  }
  return media.slice(0, 20);
}

function keyOf(item: Loose, index: number): string {
  const link = textOf(item.link) ?? textOf(attrs(list(item.rawLinks)[0]).href);
  return (textOf(item.guid) ?? textOf(item.id) ?? link ?? textOf(item['rdf:about']) ?? `#${index}:${textOf(item.title) ?? ''}`).trim() || `#${index}`;
}

function itemOf(value: unknown, index: number): unknown {
  if (!isObject(value)) return value;
  const text = textOf(value['content:encoded']) ?? textOf(value.content) ?? textOf(value.summary) ?? textOf(value.description);
  const opt = (name: string): string | undefined => textOf(value[name])?.trim() || undefined;
  return {
    key: keyOf(value, index),
    title: textOf(value.title),
    text,
    kind: opt('kiosk:kind'),
    categories: categoriesOf(value).slice(0, 50),
    published: textOf(value.isoDate) ?? textOf(value.pubDate) ?? textOf(value.date),
    media: mediaOf(value),
    level: opt('kiosk:level'),
    starts: opt('kiosk:starts'),
    expires: opt('kiosk:expires'),
    lesson: opt('kiosk:lesson'),
    amount: opt('kiosk:amount'),
    fraudType: opt('kiosk:fraudType'),
    qr: opt('kiosk:qr'),
    regions: opt('kiosk:regions'),
    locale: opt('kiosk:locale') ?? opt('language'),
  };
}

function versionOf(value: unknown): number | undefined {
  const text = textOf(value)?.trim();
  if (!text || !/^\d{1,15}$/.test(text)) return undefined;
  return Number(text);
}

/** The output of rss-parser's `parseString` (with our custom fields) to a RawFeed. */
export function normaliseRss(parsed: unknown, format: 'rss' | 'atom'): RawFeed {
  const feed = isObject(parsed) ? parsed : {};
  const { items, rejected } = toRawItems(list(feed.items).map(itemOf));
  const version = versionOf(feed['kiosk:version']);
  const expires = textOf(feed['kiosk:expires'])?.trim();
  return {
    format,
    title: textOf(feed.title),
    language: textOf(feed.language),
    ...(version !== undefined ? { version } : {}),
    ...(expires ? { expires } : {}),
    items,
    rejected,
  };
}
