import { z } from 'zod';
import { KIOSK_FIELDS, toRawItems, type RawFeed } from './raw-item';

/** Our extension object on JSON Feed items and on the feed (`_kiosk`), per JSON Feed 1.1 §"Extensions". */
const KioskItemExtension = z
  .object({
    kind: z.string().max(40).optional(),
    ...KIOSK_FIELDS,
    sha256: z.string().max(64).optional(),
  })
  .catch({});

const Attachment = z.object({
  url: z.string().max(2048),
  mime_type: z.string().max(100).optional(),
  size_in_bytes: z.number().optional(),
  _sha256: z.string().optional(),
});

const JsonFeedItem = z.object({
  id: z.union([z.string(), z.number()]).transform(String),
  url: z.string().optional(),
  title: z.string().optional(),
  content_text: z.string().optional(),
  content_html: z.string().optional(),
  summary: z.string().optional(),
  image: z.string().optional(),
  date_published: z.string().optional(),
  date_modified: z.string().optional(),
  tags: z.array(z.string()).optional(),
  language: z.string().optional(),
  attachments: z.array(Attachment).optional(),
  _kiosk: KioskItemExtension.optional(),
});

export const JsonFeed = z.object({
  version: z.string().regex(/^https:\/\/jsonfeed\.org\/version\/1(\.1)?$/, 'a JSON Feed version URL'),
  title: z.string().optional(),
  language: z.string().optional(),
  items: z.array(z.unknown()),
  _kiosk: z
    .object({ version: z.number().int().nonnegative().optional(), expires: z.string().optional() })
    .catch({})
    .optional(),
});
export type JsonFeed = z.infer<typeof JsonFeed>;

function toRawInput(value: unknown): unknown {
  const parsed = JsonFeedItem.safeParse(value);
  if (!parsed.success) return value;
  const item = parsed.data;
  const ext = item._kiosk ?? {};
  const media = (item.attachments ?? []).map((a) => ({
    url: a.url,
    ...(a.mime_type ? { type: a.mime_type } : {}),
    ...((a._sha256 ?? ext.sha256) ? { sha256: a._sha256 ?? ext.sha256 } : {}),
  }));
  if (item.image) media.push({ url: item.image, type: 'image/*' });
  const { sha256: _unused, ...rest } = ext;
  return {
    key: item.id || item.url,
    title: item.title,
    text: item.content_text ?? item.content_html ?? item.summary,
    categories: item.tags ?? [],
    published: item.date_published ?? item.date_modified,
    media,
    ...rest,
    locale: ext.locale ?? item.language,
  };
}

export function normaliseJsonFeed(feed: JsonFeed): RawFeed {
  const { items, rejected } = toRawItems(feed.items.map(toRawInput));
  const ext = feed._kiosk ?? {};
  return {
    format: 'json-feed',
    title: feed.title,
    language: feed.language,
    ...(ext.version !== undefined ? { version: ext.version } : {}),
    ...(ext.expires ? { expires: ext.expires } : {}),
    items,
    rejected,
  };
}
