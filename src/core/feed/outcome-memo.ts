/**
 * What mapping decided for each item, kept between syncs: a feed polled again brings mostly
 * the items it brought before, byte for byte, and mapping one (plain text, the item's schema,
 * the content policy) costs far more than recognising it. One table per feed context (source,
 * kind, tags, media rules, feed language and title, policy); an item's key is its whole parsed
 * form. Bounded: a full table, or too many tables, are dropped whole.
 */
const MAX_ITEMS = 20_000;
const MAX_TABLES = 16;
const tables = new Map<string, Map<string, unknown>>();

export function outcomeTable<T>(context: string): Map<string, T> {
  const table = tables.get(context);
  if (table && table.size < MAX_ITEMS) return table as Map<string, T>;
  if (tables.size >= MAX_TABLES) tables.clear();
  const fresh = new Map<string, T>();
  tables.set(context, fresh as Map<string, unknown>);
  return fresh;
}
