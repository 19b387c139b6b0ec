/** FNV-1a 64-bit as hex: a stable, short, filename-safe id from any string (not for security). */
export function stableHash(text: string): string {
  let hash = 0xcbf29ce484222325n;
  const prime = 0x100000001b3n;
  for (let i = 0; i < text.length; i++) {
    hash ^= BigInt(text.charCodeAt(i));
    hash = (hash * prime) & 0xffffffffffffffffn;
  }
  return hash.toString(16).padStart(16, '0');
}

export const feedItemId = (sourceUrl: string, key: string): string =>
  `feed-${stableHash(`${sourceUrl}\n${key}`)}`;
